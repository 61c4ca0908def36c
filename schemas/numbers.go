package schemas

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/pointer"
)

// MaxExponent bounds the exponent of a number written with one, such as
// 1e400. jsonschema/v6 reads every number exactly as a big.Rat: an exponent
// too large to read makes it panic, and a merely enormous one (1e999999999)
// makes it build an integer of hundreds of megabytes. No partnerkit
// document needs either, so such numbers are reported without asking it.
const MaxExponent = 400

// MaxDigits bounds how many digits a number may be written with, before
// and after the decimal point together. Reading a number exactly takes
// time that grows with the square of its digits (a million digits take
// seconds), and a long fraction makes jsonschema/v6 panic; no partnerkit
// document needs more than a few, so longer numbers are reported without
// asking it, as for MaxExponent.
const MaxDigits = 400

// KeywordNumber is the Violation.Keyword for a number too large or too
// small to check (see MaxExponent), written with too many digits (see
// MaxDigits), or not finite.
const KeywordNumber = "number"

// outlandish returns a violation for every number in doc that is not
// finite, whose exponent is beyond MaxExponent or that has more than
// MaxDigits digits. Such numbers are rare: a first pass looks for one
// without building a JSON Pointer for every value, and only when it finds
// one does a second pass say where each is.
func outlandish(doc any) []Violation {
	if !hasOutlandish(doc) {
		return nil
	}
	var out []Violation
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				walk(x[k], pointer.Join(at, k))
			}
		case []any:
			for i, e := range x {
				walk(e, pointer.Index(at, i))
			}
		case json.Number:
			if msg := numberProblem(string(x)); msg != "" {
				out = append(out, Violation{Path: at, Keyword: KeywordNumber, Message: msg})
			}
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				out = append(out, numberViolation(at))
			}
		case float32:
			if math.IsInf(float64(x), 0) || math.IsNaN(float64(x)) {
				out = append(out, numberViolation(at))
			}
		}
	}
	walk(doc, "")
	return out
}

// hasOutlandish reports whether outlandish would find anything in v.
func hasOutlandish(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if hasOutlandish(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasOutlandish(e) {
				return true
			}
		}
	case json.Number:
		return numberProblem(string(x)) != ""
	case float64:
		return math.IsInf(x, 0) || math.IsNaN(x)
	case float32:
		return math.IsInf(float64(x), 0) || math.IsNaN(float64(x))
	}
	return false
}

const msgOutlandish = "this number is too large or too small to check: write it in ordinary form, such as 1.5 or 1000"

func numberViolation(at string) Violation {
	return Violation{Path: at, Keyword: KeywordNumber, Message: msgOutlandish}
}

// numberProblem says what is wrong with a number written as text, or ""
// when it can be checked. It reads the text once, in time linear in its
// length.
func numberProblem(text string) string {
	mantissa, exp, hasExp := strings.Cut(text, "e")
	if !hasExp {
		mantissa, exp, hasExp = strings.Cut(text, "E")
	}
	digits := 0
	if len(mantissa) > MaxDigits { // else it cannot have too many
		for i := 0; i < len(mantissa); i++ {
			if c := mantissa[i]; c >= '0' && c <= '9' {
				digits++
			}
		}
	}
	if digits > MaxDigits {
		return "this number has " + strconv.Itoa(digits) + " digits, more than can be checked: write it with " +
			strconv.Itoa(MaxDigits) + " digits or fewer, such as 1.5 or 1000"
	}
	if hasExp {
		if e, err := strconv.Atoi(exp); err != nil || e > MaxExponent || e < -MaxExponent {
			return msgOutlandish
		}
	}
	return ""
}
