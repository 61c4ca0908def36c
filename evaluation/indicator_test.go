package evaluation

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var day = partnership.MustParseDate

func TestProgress(t *testing.T) {
	// Ten days from start to deadline: on 2027-01-06, half the time has passed.
	ten := Indicator{ID: "i", Baseline: 0, Target: 100, Start: day("2027-01-01"), Deadline: day("2027-01-11")}
	with := func(actual float64) Indicator { i := ten; i.Actual = actual; return i }
	tests := []struct {
		name     string
		ind      Indicator
		asOf     string
		progress float64
		expected float64
		status   Status
	}{
		{"on track, exactly expected - 0.1", with(40), "2027-01-06", 0.4, 0.5, StatusOnTrack},
		{"at risk, just under", with(39), "2027-01-06", 0.39, 0.5, StatusAtRisk},
		{"at risk, exactly expected - 0.25", with(25), "2027-01-06", 0.25, 0.5, StatusAtRisk},
		{"off track, just under", with(24), "2027-01-06", 0.24, 0.5, StatusOffTrack},
		{"met", with(100), "2027-01-06", 1, 0.5, StatusMet},
		{"beyond the target", with(120), "2027-01-06", 1.2, 0.5, StatusMet},
		{"the wrong way", with(-10), "2027-01-06", -0.1, 0.5, StatusOffTrack},
		{"ahead of time", with(70), "2027-01-06", 0.7, 0.5, StatusOnTrack},
		{"at the deadline everything is expected", with(90), "2027-01-11", 0.9, 1, StatusOnTrack},
		{"at the deadline, short", with(89), "2027-01-11", 0.89, 1, StatusAtRisk},
		{"past the deadline", with(50), "2027-03-01", 0.5, 1, StatusOffTrack},
		{"past the deadline and met", with(100), "2028-01-01", 1, 1, StatusMet},
		{"on the start date nothing is expected", with(0), "2027-01-01", 0, 0, StatusOnTrack},
		{"before the start", with(-5), "2026-12-01", -0.05, 0, StatusOnTrack},
		{"one day in", with(0), "2027-01-02", 0, 0.1, StatusOnTrack},
		{"two days in", with(0), "2027-01-03", 0, 0.2, StatusAtRisk},
		// 18% persistent absence down to 12%: at 15%, (15-18)/(12-18) = 0.5
		{"a target below the baseline", Indicator{ID: "absence", Baseline: 18, Target: 12, Actual: 15, Start: day("2027-01-01"), Deadline: day("2027-01-11")}, "2027-01-06", 0.5, 0.5, StatusOnTrack},
		// at 20%, (20-18)/(12-18) = -1/3: worse than the baseline
		{"a target below the baseline, getting worse", Indicator{ID: "absence", Baseline: 18, Target: 12, Actual: 20, Start: day("2027-01-01"), Deadline: day("2027-01-11")}, "2027-01-06", -1.0 / 3, 0.5, StatusOffTrack},
		{"a target below the baseline, met", Indicator{ID: "absence", Baseline: 18, Target: 12, Actual: 11.5, Start: day("2027-01-01"), Deadline: day("2027-01-11")}, "2027-01-06", 6.5 / 6, 0.5, StatusMet},
		// 2026-09-01 to 2027-01-31 is 152 days of 318 to 2027-07-16; (68-62)/(75-62) = 6/13
		{"a school year", Indicator{ID: "ks2", Baseline: 62, Target: 75, Actual: 68, Start: day("2026-09-01"), Deadline: day("2027-07-16")}, "2027-01-31", 6.0 / 13, 152.0 / 318, StatusOnTrack},
		// 2024 is a leap year: 2024-02-01 to 2024-03-01 is 29 days, of which 14 have passed on the 15th
		{"a leap year", Indicator{ID: "leap", Baseline: 0, Target: 10, Actual: 5, Start: day("2024-02-01"), Deadline: day("2024-03-01")}, "2024-02-15", 0.5, 14.0 / 29, StatusOnTrack},
		{"centuries apart", Indicator{ID: "long", Baseline: 0, Target: 10, Actual: 5, Start: day("0001-01-01"), Deadline: day("9999-12-31")}, "5000-07-02", 0.5, 0.49995, StatusOnTrack},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Progress(tt.ind, day(tt.asOf))
			require.NoError(t, err)
			assert.Equal(t, tt.ind.ID, p.ID)
			assert.Equal(t, day(tt.asOf), p.AsOf)
			assert.InDelta(t, tt.progress, p.Progress, 1e-9)
			assert.InDelta(t, tt.expected, p.Expected, 1e-4)
			assert.Equal(t, tt.status, p.Status)
		})
	}
}

func TestProgressAsOf(t *testing.T) {
	ind := Indicator{ID: "i", Baseline: 0, Target: 10, Actual: 5, Start: day("2027-01-01"), Deadline: day("2027-01-11"), AsOf: day("2027-01-03")}
	p, err := Progress(ind, day("2027-01-09"))
	require.NoError(t, err)
	assert.Equal(t, day("2027-01-03"), p.AsOf, "the indicator's own date wins")
	assert.InDelta(t, 0.2, p.Expected, 1e-12)

	ind.AsOf = partnership.Date{}
	p, err = Progress(ind, day("2027-01-09"))
	require.NoError(t, err)
	assert.Equal(t, day("2027-01-09"), p.AsOf, "otherwise the date given")
	assert.InDelta(t, 0.8, p.Expected, 1e-12)
}

func TestProgressErrors(t *testing.T) {
	good := Indicator{ID: "i", Baseline: 0, Target: 10, Actual: 5, Start: day("2027-01-01"), Deadline: day("2027-01-11")}
	tests := []struct {
		name   string
		change func(i *Indicator)
		asOf   partnership.Date
		want   []string
	}{
		{"target equals baseline", func(i *Indicator) { i.Target = 0 }, day("2027-01-05"), []string{"indicator.target-equals-baseline /target"}},
		{"deadline on the start", func(i *Indicator) { i.Deadline = i.Start }, day("2027-01-05"), []string{"indicator.dates /deadline"}},
		{"deadline before the start", func(i *Indicator) { i.Deadline = day("2026-12-31") }, day("2027-01-05"), []string{"indicator.dates /deadline"}},
		{"no start", func(i *Indicator) { i.Start = partnership.Date{} }, day("2027-01-05"), []string{"indicator.dates /start"}},
		{"no deadline", func(i *Indicator) { i.Deadline = partnership.Date{} }, day("2027-01-05"), []string{"indicator.dates /deadline"}},
		{"no date at all", func(*Indicator) {}, partnership.Date{}, []string{"indicator.no-date /asOf"}},
		{"NaN", func(i *Indicator) { i.Actual = math.NaN() }, day("2027-01-05"), []string{"number.not-finite /actual"}},
		{"infinite", func(i *Indicator) { i.Baseline = math.Inf(-1) }, day("2027-01-05"), []string{"number.not-finite /baseline"}},
		{"too large to subtract", func(i *Indicator) { i.Baseline, i.Target, i.Actual = -1e308, 1e308, 1e308 }, day("2027-01-05"), []string{"number.not-finite /target"}},
		{"several at once", func(i *Indicator) { i.Target = 0; i.Deadline = i.Start }, partnership.Date{}, []string{
			"indicator.target-equals-baseline /target", "indicator.dates /deadline", "indicator.no-date /asOf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := good
			tt.change(&ind)
			_, err := Progress(ind, tt.asOf)
			inv := requireInvalid(t, err)
			assert.Equal(t, schemas.Indicators, inv.Document)
			assert.Equal(t, tt.want, codes(inv.Findings))
		})
	}
	_, err := Progress(Indicator{ID: "flat", Baseline: 62, Target: 62, Actual: 64, Start: day("2027-01-01"), Deadline: day("2027-07-16")}, day("2027-02-01"))
	assert.EqualError(t, err, "evaluation: invalid indicators: target: the target equals the baseline (62), so progress cannot be measured: set the value you aim to reach by the deadline")
}

func TestParseIndicators(t *testing.T) {
	d, err := ParseIndicators(readFile(t, "testdata/indicators.json"))
	require.NoError(t, err)
	assert.Equal(t, day("2027-01-31"), d.AsOf)
	require.Len(t, d.Indicators, 4)
	assert.Equal(t, Indicator{ID: "absence", Title: "Persistent absence", Unit: "%", Baseline: 18, Target: 12, Actual: 16.5,
		Start: day("2026-09-01"), Deadline: day("2027-07-16"), AsOf: day("2027-02-14")}, d.Indicators[1])

	ps, err := d.Progress()
	require.NoError(t, err)
	require.Len(t, ps, 4)
	// ks2-science: (68-62)/13 against 152/318 of the year
	assert.InDelta(t, 6.0/13, ps[0].Progress, 1e-9)
	assert.InDelta(t, 152.0/318, ps[0].Expected, 1e-9)
	assert.Equal(t, StatusOnTrack, ps[0].Status)
	// absence, measured 2027-02-14: (16.5-18)/(12-18) = 0.25, against 166/318 (0.52): more than 0.25 behind
	assert.Equal(t, day("2027-02-14"), ps[1].AsOf)
	assert.InDelta(t, 0.25, ps[1].Progress, 1e-9)
	assert.InDelta(t, 166.0/318, ps[1].Expected, 1e-9)
	assert.Equal(t, StatusOffTrack, ps[1].Status)
	// mentors: 24 of 20 is met, whatever the date
	assert.InDelta(t, 1.2, ps[2].Progress, 1e-9)
	assert.Equal(t, StatusMet, ps[2].Status)
	// clubs: (60-40)/80 = 0.25 against 0.478: between 0.1 and 0.25 behind
	assert.InDelta(t, 0.25, ps[3].Progress, 1e-9)
	assert.Equal(t, StatusAtRisk, ps[3].Status)

	data, err := json.Marshal(ps[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"ks2-science","asOf":"2027-01-31","progress":0.46153846153846156,"expected":0.4779874213836478,"status":"on-track"}`, string(data))

	d.Indicators[0].Target = d.Indicators[0].Baseline
	_, err = d.Progress()
	assert.Equal(t, []string{"indicator.target-equals-baseline /indicators/0/target"}, codes(requireInvalid(t, err).Findings))
}

func TestParseIndicatorsErrors(t *testing.T) {
	_, err := ParseIndicators(readFile(t, "testdata/indicators-invalid.json"))
	inv := requireInvalid(t, err)
	assert.Equal(t, []string{
		"schema /indicators/2/id",
		"schema /indicators/2/start",
		"indicator.target-equals-baseline /indicators/0/target",
		"indicator.no-date /indicators/0/asOf",
		"indicator.dates /indicators/1/deadline",
	}, codes(inv.Findings), "the rules do not repeat the schema's finding about the start date")
	assert.Equal(t, "01/09/2026 looks like a day-month-year date: write it as 2026-09-01 (YYYY-MM-DD).", inv.Findings[1].Message)

	_, err = ParseIndicators([]byte(`{"asOf": "2027-01-01", "indicators": [{"id": "x", "baseline": 1e400, "target": 2, "actual": 1, "start": "2026-09-01", "deadline": "2027-07-16"}]}`))
	assert.Equal(t, []string{"number.not-finite /indicators/0/baseline"}, codes(requireInvalid(t, err).Findings))

	_, err = ParseIndicators([]byte(`{"indicators": [`))
	inv = requireInvalid(t, err)
	assert.Equal(t, []string{"syntax "}, codes(inv.Findings))
}
