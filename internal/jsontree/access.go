package jsontree

import (
	"encoding/json"
	"strconv"
)

// The accessors below read a decoded tree tolerantly: a value of the wrong
// type reads as absent. Callers validate the tree against a schema first, so
// a wrong type has already been reported; reading tolerantly lets the
// semantic checks still run on everything else.

// Object returns v as an object, or nil.
func Object(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// Array returns v as an array, or nil.
func Array(v any) []any {
	a, _ := v.([]any)
	return a
}

// String returns m[key] as a string, or "".
func String(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// Bool returns m[key] as a bool, or false.
func Bool(m map[string]any, key string) bool {
	b, _ := m[key].(bool)
	return b
}

// Number returns v as a float64 and whether it is a number.
func Number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		return f, err == nil
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// NumberPtr returns m[key] as a *float64, or nil when it is absent or not a number.
func NumberPtr(m map[string]any, key string) *float64 {
	if f, ok := Number(m[key]); ok {
		return &f
	}
	return nil
}

// Strings returns m[key] as a slice of its string elements, skipping any
// element that is not a string, or nil.
func Strings(m map[string]any, key string) []string {
	a := Array(m[key])
	if a == nil {
		return nil
	}
	out := make([]string, 0, len(a))
	for _, e := range a {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
