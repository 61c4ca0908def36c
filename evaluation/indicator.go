package evaluation

import (
	"math"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"

	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// Indicator is one measurable indicator of a Theory of Change outcome: a
// baseline, a target to reach by a deadline, and the latest actual value.
type Indicator struct {
	ID       string           `json:"id"`
	Title    string           `json:"title,omitempty"`
	Outcome  string           `json:"outcome,omitempty"`
	Unit     string           `json:"unit,omitempty"`
	Baseline float64          `json:"baseline"`
	Target   float64          `json:"target"` // may be below the baseline, as for absence
	Actual   float64          `json:"actual"`
	Start    partnership.Date `json:"start"`
	Deadline partnership.Date `json:"deadline"`
	// AsOf is when Actual was measured; the zero Date means the document's
	// date, or the date given to Progress.
	AsOf partnership.Date `json:"asOf,omitzero"`
}

// Indicators is an indicators document: the indicators of a partnership's
// Theory of Change and the date their actual values were measured.
type Indicators struct {
	Schema string `json:"$schema,omitempty"`
	// AsOf is the date of the actual values, for every indicator that does
	// not give its own.
	AsOf       partnership.Date `json:"asOf,omitzero"`
	Indicators []Indicator      `json:"indicators"`
}

// Status says how an indicator is doing against the time passed.
type Status string

const (
	StatusMet      Status = "met"       // progress is at least 1
	StatusOnTrack  Status = "on-track"  // progress is at least expected - 0.1
	StatusAtRisk   Status = "at-risk"   // progress is at least expected - 0.25
	StatusOffTrack Status = "off-track" // progress is further behind
)

// IndicatorProgress is how far an indicator has come.
type IndicatorProgress struct {
	ID   string           `json:"id"`
	AsOf partnership.Date `json:"asOf"` // the date the progress is measured at
	// Progress is (actual - baseline) / (target - baseline): 0 at the
	// baseline, 1 at the target, negative when things went the wrong way,
	// above 1 beyond the target.
	Progress float64 `json:"progress"`
	// Expected is the share of the time from start to deadline that has
	// passed at AsOf, from 0 to 1.
	Expected float64 `json:"expected"`
	Status   Status  `json:"status"`
}

// The margins behind the status.
const (
	OnTrackMargin = 0.1  // on-track: progress at least expected minus this
	AtRiskMargin  = 0.25 // at-risk: progress at least expected minus this
)

// Progress works out an indicator's progress at a date: asOf is used when
// the indicator gives no AsOf of its own.
//
// Progress is (actual - baseline) / (target - baseline), so it works for
// targets below the baseline. Expected progress is the share of the time
// from start to deadline that has passed, clamped to 0..1: 0 before the
// start, 1 at or after the deadline. The status is met when progress is at
// least 1; on-track when it is at least expected - 0.1; at-risk when at
// least expected - 0.25; otherwise off-track (each to within 1e-9).
//
// A target equal to the baseline, a deadline on or before the start, a
// missing date or a number that is not finite gives an *[InvalidError]
// whose paths are relative to the indicator, such as /target.
//
// Progress applies the contract's margins; [Options.IndicatorProgress] a
// programme's.
func Progress(ind Indicator, asOf partnership.Date) (IndicatorProgress, error) {
	return Options{}.IndicatorProgress(ind, asOf)
}

// IndicatorProgress works out an indicator's progress as [Progress] does,
// with these options' margins. Options that Validate rejects give its
// error.
func (o Options) IndicatorProgress(ind Indicator, asOf partnership.Date) (IndicatorProgress, error) {
	r, err := o.resolve()
	if err != nil {
		return IndicatorProgress{}, err
	}
	if fs := checkIndicator(&ind, asOf); len(fs) > 0 {
		return IndicatorProgress{}, &InvalidError{Document: schemas.Indicators, Findings: fs}
	}
	return progress(&ind, asOf, r), nil
}

func progress(ind *Indicator, asOf partnership.Date, o *Options) IndicatorProgress {
	if !ind.AsOf.IsZero() {
		asOf = ind.AsOf
	}
	p := IndicatorProgress{ID: ind.ID, AsOf: asOf}
	p.Progress = (ind.Actual - ind.Baseline) / (ind.Target - ind.Baseline)
	total := days(ind.Deadline) - days(ind.Start)
	passed := days(asOf) - days(ind.Start)
	switch {
	case passed <= 0:
		p.Expected = 0
	case passed >= total:
		p.Expected = 1
	default:
		p.Expected = float64(passed) / float64(total)
	}
	switch {
	case p.Progress >= 1-near:
		p.Status = StatusMet
	case p.Progress >= p.Expected-o.OnTrackMargin-near:
		p.Status = StatusOnTrack
	case p.Progress >= p.Expected-o.AtRiskMargin-near:
		p.Status = StatusAtRisk
	default:
		p.Status = StatusOffTrack
	}
	return p
}

// days numbers a date's days from 1970-01-01, exactly for every year.
func days(d partnership.Date) int64 { return d.Time().Unix() / 86400 }

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// checkIndicator applies the indicator rules, with paths relative to the
// indicator.
func checkIndicator(ind *Indicator, asOf partnership.Date) []finding.Finding {
	var fs findings
	numbers := true
	for _, n := range []struct {
		name string
		v    float64
	}{{"baseline", ind.Baseline}, {"target", ind.Target}, {"actual", ind.Actual}} {
		if !finite(n.v) {
			fs.add("number.not-finite", "/"+n.name, "This number is too large to work with: give the "+n.name+" as an ordinary number.")
			numbers = false
		}
	}
	if numbers {
		switch {
		case ind.Target == ind.Baseline:
			fs.add("indicator.target-equals-baseline", "/target", "The target equals the baseline ("+formatNumber(ind.Baseline)+
				"), so progress cannot be measured: set the value you aim to reach by the deadline.")
		case !finite((ind.Actual - ind.Baseline) / (ind.Target - ind.Baseline)):
			fs.add("number.not-finite", "/target", "These numbers are too large to work with: give the baseline, target and actual value as ordinary numbers.")
		}
	}
	switch {
	case ind.Start.IsZero():
		fs.add("indicator.dates", "/start", "Give the date work towards the target began (start), written as YYYY-MM-DD.")
	case ind.Deadline.IsZero():
		fs.add("indicator.dates", "/deadline", "Give the date the target should be met by (deadline), written as YYYY-MM-DD.")
	case !ind.Deadline.After(ind.Start):
		fs.add("indicator.dates", "/deadline", "The deadline ("+ind.Deadline.String()+") must be after the start ("+ind.Start.String()+").")
	}
	if ind.AsOf.IsZero() && asOf.IsZero() {
		fs.add("indicator.no-date", "/asOf", "Give the date the actual value was measured (asOf), here or for the whole document.")
	}
	return fs
}

// ParseIndicators parses an indicators document and checks it: the JSON
// syntax, the indicators schema, and the rules Progress applies to each
// indicator. When any finding is an error it returns an *[InvalidError]
// with them all, with paths such as /indicators/1/target.
func ParseIndicators(data []byte) (*Indicators, error) {
	doc, fs, err := decode(data)
	if err != nil {
		return nil, &InvalidError{Document: schemas.Indicators, Findings: fs, Err: err}
	}
	return ParseIndicatorsValue(doc)
}

// ParseIndicatorsValue is ParseIndicators for a document already decoded,
// as schemas.Decode decodes it.
func ParseIndicatorsValue(doc any) (*Indicators, error) {
	fs := validate(doc, schemas.Indicators)
	d := indicatorsFromValue(doc)
	fs = merge(fs, d.check())
	if err := invalid(schemas.Indicators, fs); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *Indicators) check() []finding.Finding {
	var fs []finding.Finding
	for i := range d.Indicators {
		fs = append(fs, finding.Prefixed(checkIndicator(&d.Indicators[i], d.AsOf), pointer.Index("/indicators", i))...)
	}
	return fs
}

// Progress works out every indicator's progress, in order, each at its own
// AsOf or else the document's. It returns an *[InvalidError] when any
// indicator breaks the rules, with paths such as /indicators/1/target.
// It applies the contract's margins; [Options.Progress] a programme's.
func (d *Indicators) Progress() ([]IndicatorProgress, error) { return Options{}.Progress(d) }

// Progress works out every indicator's progress as [Indicators.Progress]
// does, with these options' margins. Options that Validate rejects give
// its error.
func (o Options) Progress(d *Indicators) ([]IndicatorProgress, error) {
	r, err := o.resolve()
	if err != nil {
		return nil, err
	}
	if err := invalid(schemas.Indicators, d.check()); err != nil {
		return nil, err
	}
	out := make([]IndicatorProgress, len(d.Indicators))
	for i := range d.Indicators {
		out[i] = progress(&d.Indicators[i], d.AsOf, r)
	}
	return out, nil
}

func indicatorsFromValue(v any) *Indicators {
	o := jsontree.Object(v)
	d := &Indicators{Schema: jsontree.String(o, "$schema"), AsOf: date(o, "asOf")}
	list := jsontree.Array(o["indicators"])
	d.Indicators = make([]Indicator, len(list))
	for i, iv := range list {
		m := jsontree.Object(iv)
		ind := &d.Indicators[i]
		*ind = Indicator{
			ID:       jsontree.String(m, "id"),
			Title:    jsontree.String(m, "title"),
			Outcome:  jsontree.String(m, "outcome"),
			Unit:     jsontree.String(m, "unit"),
			Start:    date(m, "start"),
			Deadline: date(m, "deadline"),
			AsOf:     date(m, "asOf"),
		}
		ind.Baseline, _ = number(m["baseline"])
		ind.Target, _ = number(m["target"])
		ind.Actual, _ = number(m["actual"])
	}
	return d
}
