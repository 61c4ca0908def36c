package evaluation

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// score builds a score of the mini health check; a negative number means
// no score.
func score(partner string, review Review, sg, gv float64) *Score {
	s := &Score{Framework: "mini-health-check", FrameworkVersion: "1.0.0", Partner: partner, Review: review,
		Dimensions: []DimensionScore{{ID: "shared-goals"}, {ID: "governance"}}}
	var sum, w float64
	if sg >= 0 {
		s.Dimensions[0].Score = &sg
		sum, w = sum+2*sg, w+2
	}
	if gv >= 0 {
		s.Dimensions[1].Score = &gv
		sum, w = sum+gv, w+1
	}
	if w > 0 {
		o := sum / w
		s.Overall = &o
	}
	return s
}

type combinedWant struct {
	mean, spread, self, peer any // float64 or nil
}

func TestCombine(t *testing.T) {
	tests := []struct {
		name     string
		scores   []*Score
		overall  any
		sg, gv   combinedWant
		partners []PartnerMean
		flags    []Flag
	}{
		{
			name:     "one respondent",
			scores:   []*Score{score("riverside", ReviewSelf, 62.5, 25)}, // overall (125 + 25) / 3 = 50
			overall:  50.0,
			sg:       combinedWant{62.5, 0.0, 62.5, nil},
			gv:       combinedWant{25.0, 0.0, 25.0, nil},
			partners: []PartnerMean{{Partner: "riverside", Respondents: 1, Overall: 50}},
		},
		{
			// sg: 50 and 75 spread 25, which is enough; gv: 50 and 74 spread 24
			name:     "a spread of exactly 25 is disagreement",
			scores:   []*Score{score("", "", 50, 50), score("", "", 75, 74)},
			overall:  (50.0 + (150.0+74)/3) / 2,
			sg:       combinedWant{62.5, 25.0, nil, nil},
			gv:       combinedWant{62.0, 24.0, nil, nil},
			partners: []PartnerMean{},
			flags:    []Flag{{Code: FlagDisagree, Dimension: "shared-goals"}},
		},
		{
			name:     "a spread just under 25 is not",
			scores:   []*Score{score("", "", 50, 0), score("", "", 74.99, 0)},
			overall:  (100.0/3 + 149.98/3) / 2,
			sg:       combinedWant{62.495, 24.99, nil, nil},
			gv:       combinedWant{0.0, 0.0, nil, nil},
			partners: []PartnerMean{},
		},
		{
			// a: 60 and 80, mean 70; b: 50, 20 below a; c: 51, 19 below a
			name: "partners 20 points apart are imbalanced",
			scores: []*Score{
				score("a", "", 60, 60), score("a", "", 80, 80),
				score("b", "", 50, 50), score("c", "", 51, 51),
			},
			overall:  (60.0 + 80 + 50 + 51) / 4,
			sg:       combinedWant{60.25, 30.0, nil, nil},
			gv:       combinedWant{60.25, 30.0, nil, nil},
			partners: []PartnerMean{{"a", 2, 70}, {"b", 1, 50}, {"c", 1, 51}},
			flags: []Flag{
				{Code: FlagDisagree, Dimension: "shared-goals"},
				{Code: FlagDisagree, Dimension: "governance"},
				{Code: FlagImbalance, Partners: []string{"b", "a"}},
			},
		},
		{
			// sg: self 80, peer 60, 20 apart; gv: self 60, peer 41, 19 apart
			name:     "self-review and peer review 20 points apart",
			scores:   []*Score{score("a", ReviewSelf, 80, 60), score("b", ReviewPeer, 60, 41)},
			overall:  ((160.0+60)/3 + (120.0+41)/3) / 2,
			sg:       combinedWant{70.0, 20.0, 80.0, 60.0},
			gv:       combinedWant{50.5, 19.0, 60.0, 41.0},
			partners: []PartnerMean{{"a", 1, 220.0 / 3}, {"b", 1, 161.0 / 3}},
			flags:    []Flag{{Code: FlagReviewGap, Dimension: "shared-goals"}},
		},
		{
			// sg: self mean (90 + 70) / 2 = 80, peer 55: a gap of 25
			name:     "means by review",
			scores:   []*Score{score("", ReviewSelf, 90, -1), score("", ReviewSelf, 70, -1), score("", ReviewPeer, 55, -1), score("", "", 10, -1)},
			overall:  (90.0 + 70 + 55 + 10) / 4,
			sg:       combinedWant{56.25, 80.0, 80.0, 55.0},
			gv:       combinedWant{nil, nil, nil, nil},
			partners: []PartnerMean{},
			flags:    []Flag{{Code: FlagDisagree, Dimension: "shared-goals"}, {Code: FlagReviewGap, Dimension: "shared-goals"}},
		},
		{
			name:     "nothing to combine",
			scores:   nil,
			overall:  nil,
			sg:       combinedWant{nil, nil, nil, nil},
			gv:       combinedWant{nil, nil, nil, nil},
			partners: []PartnerMean{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Combine(mini(t), tt.scores)
			require.NoError(t, err)
			assert.Equal(t, len(tt.scores), c.Respondents)
			assertNumber(t, tt.overall, c.Overall, "overall")
			require.Len(t, c.Dimensions, 2)
			for i, want := range []combinedWant{tt.sg, tt.gv} {
				d := c.Dimensions[i]
				assertNumber(t, want.mean, d.Mean, d.ID+" mean")
				assertNumber(t, want.spread, d.Spread, d.ID+" spread")
				assertNumber(t, want.self, d.Self, d.ID+" self")
				assertNumber(t, want.peer, d.Peer, d.ID+" peer")
			}
			require.Len(t, c.Partners, len(tt.partners))
			for i, p := range tt.partners {
				assert.Equal(t, p.Partner, c.Partners[i].Partner)
				assert.Equal(t, p.Respondents, c.Partners[i].Respondents)
				assert.InDelta(t, p.Overall, c.Partners[i].Overall, 1e-9)
			}
			if tt.flags == nil {
				tt.flags = []Flag{}
			}
			assert.Equal(t, tt.flags, c.Flags)
		})
	}
}

// Three respondents' assessments, scored and combined.
func TestCombineAssessments(t *testing.T) {
	f := mini(t)
	var scores []*Score
	for _, r := range []struct {
		partner string
		review  Review
		answers map[string]*int
	}{
		// sg (100 + 200 + 100) / 4 = 100; gv 50; overall 250/3
		{"riverside", ReviewSelf, map[string]*int{"sg1": ptr(5), "sg2": ptr(5), "sg3": ptr(1), "gv1": ptr(3), "gv2": ptr(3)}},
		// sg (75 + 150 + 75) / 4 = 75; gv 25; overall 175/3
		{"riverside", ReviewPeer, map[string]*int{"sg1": ptr(4), "sg2": ptr(4), "sg3": ptr(2), "gv1": ptr(2), "gv2": ptr(2)}},
		// sg 50; gv 0; overall 100/3
		{"st-aidans", ReviewSelf, map[string]*int{"sg1": ptr(3), "sg2": ptr(3), "sg3": ptr(3), "gv1": ptr(1), "gv2": ptr(1)}},
	} {
		a := answers(r.answers)
		a.Respondent = Respondent{Partner: r.partner, Review: r.review}
		s, err := f.Score(a)
		require.NoError(t, err)
		scores = append(scores, s)
	}
	c, err := Combine(f, scores)
	require.NoError(t, err)
	assert.InDelta(t, (250.0+175+100)/9, *c.Overall, 1e-9) // 58.33
	assert.Equal(t, "Borderline", c.Band)
	sg, gv := c.Dimensions[0], c.Dimensions[1]
	assert.InDelta(t, 75, *sg.Mean, 1e-9)
	assert.InDelta(t, 50, *sg.Spread, 1e-9)
	assert.InDelta(t, 75, *sg.Self, 1e-9) // (100 + 50) / 2
	assert.InDelta(t, 75, *sg.Peer, 1e-9)
	assert.Equal(t, "Strength", sg.Band)
	assert.InDelta(t, 25, *gv.Mean, 1e-9)
	assert.InDelta(t, 50, *gv.Spread, 1e-9)
	assert.Equal(t, "Concern", gv.Band)
	assert.Equal(t, 3, gv.Respondents)
	require.Len(t, c.Partners, 2)
	assert.InDelta(t, (250.0+175)/6, c.Partners[0].Overall, 1e-9) // riverside 70.83
	assert.InDelta(t, 100.0/3, c.Partners[1].Overall, 1e-9)       // st-aidans 33.33, 37.5 below
	assert.Equal(t, []Flag{
		{Code: FlagDisagree, Dimension: "shared-goals"},
		{Code: FlagDisagree, Dimension: "governance"},
		{Code: FlagImbalance, Partners: []string{"st-aidans", "riverside"}},
	}, c.Flags)

	data, err := json.Marshal(c)
	require.NoError(t, err)
	var shape struct {
		Dimensions []map[string]any `json:"dimensions"`
		Flags      []map[string]any `json:"flags"`
	}
	require.NoError(t, json.Unmarshal(data, &shape))
	require.Len(t, shape.Dimensions, 2)
	for _, key := range []string{"id", "mean", "spread", "self", "peer", "band", "respondents"} {
		assert.Contains(t, shape.Dimensions[0], key)
	}
	assert.InDelta(t, 75, shape.Dimensions[0]["peer"], 1e-9, "peer is a number here")
	assert.Equal(t, "partners.imbalance", shape.Flags[2]["code"])
	var back Combined
	require.NoError(t, json.Unmarshal(data, &back))
	assert.Equal(t, *c, back, "a combination round-trips through JSON")
}

func TestCombineMismatch(t *testing.T) {
	f := mini(t)
	other := score("a", "", 50, 50)
	other.FrameworkVersion = "2.0.0"
	_, err := Combine(f, []*Score{score("a", "", 50, 50), other})
	require.ErrorIs(t, err, ErrMismatch)
	assert.EqualError(t, err, `evaluation: score 2: cannot combine a score of "mini-health-check" version 2.0.0 with "mini-health-check" version 1.0.0: only scores of one framework version and one partnership can be combined`)

	hc, _ := Builtin(HealthCheck)
	c := NewCombiner(hc)
	assert.ErrorIs(t, c.Add(score("a", "", 50, 50)), ErrMismatch, "another framework")

	c = NewCombiner(f)
	fewer := score("a", "", 50, 50)
	fewer.Dimensions = fewer.Dimensions[:1]
	assert.ErrorIs(t, c.Add(fewer), ErrMismatch)
	swapped := score("a", "", 50, 50)
	swapped.Dimensions[0].ID, swapped.Dimensions[1].ID = "governance", "shared-goals"
	assert.ErrorIs(t, c.Add(swapped), ErrMismatch)

	p1, p2 := score("a", "", 50, 50), score("a", "", 50, 50)
	p1.Partnership = uuid.MustParse("3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10")
	p2.Partnership = uuid.MustParse("0f8d6a52-3c1e-4d7b-9b0e-5a2f4c8e1d93")
	require.NoError(t, c.Add(p1))
	require.NoError(t, c.Add(score("a", "", 50, 50)), "a score that names no partnership is fine")
	assert.ErrorIs(t, c.Add(p2), ErrMismatch)
	assert.Equal(t, 2, c.Result().Respondents, "rejected scores are not added")
	assert.Equal(t, p1.Partnership, c.Result().Partnership)

	assert.Error(t, c.Add(nil))
	_, err = Combine(nil, nil)
	assert.Error(t, err)
	assert.False(t, errors.Is(c.Add(nil), ErrMismatch))
	var zero Combiner
	assert.Error(t, zero.Add(score("a", "", 1, 1)))
	assert.Equal(t, 0, zero.Result().Respondents)
	assert.Error(t, NewCombiner(nil).Add(score("a", "", 1, 1)))
}

// Adding a score allocates nothing once its partner has been seen: memory
// grows with partners and dimensions, not with respondents.
func TestCombinerAddDoesNotAllocate(t *testing.T) {
	c := NewCombiner(mini(t))
	s := score("riverside", ReviewPeer, 62.5, 25)
	require.NoError(t, c.Add(s))
	allocs := testing.AllocsPerRun(1000, func() {
		if err := c.Add(s); err != nil {
			panic(err)
		}
	})
	assert.Zero(t, allocs)
	assert.Equal(t, 1001+1, c.Result().Respondents) // AllocsPerRun runs once more to warm up
}
