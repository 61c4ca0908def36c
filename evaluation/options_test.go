package evaluation

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func without(flags []Flag, code string) []Flag {
	out := []Flag{}
	for _, f := range flags {
		if f.Code != code {
			out = append(out, f)
		}
	}
	return out
}

func hasFlag(flags []Flag, code string) bool {
	for _, f := range flags {
		if f.Code == code {
			return true
		}
	}
	return false
}

func TestOptionsScoreFlags(t *testing.T) {
	// The mini health check's question weights add up to 6.
	twoThirds := map[string]*int{"sg1": ptr(5), "sg2": ptr(4), "gv1": ptr(1)} // 4 of 6; governance in Concern
	half := map[string]*int{"sg1": ptr(5), "sg2": ptr(4)}                     // 3 of 6
	tests := []struct {
		name       string
		answers    map[string]*int
		opts       Options
		code       string
		byDef, got bool
	}{
		{"coverage 0.67 passes 0.6", twoThirds, Options{LowCoverage: 0.6}, FlagLowCoverage, false, false},
		{"coverage 0.67 is low under 0.7", twoThirds, Options{LowCoverage: 0.7}, FlagLowCoverage, false, true},
		{"coverage 0.5 is low under 0.6", half, Options{LowCoverage: 0.55}, FlagLowCoverage, true, true},
		{"coverage 0.5 is not under 0.5", half, Options{LowCoverage: 0.5}, FlagLowCoverage, true, false},
		{"coverage.low off", half, Options{Off: []string{FlagLowCoverage}}, FlagLowCoverage, true, false},
		{"dimension.concern off", twoThirds, Options{Off: []string{FlagConcern}}, FlagConcern, true, false},
	}
	f := mini(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := f.Score(answers(tt.answers))
			require.NoError(t, err)
			zero, err := Options{}.Score(f, answers(tt.answers))
			require.NoError(t, err)
			assert.Equal(t, def, zero, "the zero Options are the defaults")
			got, err := tt.opts.Score(f, answers(tt.answers))
			require.NoError(t, err)
			assert.Equal(t, tt.byDef, hasFlag(def.Flags, tt.code))
			assert.Equal(t, tt.got, hasFlag(got.Flags, tt.code))
			assert.Equal(t, without(def.Flags, tt.code), without(got.Flags, tt.code), "only %s changes", tt.code)
			def.Flags, got.Flags = nil, nil
			assert.Equal(t, def, got, "the scores are the same")
		})
	}
}

func TestOptionsCombineFlags(t *testing.T) {
	spread22 := []*Score{score("", "", 50, 50), score("", "", 72, 50)}
	apart15 := []*Score{score("a", "", 60, 60), score("b", "", 45, 45)}
	gap15 := []*Score{score("", ReviewSelf, 60, 50), score("", ReviewPeer, 75, 50)}
	tests := []struct {
		name       string
		scores     []*Score
		opts       Options
		code       string
		byDef, got bool
	}{
		{"a spread of 22 is no disagreement", spread22, Options{DisagreeSpread: 25}, FlagDisagree, false, false},
		{"a spread of 22 is disagreement from 20", spread22, Options{DisagreeSpread: 20}, FlagDisagree, false, true},
		{"a spread of 22 is disagreement from 22", spread22, Options{DisagreeSpread: 22}, FlagDisagree, false, true},
		{"a spread of 22 is not from 22.5", spread22, Options{DisagreeSpread: 22.5}, FlagDisagree, false, false},
		{"partners 15 apart are balanced", apart15, Options{ImbalanceGap: 20}, FlagImbalance, false, false},
		{"partners 15 apart are imbalanced from 15", apart15, Options{ImbalanceGap: 15}, FlagImbalance, false, true},
		{"a review gap of 15 is none", gap15, Options{ReviewGap: 20}, FlagReviewGap, false, false},
		{"a review gap of 15 is one from 10", gap15, Options{ReviewGap: 10}, FlagReviewGap, false, true},
		{"review.gap off", gap15, Options{ReviewGap: 10, Off: []string{FlagReviewGap}}, FlagReviewGap, false, false},
		{"respondents.disagree off", []*Score{score("", "", 20, 50), score("", "", 90, 50)}, Options{Off: []string{FlagDisagree}}, FlagDisagree, true, false},
		{"partners.imbalance off", []*Score{score("a", "", 90, 90), score("b", "", 20, 20)}, Options{Off: []string{FlagImbalance}}, FlagImbalance, true, false},
	}
	f := mini(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := Combine(f, tt.scores)
			require.NoError(t, err)
			c := tt.opts.NewCombiner(f)
			for _, s := range tt.scores {
				require.NoError(t, c.Add(s))
			}
			got := c.Result()
			assert.Equal(t, tt.byDef, hasFlag(def.Flags, tt.code))
			assert.Equal(t, tt.got, hasFlag(got.Flags, tt.code))
			assert.Equal(t, without(def.Flags, tt.code), without(got.Flags, tt.code), "only %s changes", tt.code)
			def.Flags, got.Flags = nil, nil
			assert.Equal(t, def, got)
		})
	}
}

func TestOptionsIndicatorMargins(t *testing.T) {
	// Halfway through the time: expected progress 0.5.
	ind := func(actual float64) Indicator {
		return Indicator{ID: "i", Baseline: 0, Target: 100, Actual: actual, Start: day("2027-01-01"), Deadline: day("2027-01-11")}
	}
	at := day("2027-01-06")
	tests := []struct {
		name       string
		actual     float64
		opts       Options
		byDef, got Status
	}{
		{"0.35 is at risk, on track within 0.2", 35, Options{OnTrackMargin: 0.2}, StatusAtRisk, StatusOnTrack},
		{"0.4 is on track, at risk within 0.05", 40, Options{OnTrackMargin: 0.05}, StatusOnTrack, StatusAtRisk},
		{"0.2 is off track, at risk within 0.3", 20, Options{AtRiskMargin: 0.3}, StatusOffTrack, StatusAtRisk},
		{"0.3 is at risk, off track within 0.15", 30, Options{OnTrackMargin: 0.1, AtRiskMargin: 0.15}, StatusAtRisk, StatusOffTrack},
		{"met is met", 100, Options{OnTrackMargin: 0.5, AtRiskMargin: 0.9}, StatusMet, StatusMet},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := Progress(ind(tt.actual), at)
			require.NoError(t, err)
			got, err := tt.opts.IndicatorProgress(ind(tt.actual), at)
			require.NoError(t, err)
			assert.Equal(t, tt.byDef, def.Status)
			assert.Equal(t, tt.got, got.Status)
			def.Status, got.Status = "", ""
			assert.Equal(t, def, got, "only the status changes")

			d := &Indicators{AsOf: at, Indicators: []Indicator{ind(tt.actual)}}
			list, err := tt.opts.Progress(d)
			require.NoError(t, err)
			assert.Equal(t, tt.got, list[0].Status)
			outcomes, err := tt.opts.ProgressByOutcome(d)
			require.NoError(t, err)
			assert.Equal(t, tt.got, outcomes[0].Status)
		})
	}
}

func TestOptionsInvalid(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		option string
		says   string
	}{
		{"coverage above 1", Options{LowCoverage: 1.5}, "/lowCoverage", "not 1.5"},
		{"coverage below 0", Options{LowCoverage: -0.1}, "/lowCoverage", "not -0.1"},
		{"coverage not a number", Options{LowCoverage: math.NaN()}, "/lowCoverage", "from 0 to 1"},
		{"spread above 100", Options{DisagreeSpread: 101}, "/disagreeSpread", "not 101"},
		{"imbalance below 0", Options{ImbalanceGap: -5}, "/imbalanceGap", "not -5"},
		{"review gap infinite", Options{ReviewGap: math.Inf(1)}, "/reviewGap", "from 0 to 100"},
		{"on-track margin above the at-risk", Options{OnTrackMargin: 0.3}, "/atRiskMargin", "below the on-track margin (0.3)"},
		{"at-risk margin above 1", Options{AtRiskMargin: 2}, "/atRiskMargin", "not 2"},
		{"unknown flag", Options{Off: []string{FlagConcern, "coverage.lo"}}, "/off/1", `no flag has the code "coverage.lo"`},
	}
	f := mini(t)
	req := map[string]any{"framework": "partnership-health-check", "assessments": []any{map[string]any{"framework": "partnership-health-check", "answers": map[string]any{}}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			var oe *partnership.OptionError
			require.True(t, errors.As(err, &oe), "%v", err)
			assert.Equal(t, tt.option, oe.Option)
			assert.Contains(t, err.Error(), tt.says)
			_, err2 := tt.opts.Score(f, answers(map[string]*int{"sg1": ptr(3)}))
			assert.Equal(t, err, err2)
			assert.Equal(t, err, tt.opts.NewCombiner(f).Add(score("", "", 50, 50)))
			_, err2 = tt.opts.NewScorer(f).Add(answers(map[string]*int{"sg1": ptr(3)}))
			assert.Equal(t, err, err2)
			_, err2 = tt.opts.ScoreRequest(req)
			assert.Equal(t, err, err2)
			_, err2 = tt.opts.Progress(&Indicators{})
			assert.Equal(t, err, err2)
		})
	}
}

// A score request's answer names the options in force, and only when a
// programme set any.
func TestOptionsScoreRequest(t *testing.T) {
	doc := func() any {
		v, err := schemas.Decode([]byte(`{"framework": ` + string(readFile(t, dataDir+"framework-mini.json")) + `, "assessments": [` + string(readFile(t, dataDir+"assessment-mini.json")) + `]}`))
		require.NoError(t, err)
		return v
	}
	def, err := ScoreRequest(doc())
	require.NoError(t, err)
	assert.Nil(t, def.Options)
	zero, err := Options{}.ScoreRequest(doc())
	require.NoError(t, err)
	assert.Equal(t, def, zero)
	got, err := Options{LowCoverage: 0.9, Off: []string{FlagConcern}}.ScoreRequest(doc())
	require.NoError(t, err)
	b, err := json.Marshal(got.Options)
	require.NoError(t, err)
	assert.JSONEq(t, `{"lowCoverage": 0.9, "disagreeSpread": 25, "imbalanceGap": 20, "reviewGap": 20, "onTrackMargin": 0.1, "atRiskMargin": 0.25, "off": ["dimension.concern"]}`, string(b))
	assert.Equal(t, hasFlag(def.Results[0].Flags, FlagConcern), true)
	assert.False(t, hasFlag(got.Results[0].Flags, FlagConcern))
}
