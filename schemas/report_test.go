package schemas

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// duplicate finds the pair a pairwise search finds, in lists long enough
// to be searched through the map.
func TestDuplicateAgreesWithPairwise(t *testing.T) {
	values := []any{
		"a", "b", "1", json.Number("1"), json.Number("1.0"), json.Number("1e0"), 1.0, json.Number("2"),
		true, false, nil, math.NaN(), math.Inf(1),
		map[string]any{"a": json.Number("1")}, map[string]any{"a": 1.0}, map[string]any{"a": "1"}, map[string]any{},
		[]any{json.Number("1"), "a"}, []any{1.0, "a"}, []any{"a", 1.0}, []any{}, []any{math.NaN()},
		map[string]any{"a": math.NaN()}, `{"a":1}`, "[]",
	}
	pairwise := func(a []any) (int, int) {
		for i := 1; i < len(a); i++ {
			for j := 0; j < i; j++ {
				if jsontree.Equal(a[i], a[j]) {
					return j, i
				}
			}
		}
		return -1, -1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 21 + rng.IntN(40)
		a := make([]any, n)
		for i := range a {
			if rng.IntN(4) == 0 {
				a[i] = values[rng.IntN(len(values))]
			} else {
				a[i] = strings.Repeat("x", i+1) // distinct
			}
		}
		j, i := pairwise(a)
		gj, gi := duplicate(a)
		assert.Equal(t, [2]int{j, i}, [2]int{gj, gi}, "%v", a)
	}
}

// A long list of distinct labels is checked in time that grows with it:
// the browser's reporter no longer compares every pair.
func BenchmarkDuplicate(b *testing.B) {
	a := make([]any, 100_000)
	for i := range a {
		a[i] = strings.Repeat("x", i%50) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)) + string(rune('a'+i/17576%26))
	}
	if j, i := duplicate(a); j >= 0 {
		b.Fatalf("the list has a duplicate: %d, %d", j, i)
	}
	b.ReportAllocs()
	for b.Loop() {
		duplicate(a)
	}
}
