package evaluation

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// ErrMismatch is wrapped by the errors that Combiner.Add returns for a
// score of another framework, framework version or partnership.
var ErrMismatch = errors.New("only scores of one framework version and one partnership can be combined")

// Combined is several respondents' scores of one partnership, combined:
// each dimension's mean and spread, each partner's mean overall score,
// self-review against peer review, and the flags these raise.
type Combined struct {
	Framework        string
	FrameworkVersion string
	Partnership      uuid.UUID // the partnership, if the scores name it
	Respondents      int       // how many scores were combined
	// Overall is the mean of the respondents' overall scores, or nil when
	// none has one; Band is its band's label.
	Overall *float64
	Band    string
	// Dimensions holds each dimension's combination, in the framework's
	// order.
	Dimensions []CombinedDimension
	// Partners holds each partner's mean overall score, by partner id.
	// Respondents who name no partner are left out.
	Partners []PartnerMean
	// Flags lists respondents.disagree for each dimension whose spread is
	// 25 points or more; partners.imbalance for each partner whose mean
	// overall score is 20 points or more below the highest partner's; and
	// review.gap for each dimension whose self-review and peer-review
	// means differ by 20 points or more.
	Flags []Flag
}

// CombinedDimension is one dimension's part of a Combined. Its numbers are
// nil when no respondent has a score for the dimension.
type CombinedDimension struct {
	ID          string
	Respondents int      // how many respondents have a score for it
	Mean        *float64 // the mean of their scores
	Spread      *float64 // the largest score minus the smallest
	Band        string   // the band of the mean
	Self        *float64 // the mean of the self-review respondents' scores
	Peer        *float64 // the mean of the peer-review respondents' scores
}

// PartnerMean is the mean overall score of one partner's respondents.
type PartnerMean struct {
	Partner     string  `json:"partner"`
	Respondents int     `json:"respondents"` // respondents with an overall score
	Overall     float64 `json:"overall"`
}

type combinedJSON struct {
	Framework        string              `json:"framework"`
	FrameworkVersion string              `json:"frameworkVersion,omitempty"`
	Partnership      uuid.UUID           `json:"partnership,omitzero"`
	Respondents      int                 `json:"respondents"`
	Overall          *float64            `json:"overall"`
	Band             *string             `json:"band"`
	Dimensions       []CombinedDimension `json:"dimensions"`
	Partners         []PartnerMean       `json:"partners"`
	Flags            []Flag              `json:"flags"`
}

type combinedDimensionJSON struct {
	ID          string   `json:"id"`
	Respondents int      `json:"respondents"`
	Mean        *float64 `json:"mean"`
	Spread      *float64 `json:"spread"`
	Band        *string  `json:"band"`
	Self        *float64 `json:"self"`
	Peer        *float64 `json:"peer"`
}

// MarshalJSON writes the combination with null for missing numbers and
// bands.
func (c Combined) MarshalJSON() ([]byte, error) {
	return json.Marshal(combinedJSON{
		Framework: c.Framework, FrameworkVersion: c.FrameworkVersion, Partnership: c.Partnership,
		Respondents: c.Respondents, Overall: c.Overall, Band: nullable(c.Band),
		Dimensions: orEmpty(c.Dimensions), Partners: orEmpty(c.Partners), Flags: orEmpty(c.Flags),
	})
}

// UnmarshalJSON reads a combination written by MarshalJSON.
func (c *Combined) UnmarshalJSON(b []byte) error {
	var j combinedJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Combined{
		Framework: j.Framework, FrameworkVersion: j.FrameworkVersion, Partnership: j.Partnership,
		Respondents: j.Respondents, Overall: j.Overall, Dimensions: j.Dimensions, Partners: j.Partners, Flags: j.Flags,
	}
	if j.Band != nil {
		c.Band = *j.Band
	}
	return nil
}

// MarshalJSON writes the dimension's combination with null for missing
// numbers and bands.
func (d CombinedDimension) MarshalJSON() ([]byte, error) {
	return json.Marshal(combinedDimensionJSON{ID: d.ID, Respondents: d.Respondents, Mean: d.Mean, Spread: d.Spread,
		Band: nullable(d.Band), Self: d.Self, Peer: d.Peer})
}

// UnmarshalJSON reads a dimension's combination written by MarshalJSON.
func (d *CombinedDimension) UnmarshalJSON(b []byte) error {
	var j combinedDimensionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = CombinedDimension{ID: j.ID, Respondents: j.Respondents, Mean: j.Mean, Spread: j.Spread, Self: j.Self, Peer: j.Peer}
	if j.Band != nil {
		d.Band = *j.Band
	}
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// stats accumulates a mean and a range in constant space.
type stats struct {
	n             int
	sum, min, max float64
}

func (s *stats) add(x float64) {
	if s.n == 0 || x < s.min {
		s.min = x
	}
	if s.n == 0 || x > s.max {
		s.max = x
	}
	s.n++
	s.sum += x
}

func (s *stats) mean() float64 { return s.sum / float64(s.n) }

type dimStats struct{ all, self, peer stats }

// Combiner combines scores one at a time, in memory that grows with the
// number of dimensions and partners, not with the number of scores: add
// as many as you like with Add, then call Result. The zero Combiner is not
// usable; make one with NewCombiner. A Combiner is not safe for concurrent
// use.
type Combiner struct {
	f           *Framework
	opts        *Options // resolved
	err         error    // the options' error, which Add returns
	partnership uuid.UUID
	n           int
	overall     stats
	dims        []dimStats
	partners    map[string]*stats
}

// NewCombiner returns a Combiner for scores of the framework f, with the
// contract's thresholds.
func NewCombiner(f *Framework) *Combiner { return Options{}.NewCombiner(f) }

// NewCombiner returns a Combiner for scores of the framework f, with these
// options' thresholds. When Validate rejects the options, the Combiner's
// Add returns its error.
func (o Options) NewCombiner(f *Framework) *Combiner {
	if f == nil {
		return &Combiner{}
	}
	r, err := o.resolve()
	if err != nil {
		r = &defaults
	}
	return &Combiner{f: f, opts: r, err: err, dims: make([]dimStats, len(f.Dimensions)), partners: map[string]*stats{}}
}

// Add adds one respondent's score. It returns an error wrapping
// ErrMismatch, and adds nothing, when the score is of another framework or
// framework version, or of another partnership than the scores before it
// (when both name one).
func (c *Combiner) Add(s *Score) error {
	if c == nil || c.f == nil {
		return errors.New("evaluation: use NewCombiner with a framework to make a Combiner")
	}
	if c.err != nil {
		return c.err
	}
	if s == nil {
		return errors.New("evaluation: no score to combine (nil)")
	}
	if s.Framework != c.f.ID || s.FrameworkVersion != c.f.Version {
		return mismatch("cannot combine a score of " + frameworkName(s.Framework, s.FrameworkVersion) + " with " + frameworkName(c.f.ID, c.f.Version))
	}
	if len(s.Dimensions) != len(c.f.Dimensions) {
		return mismatch("the score has " + strconv.Itoa(len(s.Dimensions)) + " dimensions, but " + frameworkName(c.f.ID, c.f.Version) + " has " + strconv.Itoa(len(c.f.Dimensions)))
	}
	for i := range s.Dimensions {
		if s.Dimensions[i].ID != c.f.Dimensions[i].ID {
			return mismatch("the score's dimension " + strconv.Quote(s.Dimensions[i].ID) + " is not the framework's " + strconv.Quote(c.f.Dimensions[i].ID))
		}
	}
	if s.Partnership != uuid.Nil {
		if c.partnership == uuid.Nil {
			c.partnership = s.Partnership
		} else if s.Partnership != c.partnership {
			return mismatch("cannot combine scores of partnership " + s.Partnership.String() + " with those of " + c.partnership.String())
		}
	}

	c.n++
	for i := range s.Dimensions {
		x := s.Dimensions[i].Score
		if x == nil {
			continue
		}
		d := &c.dims[i]
		d.all.add(*x)
		switch s.Review {
		case ReviewSelf:
			d.self.add(*x)
		case ReviewPeer:
			d.peer.add(*x)
		}
	}
	if s.Overall != nil {
		c.overall.add(*s.Overall)
		if s.Partner != "" {
			p := c.partners[s.Partner]
			if p == nil {
				p = &stats{}
				c.partners[s.Partner] = p
			}
			p.add(*s.Overall)
		}
	}
	return nil
}

func frameworkName(id, version string) string {
	if version == "" {
		return strconv.Quote(id)
	}
	return strconv.Quote(id) + " version " + version
}

type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg + ": " + e.err.Error() }
func (e *wrapped) Unwrap() error { return e.err }

func mismatch(msg string) error { return &wrapped{msg: "evaluation: " + msg, err: ErrMismatch} }

// Result returns the combination of the scores added so far.
func (c *Combiner) Result() *Combined {
	if c == nil || c.f == nil {
		return &Combined{Dimensions: []CombinedDimension{}, Partners: []PartnerMean{}, Flags: []Flag{}}
	}
	f, o := c.f, c.opts
	out := &Combined{
		Framework:        f.ID,
		FrameworkVersion: f.Version,
		Partnership:      c.partnership,
		Respondents:      c.n,
		Dimensions:       make([]CombinedDimension, len(c.dims)),
		Partners:         make([]PartnerMean, 0, len(c.partners)),
		Flags:            []Flag{},
	}
	// One array holds every number the pointers point to.
	vals := make([]float64, 0, 4*len(c.dims)+1)
	ptr := func(x float64) *float64 {
		vals = append(vals, x)
		return &vals[len(vals)-1]
	}
	if c.overall.n > 0 {
		out.Overall = ptr(c.overall.mean())
		if b, ok := f.Band(*out.Overall); ok {
			out.Band = b.Label
		}
	}
	for i := range c.dims {
		d, cd := &c.dims[i], &out.Dimensions[i]
		cd.ID = f.Dimensions[i].ID
		cd.Respondents = d.all.n
		if d.all.n > 0 {
			cd.Mean = ptr(d.all.mean())
			cd.Spread = ptr(d.all.max - d.all.min)
			if b, ok := f.Band(*cd.Mean); ok {
				cd.Band = b.Label
			}
		}
		if d.self.n > 0 {
			cd.Self = ptr(d.self.mean())
		}
		if d.peer.n > 0 {
			cd.Peer = ptr(d.peer.mean())
		}
	}
	for id, p := range c.partners {
		out.Partners = append(out.Partners, PartnerMean{Partner: id, Respondents: p.n, Overall: p.mean()})
	}
	slices.SortFunc(out.Partners, func(a, b PartnerMean) int { return strings.Compare(a.Partner, b.Partner) })

	for _, cd := range out.Dimensions {
		if o.on(FlagDisagree) && cd.Spread != nil && *cd.Spread >= o.DisagreeSpread-near {
			out.Flags = append(out.Flags, Flag{Code: FlagDisagree, Dimension: cd.ID})
		}
	}
	if o.on(FlagImbalance) && len(out.Partners) > 1 {
		high := out.Partners[0]
		for _, p := range out.Partners[1:] {
			if p.Overall > high.Overall {
				high = p
			}
		}
		low := slices.Clone(out.Partners)
		slices.SortStableFunc(low, func(a, b PartnerMean) int {
			switch {
			case a.Overall < b.Overall:
				return -1
			case a.Overall > b.Overall:
				return 1
			}
			return 0
		})
		for _, p := range low {
			if high.Overall-p.Overall >= o.ImbalanceGap-near {
				out.Flags = append(out.Flags, Flag{Code: FlagImbalance, Partners: []string{p.Partner, high.Partner}})
			}
		}
	}
	for _, cd := range out.Dimensions {
		if o.on(FlagReviewGap) && cd.Self != nil && cd.Peer != nil && abs(*cd.Self-*cd.Peer) >= o.ReviewGap-near {
			out.Flags = append(out.Flags, Flag{Code: FlagReviewGap, Dimension: cd.ID})
		}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Combine combines several respondents' scores of one partnership, made
// with f.Score: see [Combined] for what it gives. It returns an error
// wrapping ErrMismatch when the scores are of different frameworks,
// framework versions or partnerships. For scores that arrive one at a
// time, use a [Combiner].
func Combine(f *Framework, scores []*Score) (*Combined, error) {
	if f == nil {
		return nil, errors.New("evaluation: no framework to combine scores of (nil)")
	}
	c := NewCombiner(f)
	for i, s := range scores {
		if err := c.Add(s); err != nil {
			var w *wrapped
			if errors.As(err, &w) {
				return nil, &wrapped{msg: "evaluation: score " + strconv.Itoa(i+1) + ": " + strings.TrimPrefix(w.msg, "evaluation: "), err: w.err}
			}
			return nil, err
		}
	}
	return c.Result(), nil
}
