package evaluation

import (
	"os"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/stretchr/testify/require"
)

// The contract's documents, copied into examples/data.
const dataDir = "../examples/data/"

func readFile(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(name)
	require.NoError(tb, err)
	return data
}

// mini is the contract's mini health check.
func mini(tb testing.TB) *Framework {
	tb.Helper()
	f, err := ParseFramework(readFile(tb, dataDir+"framework-mini.json"))
	require.NoError(tb, err)
	return f
}

// miniGo is the contract's mini health check built in Go: the same
// framework, without the work ParseFramework does once.
func miniGo() *Framework {
	return &Framework{
		ID: "mini-health-check", Version: "1.0.0", Title: "Mini partnership health check",
		Scale: Scale{Min: 1, Max: 5, AllowNotApplicable: true,
			Labels: []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}},
		Dimensions: []Dimension{
			{ID: "shared-goals", Title: "Shared goals", Weight: 2, Advice: "Revisit the aims together and agree one shared vision.",
				Questions: []Question{
					{ID: "sg1", Text: "All partners agree on what the partnership is for."},
					{ID: "sg2", Text: "Our objectives are written down and measurable.", Weight: 2},
					{ID: "sg3", Text: "Partners pursue conflicting priorities.", Reverse: true},
				}},
			{ID: "governance", Title: "Governance and sustainability", Advice: "Share leadership so that the partnership does not depend on one person.",
				Questions: []Question{
					{ID: "gv1", Text: "The partnership would continue if its lead left."},
					{ID: "gv2", Text: "A steering group meets at least termly."},
				}},
		},
		Bands: []Band{
			{Min: 0, Label: "Concern", Advice: "Discuss these areas before committing further resources."},
			{Min: 50, Label: "Borderline", Advice: "Working, with room to strengthen."},
			{Min: 75, Label: "Strength", Advice: "Keep up the momentum."},
		},
	}
}

// answers builds an assessment of the mini health check; nil values mean
// not applicable.
func answers(m map[string]*int) *Assessment {
	a := &Assessment{Framework: "mini-health-check", FrameworkVersion: "1.0.0", Answers: map[string]Answer{}}
	for id, v := range m {
		if v == nil {
			a.Answers[id] = NotApplicable()
		} else {
			a.Answers[id] = Rating(*v)
		}
	}
	return a
}

func ptr(v int) *int { return &v }

func codes(fs []finding.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code + " " + f.Path
	}
	return out
}

func requireInvalid(tb testing.TB, err error) *InvalidError {
	tb.Helper()
	require.Error(tb, err)
	inv, ok := err.(*InvalidError)
	require.True(tb, ok, "want an *InvalidError, got %T: %v", err, err)
	return inv
}
