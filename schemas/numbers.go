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

// KeywordNumber is the Violation.Keyword for a number too large or too
// small to check (see MaxExponent), or not finite.
const KeywordNumber = "number"

// outlandish returns a violation for every number in doc that is not
// finite or whose exponent is beyond MaxExponent.
func outlandish(doc any) []Violation {
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
			if i := strings.IndexAny(string(x), "eE"); i >= 0 {
				exp, err := strconv.Atoi(string(x[i+1:]))
				if err != nil || exp > MaxExponent || exp < -MaxExponent {
					out = append(out, numberViolation(at))
				}
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

func numberViolation(at string) Violation {
	return Violation{Path: at, Keyword: KeywordNumber,
		Message: "this number is too large or too small to check: write it in ordinary form, such as 1.5 or 1000"}
}
