package evaluation

import (
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/text"

	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// InvalidError reports a document, or a value built in Go, that breaks its
// schema or the rules. Every parse, score, progress and effect-size error
// caused by the input is an *InvalidError; use errors.As to reach its
// findings:
//
//	var inv *evaluation.InvalidError
//	if errors.As(err, &inv) {
//		for _, f := range inv.Findings {
//			fmt.Println(f.Path, f.Message) // /answers/sg2 The answer 7 is outside the scale, which runs from 1 to 5.
//		}
//	}
type InvalidError struct {
	// Document is the name of the schema of what was invalid:
	// schemas.Framework, schemas.Assessment, schemas.Indicators,
	// schemas.Effect, or schemas.ScoreRequest for a score request whose
	// envelope is wrong or whose assessments cannot be combined.
	Document string
	// Findings lists every problem; at least one is an error. Paths are
	// JSON Pointers into the document.
	Findings []finding.Finding
	// Err is the underlying error, if any: a *schemas.SyntaxError (with the
	// line and column) when the text is not well-formed JSON.
	Err error
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	b.WriteString("evaluation: invalid ")
	b.WriteString(e.Document)
	errs := 0
	for _, f := range e.Findings {
		if f.Severity != finding.Error {
			continue
		}
		errs++
		if errs == 1 {
			b.WriteString(": ")
			if f.Path != "" {
				b.WriteString(pointer.Dotted(f.Path))
				b.WriteString(": ")
			}
			b.WriteString(text.LowerFirst(strings.TrimSuffix(f.Message, ".")))
		}
	}
	if errs > 1 {
		b.WriteString(" (and " + strconv.Itoa(errs-1) + " more)")
	}
	return b.String()
}

// Unwrap returns the underlying error, if any.
func (e *InvalidError) Unwrap() error { return e.Err }

// Has reports whether the error has a finding with the given code.
func (e *InvalidError) Has(code string) bool {
	for _, f := range e.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// invalid returns an *InvalidError when findings has an error, else nil.
func invalid(doc string, findings []finding.Finding) error {
	if finding.Valid(findings) {
		return nil
	}
	return &InvalidError{Document: doc, Findings: findings}
}

// decode decodes a document. Malformed JSON gives one "syntax" finding
// and the *schemas.SyntaxError.
func decode(data []byte) (any, []finding.Finding, error) {
	doc, err := schemas.Decode(data)
	if err != nil {
		return nil, []finding.Finding{schemas.SyntaxFinding(err)}, err
	}
	return doc, nil, nil
}

// validate checks a decoded document against its schema: one "schema"
// finding per violation.
func validate(doc any, schema string) []finding.Finding {
	vs := schemas.MustLookup(schema).Validate(doc)
	findings := make([]finding.Finding, 0, len(vs))
	for _, v := range vs {
		f := v.Finding()
		if v.Keyword == schemas.KeywordNumber {
			f.Code = "number.not-finite" // too large or small to check: see schemas.MaxExponent
		}
		findings = append(findings, f)
	}
	return findings
}

// merge appends the rule findings to the schema findings, leaving out a
// rule finding at or under a path the schema already reported: each
// problem is told once.
func merge(schema, rules []finding.Finding) []finding.Finding {
	if len(schema) == 0 {
		return rules
	}
	reported := make(map[string]bool, len(schema))
	for _, s := range schema {
		reported[s.Path] = true
	}
	out := schema
	for _, r := range rules {
		if !covered(reported, r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// covered reports whether path, or a pointer above it, is in reported.
func covered(reported map[string]bool, path string) bool {
	for {
		if reported[path] {
			return true
		}
		i := strings.LastIndexByte(path, '/')
		if i < 0 {
			return false
		}
		path = path[:i]
	}
}

// Reading decoded trees. The accessors are tolerant: a value of the wrong
// type reads as absent, because the schema has already reported it.

// maxExact is the largest whole number a float64 holds exactly.
const maxExact = 1 << 53

// number reads a number: ok is false when v is not a number. A number too
// large for a float64 reads as ±Inf, for the rules to report, and one too
// small as 0.
func number(v any) (f float64, ok bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, false
		}
		return f, true // ±Inf when too large, 0 when too small
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// wholeNumber reads a whole number. exact is false when the number is
// whole but too large to hold exactly; the value is then clamped to ±2⁵³.
func wholeNumber(v any) (n int64, exact, ok bool) {
	f, ok := number(v)
	if !ok || f != math.Trunc(f) || math.IsNaN(f) {
		return 0, false, false
	}
	if f > maxExact {
		return maxExact, false, true
	}
	if f < -maxExact {
		return -maxExact, false, true
	}
	return int64(f), true, true
}

func date(m map[string]any, key string) partnership.Date {
	d, _ := partnership.ParseDate(jsontree.String(m, key))
	return d
}

// formatNumber writes a number as people do: 62.5, 50, 0.25.
func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// isSlug reports whether s is a short id: letters, digits, dots, hyphens or
// underscores, starting with a letter or digit, at most 64 bytes, as the
// schemas' slug says.
func isSlug(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case (c == '.' || c == '-' || c == '_') && i > 0:
		default:
			return false
		}
	}
	return true
}

// near is the tolerance for comparing a score with a threshold or a band's
// start, so that a score computed as 49.99999999999999 counts as 50.
const near = 1e-9
