package evaluation

import (
	"testing"

	"github.com/partnerkit/partnerkit/partnership"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgressByOutcome(t *testing.T) {
	start, deadline := partnership.MustParseDate("2026-09-01"), partnership.MustParseDate("2027-09-01")
	ind := func(id, outcome string, actual float64) Indicator {
		return Indicator{ID: id, Outcome: outcome, Baseline: 0, Target: 100, Actual: actual, Start: start, Deadline: deadline}
	}
	d := &Indicators{
		AsOf: partnership.MustParseDate("2027-03-02"), // half way: expected 0.5
		Indicators: []Indicator{
			ind("a", "oc1", 60),   // on-track
			ind("b", "oc2", 100),  // met
			ind("c", "oc1", 20),   // off-track: 0.2 < 0.5 - 0.25
			ind("d", "", 45),      // on-track
			ind("e", "oc2", 30),   // at-risk: 0.3 ≥ 0.25
			ind("f", "oc3", 1000), // met
		},
	}
	got, err := d.ProgressByOutcome()
	require.NoError(t, err)
	require.Len(t, got, 4)
	names := []string{got[0].Outcome, got[1].Outcome, got[2].Outcome, got[3].Outcome}
	assert.Equal(t, []string{"oc1", "oc2", "", "oc3"}, names, "in the order outcomes first appear")
	assert.Equal(t, []Status{StatusOffTrack, StatusAtRisk, StatusOnTrack, StatusMet},
		[]Status{got[0].Status, got[1].Status, got[2].Status, got[3].Status}, "the worst indicator's status")
	assert.InDelta(t, 0.4, got[0].Progress, 1e-9)
	assert.InDelta(t, 0.65, got[1].Progress, 1e-9)
	assert.InDelta(t, 0.5, got[0].Expected, 0.01)
	assert.Equal(t, []string{"a", "c"}, []string{got[0].Indicators[0].ID, got[0].Indicators[1].ID})

	d.Indicators[4].Target = 0
	_, err = d.ProgressByOutcome()
	inv := requireInvalid(t, err)
	assert.Equal(t, []string{"indicator.target-equals-baseline /indicators/4/target"}, codes(inv.Findings))
}
