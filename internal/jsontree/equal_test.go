package jsontree

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEqual(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b any
		want bool
	}{
		{"numbers by value", json.Number("2"), json.Number("2.0"), true},
		{"exponent", json.Number("1e2"), 100.0, true},
		{"beyond float64's precision", json.Number("9007199254740993"), json.Number("9007199254740992"), false},
		{"at any depth", map[string]any{"a": []any{json.Number("2")}}, map[string]any{"a": []any{2.0}}, true},
		{"members in any order", map[string]any{"a": "x", "b": true}, map[string]any{"b": true, "a": "x"}, true},
		{"a member more", map[string]any{"a": "x"}, map[string]any{"a": "x", "b": nil}, false},
		{"arrays in order", []any{"a", "b"}, []any{"b", "a"}, false},
		{"a string is not a number", "2", json.Number("2"), false},
		{"null", nil, nil, true},
		{"NaN is equal to nothing", math.NaN(), math.NaN(), false},
		{"another Go type is equal to nothing", []string{"a"}, []string{"a"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Equal(tc.a, tc.b))
			assert.Equal(t, tc.want, Equal(tc.b, tc.a), "either way round")
		})
	}
}

func TestExact(t *testing.T) {
	assert.Equal(t, "1/10", Exact(json.Number("0.1")).RatString())
	assert.Equal(t, "7", Exact(7).RatString())
	assert.Equal(t, "-3", Exact(int64(-3)).RatString())
	assert.Nil(t, Exact(math.Inf(1)))
	assert.Nil(t, Exact(json.Number("not a number")))
	assert.Nil(t, Exact("1"))
}
