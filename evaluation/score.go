package evaluation

import (
	"encoding/json"

	"github.com/google/uuid"
)

// The flags scoring and combining raise.
const (
	// FlagLowCoverage: the overall coverage is under LowCoverage.
	FlagLowCoverage = "coverage.low"
	// FlagConcern: a dimension's score is in the lowest band.
	FlagConcern = "dimension.concern"
	// FlagDisagree: respondents' scores for a dimension spread over
	// DisagreeSpread points or more.
	FlagDisagree = "respondents.disagree"
	// FlagImbalance: two partners' respondents' mean overall scores differ
	// by ImbalanceGap points or more.
	FlagImbalance = "partners.imbalance"
	// FlagReviewGap: a dimension's self-review and peer-review means
	// differ by ReviewGap points or more.
	FlagReviewGap = "review.gap"
)

// The thresholds of the flags, as the contract sets them.
const (
	LowCoverage    = 0.6 // coverage.low: overall coverage under this
	DisagreeSpread = 25  // respondents.disagree: a spread of this many points or more
	ImbalanceGap   = 20  // partners.imbalance: a difference of this many points or more
	ReviewGap      = 20  // review.gap: a difference of this many points or more
)

// Score is the result of scoring one assessment. Its JSON is shaped like
// the contract's score.expected.json, with a few more fields.
//
// Scores run from 0 to 100 and coverage from 0 to 1. When no question is
// answered at all, Overall is nil and Band is "" (both null in JSON), and
// Coverage is 0.
type Score struct {
	Framework        string    // the framework's id
	FrameworkVersion string    // the framework's version
	Assessment       uuid.UUID // the assessment's id, if it has one
	Partnership      uuid.UUID // the partnership reviewed, if given
	Partner          string    // the respondent's partner, if given
	Review           Review    // self or peer, if given

	// Overall is the weighted mean of the dimensions that have a score,
	// or nil when none has.
	Overall *float64
	// Band is the label of the overall score's band, and Advice the band's
	// advice.
	Band, Advice string
	// Coverage is the answered weight over the applicable weight, across
	// the framework (question weights); 0 when no question applies.
	Coverage float64
	// Answered counts the questions answered with a rating.
	Answered int
	// Dimensions holds each dimension's score, in the framework's order.
	Dimensions []DimensionScore
	// Flags lists what deserves attention: coverage.low, then
	// dimension.concern for each dimension in the lowest band.
	Flags []Flag
}

// DimensionScore is one dimension's part of a Score.
type DimensionScore struct {
	ID string
	// Score is the weighted mean of the answered questions' scores, or nil
	// when none is answered; the dimension is then left out of the overall.
	Score *float64
	// Coverage is the answered weight over the applicable weight, or nil
	// (null in JSON) when every question is not applicable: nothing was
	// applicable, so there is nothing to cover, as there is nothing to score.
	Coverage *float64
	// Band is the label of the score's band ("" when there is no score).
	Band string
	// Advice is what to do next: the dimension's own advice when it is in
	// the lowest band, otherwise the band's advice.
	Advice string
	// Answered counts the questions answered with a rating.
	Answered int
}

// Flag marks something in a score or a combination that deserves
// attention.
type Flag struct {
	Code      string   `json:"code"`                // such as dimension.concern
	Dimension string   `json:"dimension,omitempty"` // the dimension concerned, if any
	Partners  []string `json:"partners,omitempty"`  // partners.imbalance: the lower partner, then the highest
}

type scoreJSON struct {
	Framework        string           `json:"framework"`
	FrameworkVersion string           `json:"frameworkVersion,omitempty"`
	Assessment       uuid.UUID        `json:"assessment,omitzero"`
	Partnership      uuid.UUID        `json:"partnership,omitzero"`
	Partner          string           `json:"partner,omitempty"`
	Review           Review           `json:"review,omitempty"`
	Overall          *float64         `json:"overall"`
	Band             *string          `json:"band"`
	Advice           string           `json:"advice,omitempty"`
	Coverage         float64          `json:"coverage"`
	Answered         int              `json:"answered"`
	Dimensions       []DimensionScore `json:"dimensions"`
	Flags            []Flag           `json:"flags"`
}

type dimensionJSON struct {
	ID       string   `json:"id"`
	Score    *float64 `json:"score"`
	Coverage *float64 `json:"coverage"`
	Band     *string  `json:"band"`
	Advice   string   `json:"advice,omitempty"`
	Answered int      `json:"answered"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes the score as the contract shapes it: {"framework",
// "overall", "band", "coverage", "dimensions", "flags", …}, with null for
// a missing score or band.
func (s Score) MarshalJSON() ([]byte, error) {
	dims, flags := s.Dimensions, s.Flags
	if dims == nil {
		dims = []DimensionScore{}
	}
	if flags == nil {
		flags = []Flag{}
	}
	return json.Marshal(scoreJSON{
		Framework: s.Framework, FrameworkVersion: s.FrameworkVersion,
		Assessment: s.Assessment, Partnership: s.Partnership, Partner: s.Partner, Review: s.Review,
		Overall: s.Overall, Band: nullable(s.Band), Advice: s.Advice,
		Coverage: s.Coverage, Answered: s.Answered, Dimensions: dims, Flags: flags,
	})
}

// UnmarshalJSON reads a score written by MarshalJSON.
func (s *Score) UnmarshalJSON(b []byte) error {
	var j scoreJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = Score{
		Framework: j.Framework, FrameworkVersion: j.FrameworkVersion,
		Assessment: j.Assessment, Partnership: j.Partnership, Partner: j.Partner, Review: j.Review,
		Overall: j.Overall, Advice: j.Advice, Coverage: j.Coverage, Answered: j.Answered,
		Dimensions: j.Dimensions, Flags: j.Flags,
	}
	if j.Band != nil {
		s.Band = *j.Band
	}
	return nil
}

// MarshalJSON writes the dimension's score, with null for a missing score
// or band.
func (d DimensionScore) MarshalJSON() ([]byte, error) {
	return json.Marshal(dimensionJSON{ID: d.ID, Score: d.Score, Coverage: d.Coverage, Band: nullable(d.Band), Advice: d.Advice, Answered: d.Answered})
}

// UnmarshalJSON reads a dimension's score written by MarshalJSON.
func (d *DimensionScore) UnmarshalJSON(b []byte) error {
	var j dimensionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = DimensionScore{ID: j.ID, Score: j.Score, Coverage: j.Coverage, Advice: j.Advice, Answered: j.Answered}
	if j.Band != nil {
		d.Band = *j.Band
	}
	return nil
}

// Score scores an assessment, exactly as the contract says:
//
//   - an answer v on the scale min..max scores (v - min) / (max - min) × 100,
//     and a reverse-coded question 100 minus that;
//   - null (not applicable) leaves the question out of the score and the
//     coverage; a question with no answer counts against coverage only;
//   - a dimension's score is the weighted mean of its answered questions,
//     its coverage the answered weight over the applicable weight;
//   - the overall score is the weighted mean of the dimensions that have a
//     score, the coverage the answered weight over the applicable weight
//     across the framework;
//   - a band is the label of the highest band whose start the score
//     reaches (to within 1e-9);
//   - flags: coverage.low when the coverage is under 0.6, and
//     dimension.concern for each dimension in the lowest band.
//
// The assessment is validated first, as [Framework.Validate] does: an
// invalid one gives an *[InvalidError] and no score. Score is safe for
// concurrent use. It applies the contract's thresholds; [Options.Score]
// applies a programme's.
func (f *Framework) Score(a *Assessment) (*Score, error) { return f.score(a, &defaults) }

// Score scores an assessment as [Framework.Score] does, with these
// options' thresholds. Options that Validate rejects give its error.
func (o Options) Score(f *Framework, a *Assessment) (*Score, error) {
	r, err := o.resolve()
	if err != nil {
		return nil, err
	}
	return f.score(a, r)
}

// score scores an assessment with resolved options.
func (f *Framework) score(a *Assessment, o *Options) (*Score, error) {
	p := f.ready()
	if p.err != nil {
		return nil, p.err
	}
	if a == nil {
		return nil, errNoAssessment
	}
	if a.Framework != f.ID || (a.FrameworkVersion != "" && f.Version != "" && a.FrameworkVersion != f.Version) {
		return nil, f.problems(a, p)
	}

	s := &Score{
		Framework:        f.ID,
		FrameworkVersion: f.Version,
		Assessment:       a.ID,
		Partnership:      a.Partnership,
		Partner:          a.Respondent.Partner,
		Review:           a.Respondent.Review,
		Dimensions:       make([]DimensionScore, len(f.Dimensions)),
		Flags:            []Flag{},
	}
	// One array holds every score the pointers point to: the dimensions'
	// and, last, the overall.
	vals := make([]float64, len(f.Dimensions)+1)
	lo, hi := f.Scale.Min, f.Scale.Max
	span := float64(hi) - float64(lo)
	allowNA := f.Scale.AllowNotApplicable

	matched, bad := 0, false
	var applicable, answered, overallSum, overallWeight float64
	for i := range f.Dimensions {
		d := &f.Dimensions[i]
		ds := &s.Dimensions[i]
		ds.ID = d.ID
		var appl, ans, sum float64
		for j := range d.Questions {
			q := &d.Questions[j]
			w := weight(q.Weight)
			v, ok := a.Answers[q.ID]
			if !ok {
				appl += w
				continue
			}
			matched++
			if v.NotApplicable {
				bad = bad || !allowNA
				continue
			}
			if v.Value < lo || v.Value > hi {
				bad = true
				continue
			}
			x := (float64(v.Value) - float64(lo)) / span * 100
			if q.Reverse {
				x = 100 - x
			}
			appl += w
			ans += w
			sum += x * w
			ds.Answered++
		}
		applicable += appl
		answered += ans
		if appl > 0 {
			cov := ans / appl
			ds.Coverage = &cov
		}
		if ans == 0 {
			continue
		}
		vals[i] = clamp(sum / ans)
		ds.Score = &vals[i]
		b := bandIndex(f.Bands, vals[i])
		ds.Band = f.Bands[b].Label
		ds.Advice = f.Bands[b].Advice
		if b == 0 && d.Advice != "" {
			ds.Advice = d.Advice
		}
		dw := weight(d.Weight)
		overallSum += vals[i] * dw
		overallWeight += dw
		s.Answered += ds.Answered
	}
	if bad || matched != len(a.Answers) {
		return nil, f.problems(a, p)
	}
	if applicable > 0 {
		s.Coverage = answered / applicable
	}
	if overallWeight > 0 {
		o := &vals[len(f.Dimensions)]
		*o = clamp(overallSum / overallWeight)
		s.Overall = o
		b := bandIndex(f.Bands, *o)
		s.Band, s.Advice = f.Bands[b].Label, f.Bands[b].Advice
	}
	if o.on(FlagLowCoverage) && s.Coverage < o.LowCoverage-near {
		s.Flags = append(s.Flags, Flag{Code: FlagLowCoverage})
	}
	for i := range s.Dimensions {
		if ds := &s.Dimensions[i]; o.on(FlagConcern) && ds.Score != nil && bandIndex(f.Bands, *ds.Score) == 0 {
			s.Flags = append(s.Flags, Flag{Code: FlagConcern, Dimension: ds.ID})
		}
	}
	return s, nil
}

// bandIndex returns the index of the highest band whose start the score
// reaches; bands are in ascending order and the first starts at 0.
func bandIndex(bands []Band, score float64) int {
	idx := 0
	for i := range bands {
		if bands[i].Min <= score+near {
			idx = i
		}
	}
	return idx
}

// clamp keeps a score within 0 to 100 despite rounding.
func clamp(x float64) float64 {
	switch {
	case !(x >= 0): // and NaN
		return 0
	case x > 100:
		return 100
	}
	return x
}

// Band returns the band a score falls in, by the framework's bands, and
// whether there is one (there is none for a framework without bands).
func (f *Framework) Band(score float64) (Band, bool) {
	if len(f.Bands) == 0 {
		return Band{}, false
	}
	return f.Bands[bandIndex(f.Bands, score)], true
}
