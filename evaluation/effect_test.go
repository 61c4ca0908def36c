package evaluation

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"testing"

	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEffect(t *testing.T) {
	tests := []struct {
		name                     string
		intervention, comparison Group
		g, se, low, high         float64
		months                   int
	}{
		{
			// pooled SD 10; d = 1; J = 1 - 3/(4×20 - 9) = 68/71; g = 68/71 = 0.9577
			// SE = sqrt(20/100 + g²/40) = 0.4722; rounds to 0.96: 12 months
			name:         "one standard deviation",
			intervention: Group{Mean: 10, SD: 10, N: 10}, comparison: Group{Mean: 0, SD: 10, N: 10},
			g: 68.0 / 71, se: 0.4721567090965162, low: 68.0/71 - 1.96*0.4721567090965162, high: 68.0/71 + 1.96*0.4721567090965162, months: 12,
		},
		{
			name:         "negative g gives negative months",
			intervention: Group{Mean: 0, SD: 10, N: 10}, comparison: Group{Mean: 10, SD: 10, N: 10},
			g: -68.0 / 71, se: 0.4721567090965162, low: -68.0/71 - 1.96*0.4721567090965162, high: -68.0/71 + 1.96*0.4721567090965162, months: -12,
		},
		{
			// pooled SD 8; d = 0.25; J = 1 - 3/231; g = 0.2468, rounds to 0.25: 3 months
			// SE = sqrt(60/900 + g²/120) = 0.2592
			name:         "a small effect",
			intervention: Group{Mean: 52, SD: 8, N: 30}, comparison: Group{Mean: 50, SD: 8, N: 30},
			g: 0.25 * 228 / 231, se: 0.2591795896796799, low: -0.26123874901892585, high: 0.7547452425254193, months: 3,
		},
		{
			// pooled SD = sqrt((85×14.8² + 90×15.3²)/175) = 15.0592; d = 4.1/15.0592 = 0.2723
			// J = 1 - 3/699; g = 0.2711, rounds to 0.27: 4 months; SE = sqrt(177/7826 + g²/354) = 0.1511
			name:         "the schema's example",
			intervention: Group{Mean: 104.2, SD: 14.8, N: 86}, comparison: Group{Mean: 100.1, SD: 15.3, N: 91},
			g: 0.27109002967203044, se: 0.15107784841818886, low: -0.025022553227619704, high: 0.5672026125716806, months: 4,
		},
		{
			// the smallest groups: pooled SD = sqrt((1×1 + 1×9)/2) = sqrt(5); J = 1 - 3/7
			name:         "two pupils each",
			intervention: Group{Mean: 3, SD: 1, N: 2}, comparison: Group{Mean: 1, SD: 3, N: 2},
			g: 2 / math.Sqrt(5) * 4 / 7, se: math.Sqrt(1 + (2/math.Sqrt(5)*4/7)*(2/math.Sqrt(5)*4/7)/8),
			low: 2/math.Sqrt(5)*4/7 - 1.96*math.Sqrt(1+(2/math.Sqrt(5)*4/7)*(2/math.Sqrt(5)*4/7)/8), high: 2/math.Sqrt(5)*4/7 + 1.96*math.Sqrt(1+(2/math.Sqrt(5)*4/7)*(2/math.Sqrt(5)*4/7)/8),
			months: 6, // 0.511 rounds to 0.51
		},
		{
			name:         "no difference",
			intervention: Group{Mean: 5, SD: 2, N: 50}, comparison: Group{Mean: 5, SD: 2, N: 50},
			g: 0, se: math.Sqrt(100.0 / 2500), low: -1.96 * 0.2, high: 1.96 * 0.2, months: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Effect(tt.intervention, tt.comparison)
			require.NoError(t, err)
			assert.InDelta(t, tt.g, e.G, 1e-12, "g")
			assert.InDelta(t, tt.se, e.SE, 1e-12, "SE")
			assert.InDelta(t, tt.low, e.CILow, 1e-12, "CI low")
			assert.InDelta(t, tt.high, e.CIHigh, 1e-12, "CI high")
			assert.Equal(t, tt.months, e.Months)
		})
	}
}

func TestMonths(t *testing.T) {
	tests := []struct {
		g      float64
		months int
	}{
		{0, 0}, {0.004, 0}, {0.005, 0}, {0.01, 0}, {0.014, 0},
		{0.015, 1}, // rounds to 0.02
		{0.02, 1}, {0.09, 1}, {0.094, 1},
		{0.095, 2}, // rounds to 0.10, though stored as 0.0950000000000000011
		{0.10, 2}, {0.18, 2}, {0.184, 2},
		{0.185, 3}, {0.19, 3}, {0.26, 3},
		{0.27, 4}, {0.285, 4}, {0.35, 4}, {0.354, 4},
		{0.355, 5}, {0.36, 5}, {0.44, 5},
		{0.45, 6}, {0.52, 6},
		{0.53, 7}, {0.61, 7},
		{0.62, 8}, {0.69, 8},
		{0.70, 9}, {0.78, 9},
		{0.79, 10}, {0.87, 10},
		{0.88, 11}, {0.95, 11}, {0.954, 11},
		{0.955, 12}, {0.96, 12}, {1, 12}, {2.5, 12}, {1e300, 12},
		{-0.004, 0}, {-0.01, 0}, {-0.015, -1}, {-0.02, -1}, {-0.095, -2}, {-0.27, -4}, {-0.96, -12},
		{math.Inf(1), 12}, {math.Inf(-1), -12}, {math.NaN(), 0},
		{1e-300, 0}, {0.0149999, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.months, Months(tt.g), "g = %v", tt.g)
	}
}

func TestEffectErrors(t *testing.T) {
	ok := Group{Mean: 10, SD: 2, N: 20}
	tests := []struct {
		name                     string
		intervention, comparison Group
		want                     []string
	}{
		{"sd of 0", Group{Mean: 10, SD: 0, N: 20}, ok, []string{"effect.sd /intervention/sd"}},
		{"negative sd", ok, Group{Mean: 10, SD: -1, N: 20}, []string{"effect.sd /comparison/sd"}},
		{"one pupil", Group{Mean: 10, SD: 2, N: 1}, ok, []string{"effect.n /intervention/n"}},
		{"no pupils", ok, Group{Mean: 10, SD: 2}, []string{"effect.n /comparison/n"}},
		{"NaN mean", Group{Mean: math.NaN(), SD: 2, N: 20}, ok, []string{"number.not-finite /intervention/mean"}},
		{"infinite sd", ok, Group{Mean: 1, SD: math.Inf(1), N: 20}, []string{"number.not-finite /comparison/sd"}},
		{"means too far apart", Group{Mean: 1e308, SD: 1, N: 20}, Group{Mean: -1e308, SD: 1, N: 20}, []string{"number.not-finite "}},
		{"sd too small to square", Group{Mean: 1, SD: 1e-200, N: 20}, Group{Mean: 0, SD: 1e-200, N: 20}, []string{"number.not-finite "}},
		{"everything wrong", Group{Mean: math.Inf(1), SD: -1, N: 0}, Group{Mean: 1, SD: 0, N: -5}, []string{
			"number.not-finite /intervention/mean", "effect.sd /intervention/sd", "effect.n /intervention/n",
			"effect.sd /comparison/sd", "effect.n /comparison/n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Effect(tt.intervention, tt.comparison)
			inv := requireInvalid(t, err)
			assert.Equal(t, schemas.Effect, inv.Document)
			assert.Equal(t, tt.want, codes(inv.Findings))
		})
	}
	_, err := Effect(Group{Mean: 1, SD: 0, N: 20}, ok)
	assert.EqualError(t, err, "evaluation: invalid effect: intervention.sd: the standard deviation must be above 0 (it is 0)")
}

func TestParseStudy(t *testing.T) {
	s, err := ParseStudy(readFile(t, "testdata/effect.json"))
	require.NoError(t, err)
	assert.Equal(t, "Year 6 science test score", s.Outcome)
	assert.Equal(t, Group{Mean: 104.2, SD: 14.8, N: 86}, s.Intervention)
	e, err := s.Effect()
	require.NoError(t, err)
	assert.InDelta(t, 0.2711, e.G, 1e-4)
	assert.Equal(t, 4, e.Months)

	data, err := json.Marshal(e)
	require.NoError(t, err)
	var shape map[string]float64
	require.NoError(t, json.Unmarshal(data, &shape))
	assert.Equal(t, []string{"ciHigh", "ciLow", "g", "months", "se"}, slices.Sorted(maps.Keys(shape)))

	_, err = ParseStudy(readFile(t, "testdata/effect-invalid.json"))
	inv := requireInvalid(t, err)
	assert.Equal(t, []string{
		"schema /comparison/sd",
		"schema /intervention/n",
		"schema /intervention/sd",
	}, codes(inv.Findings), "the rules do not repeat the schema")
	assert.Equal(t, "A group has a whole number of at least 2 pupils.", inv.Findings[1].Message)

	_, err = ParseStudy([]byte(`{"intervention": {"mean": 1e999, "sd": 1, "n": 5}, "comparison": {"mean": 1, "sd": 1, "n": 5}}`))
	assert.Equal(t, []string{"number.not-finite /intervention/mean"}, codes(requireInvalid(t, err).Findings))
}
