package jsontree

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
)

// Exact returns a number's exact value, or nil if v is not a number (or
// is infinite or NaN). It reads json.Number, float64, float32, int and
// int64.
func Exact(v any) *big.Rat {
	var text string
	switch x := v.(type) {
	case json.Number:
		text = string(x)
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return nil
		}
		return new(big.Rat).SetFloat64(x)
	case float32:
		return Exact(float64(x))
	case int:
		text = strconv.Itoa(x)
	case int64:
		text = strconv.FormatInt(x, 10)
	default:
		return nil
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return nil
	}
	return r
}

// Equal reports whether two decoded JSON values are the same value, as
// JSON Schema compares them (const, enum, uniqueItems): numbers by their
// exact value at any depth ({"a": 2} is {"a": 2.0}; 9007199254740993 is
// not 9007199254740992), objects whatever the order of their members. A
// value of any other Go type is equal to nothing.
func Equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !Equal(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case string, bool, nil:
		return a == b
	}
	ra, rb := Exact(a), Exact(b)
	return ra != nil && rb != nil && ra.Cmp(rb) == 0
}
