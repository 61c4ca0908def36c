package evaluation

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// phased is a small phased framework on a 0 to 100 scale, so that an
// answer is its own score: build has a heavy dimension and a light one.
func phased() *Framework {
	return &Framework{
		ID: "phased", Version: "1", Title: "Phased",
		Scale: Scale{Min: 0, Max: 100},
		Dimensions: []Dimension{
			{ID: "b-heavy", Title: "Heavy", Phase: partnership.StageBuild, Weight: 3, Advice: "a", Questions: []Question{{ID: "bh", Text: "x"}}},
			{ID: "b-light", Title: "Light", Phase: partnership.StageBuild, Advice: "a", Questions: []Question{{ID: "bl", Text: "x"}}},
			{ID: "e-one", Title: "Embed one", Phase: partnership.StageEmbed, Advice: "a", Questions: []Question{{ID: "e1", Text: "x"}}},
			{ID: "untagged", Title: "Untagged", Advice: "a", Questions: []Question{{ID: "u1", Text: "x"}}},
		},
		Bands: []Band{{Min: 0, Label: "Concern"}, {Min: 40, Label: "Growing"}, {Min: 70, Label: "Established"}, {Min: 90, Label: "Leading"}},
	}
}

func readinessOf(t *testing.T, f *Framework, answers map[string]int, opts ReadinessOptions) *Readiness {
	t.Helper()
	a := &Assessment{Framework: f.ID, Answers: map[string]Answer{}}
	for id, v := range answers {
		a.Answers[id] = Rating(v)
	}
	s, err := f.Score(a)
	require.NoError(t, err)
	r, err := f.Readiness(s, opts)
	require.NoError(t, err)
	return r
}

func TestReadinessRule(t *testing.T) {
	tests := []struct {
		name     string
		answers  map[string]int
		complete []bool // build, embed
		next     partnership.Stage
		low      []string // build's dimensions in the lowest band
		unscored []string // embed's dimensions with no score
		verdict  string
	}{
		{"both complete", map[string]int{"bh": 80, "bl": 70, "e1": 90, "u1": 0}, []bool{true, true}, "",
			nil, nil, "Every phase is complete: the partnership owns its own journey."},
		{"a phase exactly at the second-highest band is complete", map[string]int{"bh": 70, "bl": 70, "e1": 70}, []bool{true, true}, "",
			nil, nil, "Every phase is complete: the partnership owns its own journey."},
		{"just below it is not", map[string]int{"bh": 70, "bl": 69, "e1": 70}, []bool{false, true}, partnership.StageBuild,
			nil, nil, "Not ready for the next phase yet. Build is not complete yet: the phase scores 69.8, below the 70 of Established."},
		{"a dimension in the lowest band keeps a high phase from completing", map[string]int{"bh": 100, "bl": 39, "e1": 80}, []bool{false, true}, partnership.StageBuild,
			[]string{"b-light"}, nil, "Not ready for the next phase yet. Build is not complete yet: Light is in Concern."},
		{"out of the lowest band it completes", map[string]int{"bh": 100, "bl": 40, "e1": 80}, []bool{true, true}, "",
			nil, nil, "Every phase is complete: the partnership owns its own journey."},
		{"an unanswered dimension", map[string]int{"bh": 100, "bl": 100}, []bool{true, false}, partnership.StageEmbed,
			nil, []string{"e-one"}, "Ready for the embed phase: build is complete. Embed is not complete yet: Embed one has no answers."},
		{"several reasons", map[string]int{"bh": 10, "bl": 20, "e1": 100}, []bool{false, true}, partnership.StageBuild,
			[]string{"b-heavy", "b-light"}, nil, "Not ready for the next phase yet. Build is not complete yet: Heavy and Light are in Concern; the phase scores 12.5, below the 70 of Established."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readinessOf(t, phased(), tt.answers, ReadinessOptions{})
			require.Len(t, r.Phases, 2, "the untagged dimension belongs to no phase")
			assert.Equal(t, []string{"b-heavy", "b-light"}, r.Phases[0].Dimensions)
			assert.Equal(t, tt.complete, []bool{r.Phases[0].Complete, r.Phases[1].Complete})
			assert.Equal(t, tt.next, r.Next)
			assert.Equal(t, tt.low, r.Phases[0].Low)
			assert.Equal(t, tt.unscored, r.Phases[1].Unscored)
			assert.Equal(t, tt.verdict, r.Verdict)
			assert.Equal(t, 70.0, r.CompleteAt)
			assert.Equal(t, "Established", r.CompleteBand)
			assert.Empty(t, r.Findings)
		})
	}
}

func TestReadinessPhaseScoreIsWeighted(t *testing.T) {
	r := readinessOf(t, phased(), map[string]int{"bh": 100, "bl": 40, "e1": 50, "u1": 0}, ReadinessOptions{})
	require.NotNil(t, r.Phases[0].Score)
	assert.InDelta(t, 85, *r.Phases[0].Score, 1e-9) // (3×100 + 40) / 4
	assert.Equal(t, "Established", r.Phases[0].Band)
	assert.InDelta(t, 50, *r.Phases[1].Score, 1e-9)
	require.NotNil(t, r.Overall)
	assert.InDelta(t, (300+40+50+0)/6.0, *r.Overall, 1e-9, "the overall is the score's, untagged dimensions included")
}

// readiness.stage-ahead fires exactly when the stage lies beyond the
// first phase that is not complete.
func TestReadinessStageAhead(t *testing.T) {
	pr, ok := Builtin(PeerReviewReadiness)
	require.True(t, ok)
	all := func(build, embed, sustain int) map[string]int {
		m := map[string]int{}
		for _, d := range pr.Dimensions {
			v := map[partnership.Stage]int{partnership.StageBuild: build, partnership.StageEmbed: embed, partnership.StageSustain: sustain}[d.Phase]
			for _, q := range d.Questions {
				if q.Reverse {
					m[q.ID] = pr.Scale.Min + pr.Scale.Max - v
				} else {
					m[q.ID] = v
				}
			}
		}
		return m
	}
	tests := []struct {
		name  string
		build int
		embed int
		stage partnership.Stage
		fires bool
		phase string // the phase the message names
	}{
		{"embed before build is complete", 3, 4, partnership.StageEmbed, true, "build"},
		{"build while build is not complete", 3, 4, partnership.StageBuild, false, ""},
		{"embed once build is complete", 4, 1, partnership.StageEmbed, false, ""},
		{"sustain before embed is complete", 4, 1, partnership.StageSustain, true, "embed"},
		{"sustain before build is complete names build", 2, 1, partnership.StageSustain, true, "build"},
		{"no stage, no finding", 1, 1, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readinessOf(t, pr, all(tt.build, tt.embed, 1), ReadinessOptions{Stage: tt.stage})
			assert.Equal(t, tt.stage, r.Stage)
			if !tt.fires {
				assert.Empty(t, r.Findings)
				return
			}
			require.Len(t, r.Findings, 1)
			f := r.Findings[0]
			assert.Equal(t, CodeStageAhead, f.Code)
			assert.Equal(t, finding.Warning, f.Severity)
			assert.Equal(t, "/stage", f.Path)
			assert.Contains(t, f.Message, "but the "+tt.phase+" phase is not complete yet")
		})
	}
	r := readinessOf(t, pr, all(3, 4, 1), ReadinessOptions{Stage: partnership.StageEmbed})
	assert.Equal(t, "The partnership is in the embed phase, but the build phase is not complete yet: the phase scores 66.7, below the 70 of Well established. Strengthen it before moving on.", r.Findings[0].Message)
	assert.Equal(t, []partnership.Stage{partnership.StageBuild, partnership.StageEmbed, partnership.StageSustain},
		[]partnership.Stage{r.Phases[0].Phase, r.Phases[1].Phase, r.Phases[2].Phase})
}

func TestReadinessErrors(t *testing.T) {
	f := phased()
	s, err := f.Score(&Assessment{Framework: "phased", Answers: map[string]Answer{"bh": Rating(50)}})
	require.NoError(t, err)

	_, err = f.Readiness(s, ReadinessOptions{Stage: "launch"})
	assert.EqualError(t, err, `evaluation: the stage "launch" is not build, embed or sustain`)
	_, err = f.Readiness(nil, ReadinessOptions{})
	assert.Error(t, err)

	hc, ok := Builtin(HealthCheck)
	require.True(t, ok)
	_, err = hc.Readiness(s, ReadinessOptions{})
	assert.EqualError(t, err, `evaluation: the score is of framework "phased", not "partnership-health-check"`)
	hs, err := hc.Score(&Assessment{Framework: hc.ID, Answers: map[string]Answer{}})
	require.NoError(t, err)
	_, err = hc.Readiness(hs, ReadinessOptions{})
	assert.ErrorIs(t, err, ErrNotPhased)

	broken := phased()
	broken.Bands = nil
	_, err = broken.Readiness(s, ReadinessOptions{})
	requireInvalid(t, err)

	// A score edited to another shape is refused, not misread.
	s.Dimensions = s.Dimensions[:2]
	_, err = f.Readiness(s, ReadinessOptions{})
	assert.EqualError(t, err, `evaluation: the score has 2 dimensions, but framework "phased" has 4`)
	s.Dimensions = append(s.Dimensions, s.Dimensions[0], s.Dimensions[1])
	_, err = f.Readiness(s, ReadinessOptions{})
	assert.EqualError(t, err, `evaluation: the score's dimension 3 is "b-heavy", not "e-one"`)
}

func TestReadinessJSON(t *testing.T) {
	r := readinessOf(t, phased(), map[string]int{"bh": 100, "bl": 100}, ReadinessOptions{Stage: partnership.StageBuild})
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{
		"framework": "phased", "frameworkVersion": "1", "overall": 100, "band": "Leading",
		"completeAt": 70, "completeBand": "Established",
		"phases": [
			{"phase": "build", "score": 100, "band": "Leading", "complete": true, "dimensions": ["b-heavy", "b-light"],
			 "verdict": "Build is complete: it scores 100, in Leading, and no dimension is in Concern."},
			{"phase": "embed", "score": null, "complete": false, "dimensions": ["e-one"], "unscored": ["e-one"],
			 "verdict": "Embed is not complete yet: Embed one has no answers."}
		],
		"next": "embed", "stage": "build",
		"verdict": "Ready for the embed phase: build is complete. Embed is not complete yet: Embed one has no answers.",
		"findings": []
	}`, string(out))
}

func ExampleFramework_Readiness() {
	f, _ := Builtin(PeerReviewReadiness)
	a := &Assessment{Framework: f.ID, Answers: map[string]Answer{}}
	for _, d := range f.Dimensions {
		for _, q := range d.Questions {
			v := 3 // Mostly
			if d.Phase == partnership.StageEmbed {
				v = 4 // Fully in place
			}
			if q.Reverse {
				v = f.Scale.Min + f.Scale.Max - v
			}
			a.Answers[q.ID] = Rating(v)
		}
	}
	s, _ := f.Score(a)
	r, _ := f.Readiness(s, ReadinessOptions{Stage: partnership.StageEmbed})
	for _, p := range r.Phases {
		fmt.Printf("%s: %.1f, complete %v\n", p.Phase, *p.Score, p.Complete)
	}
	fmt.Println(r.Verdict)
	fmt.Println(r.Findings[0].Code)
	// Output:
	// build: 66.7, complete false
	// embed: 100.0, complete true
	// sustain: 66.7, complete false
	// Not ready for the next phase yet. Build is not complete yet: the phase scores 66.7, below the 70 of Well established.
	// readiness.stage-ahead
}
