package evaluation

import (
	"fmt"
	"math"
	"slices"

	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
)

// Options are the thresholds of the flags that scoring and combining
// raise, and the margins of an indicator's status, as a programme sets
// them. The zero value is the contract's defaults, exactly as
// [Framework.Score], [NewCombiner], [ScoreRequest] and [Progress] apply
// them; each field's 0 means its default.
//
// Options marshal as the "options" member of a score request's answer,
// and as the HTTP API's query parameters and the command line's flags of
// the same names.
type Options struct {
	// LowCoverage: coverage.low fires when the overall coverage is under
	// it, a share from 0 to 1. 0 means 0.6.
	LowCoverage float64 `json:"lowCoverage,omitempty"`
	// DisagreeSpread: respondents.disagree fires when a dimension's
	// spread is this many points or more, up to 100. 0 means 25.
	DisagreeSpread float64 `json:"disagreeSpread,omitempty"`
	// ImbalanceGap: partners.imbalance fires when two partners' mean
	// overall scores differ by this many points or more. 0 means 20.
	ImbalanceGap float64 `json:"imbalanceGap,omitempty"`
	// ReviewGap: review.gap fires when a dimension's self-review and
	// peer-review means differ by this many points or more. 0 means 20.
	ReviewGap float64 `json:"reviewGap,omitempty"`
	// OnTrackMargin and AtRiskMargin: an indicator is on track when its
	// progress is at least the expected progress minus OnTrackMargin, and
	// at risk when at least expected minus AtRiskMargin; shares from 0 to
	// 1, the at-risk margin the larger. 0 means 0.1 and 0.25.
	OnTrackMargin float64 `json:"onTrackMargin,omitempty"`
	AtRiskMargin  float64 `json:"atRiskMargin,omitempty"`
	// Off lists flags switched off, by code (coverage.low,
	// dimension.concern, respondents.disagree, partners.imbalance,
	// review.gap): they are never raised.
	Off []string `json:"off,omitempty"`
}

// Flags are the codes of the flags, in the order a score and a
// combination list them.
var flagCodes = []string{FlagLowCoverage, FlagConcern, FlagDisagree, FlagImbalance, FlagReviewGap}

// IsZero reports whether the options are the defaults.
func (o Options) IsZero() bool {
	return o.LowCoverage == 0 && o.DisagreeSpread == 0 && o.ImbalanceGap == 0 && o.ReviewGap == 0 &&
		o.OnTrackMargin == 0 && o.AtRiskMargin == 0 && len(o.Off) == 0
}

// Validate reports the first option out of range, or a flag code that
// does not exist, as a *partnership.OptionError whose Option is a JSON
// Pointer into the options, such as /reviewGap or /off/0.
func (o Options) Validate() error {
	for _, t := range []struct {
		name     string
		v, limit float64
		what     string
	}{
		{"lowCoverage", o.LowCoverage, 1, "a share of the questions from 0 to 1, such as 0.6"},
		{"disagreeSpread", o.DisagreeSpread, 100, "a number of points from 0 to 100, such as 25"},
		{"imbalanceGap", o.ImbalanceGap, 100, "a number of points from 0 to 100, such as 20"},
		{"reviewGap", o.ReviewGap, 100, "a number of points from 0 to 100, such as 20"},
		{"onTrackMargin", o.OnTrackMargin, 1, "a share of the expected progress from 0 to 1, such as 0.1"},
		{"atRiskMargin", o.AtRiskMargin, 1, "a share of the expected progress from 0 to 1, such as 0.25"},
	} {
		if math.IsNaN(t.v) || t.v < 0 || t.v > t.limit {
			return &partnership.OptionError{Option: "/" + t.name, Message: fmt.Sprintf("%s is %s, not %s", t.name, t.what, formatNumber(t.v))}
		}
	}
	if r := o.Resolved(); r.AtRiskMargin < r.OnTrackMargin {
		return &partnership.OptionError{Option: "/atRiskMargin", Message: fmt.Sprintf(
			"the at-risk margin (%s) is below the on-track margin (%s): an indicator at risk is further behind than one on track", formatNumber(r.AtRiskMargin), formatNumber(r.OnTrackMargin))}
	}
	for i, code := range o.Off {
		if !slices.Contains(flagCodes, code) {
			return &partnership.OptionError{Option: pointer.Index("/off", i), Message: fmt.Sprintf(
				"no flag has the code %q: the flags are coverage.low, dimension.concern, respondents.disagree, partners.imbalance and review.gap", code)}
		}
	}
	return nil
}

// Resolved returns the options in force: each default filled in, and Off
// sorted and copied.
func (o Options) Resolved() Options {
	for _, d := range []struct {
		v   *float64
		def float64
	}{
		{&o.LowCoverage, LowCoverage}, {&o.DisagreeSpread, DisagreeSpread}, {&o.ImbalanceGap, ImbalanceGap},
		{&o.ReviewGap, ReviewGap}, {&o.OnTrackMargin, OnTrackMargin}, {&o.AtRiskMargin, AtRiskMargin},
	} {
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	if o.Off != nil {
		o.Off = slices.Compact(slices.Sorted(slices.Values(o.Off)))
	}
	return o
}

// defaults are the zero Options, resolved.
var defaults = Options{}.Resolved()

// resolve validates the options and returns them resolved.
func (o Options) resolve() (*Options, error) {
	if o.IsZero() {
		return &defaults, nil
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	r := o.Resolved()
	return &r, nil
}

// InForce returns the options in force for a result to name (Resolved),
// or nil for the defaults.
func (o Options) InForce() *Options {
	if o.IsZero() {
		return nil
	}
	r := o.Resolved()
	return &r
}

// on reports whether the flag with the code is raised under resolved
// options.
func (o *Options) on(code string) bool { return !slices.Contains(o.Off, code) }
