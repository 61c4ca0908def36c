package evaluation

import (
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/schemas"
)

// Scorer scores assessments of one framework one at a time and combines
// them as it goes, so that scoring any number of them keeps only the
// combination in memory: the command line streams files through one, and
// [ScoreRequest] the assessments of a request.
type Scorer struct {
	f     *Framework
	opts  Options
	comb  *Combiner
	n     int       // scores combined
	first uuid.UUID // the partnership of the scores before
}

// NewScorer returns a Scorer for the framework, with the contract's
// thresholds.
func NewScorer(f *Framework) *Scorer { return Options{}.NewScorer(f) }

// NewScorer returns a Scorer for the framework, with these options'
// thresholds. When Validate rejects the options, Add returns its error.
func (o Options) NewScorer(f *Framework) *Scorer {
	return &Scorer{f: f, opts: o, comb: o.NewCombiner(f)}
}

// Add scores the assessment and adds the score to the combination. An
// assessment that does not fit the framework is an *InvalidError, and
// nothing is combined; a score that cannot be combined with those before
// it is returned with a *MismatchError.
func (s *Scorer) Add(a *Assessment) (*Score, error) {
	sc, err := s.opts.Score(s.f, a)
	if err != nil {
		return nil, err
	}
	if err := s.comb.Add(sc); err != nil {
		if !errors.Is(err, ErrMismatch) {
			return sc, err
		}
		m := &MismatchError{Index: s.n, Partnership: sc.Partnership}
		if s.first != uuid.Nil && sc.Partnership != s.first {
			m.Before = s.first
		}
		return sc, m
	}
	if s.first == uuid.Nil {
		s.first = sc.Partnership
	}
	s.n++
	return sc, nil
}

// Combined returns the combination of the scores added, or nil when none
// was. The combination of one score is that respondent's alone: a caller
// that combines only several leaves it out, as ScoreRequest does.
func (s *Scorer) Combined() *Combined {
	if s.n == 0 {
		return nil
	}
	return s.comb.Result()
}

// MismatchError says that a score cannot be combined with those before
// it: it is of another partnership, or of another version of the
// framework. It wraps ErrMismatch.
type MismatchError struct {
	// Index is the score's place among those combined, from 0.
	Index int
	// Partnership is the score's partnership; Before is that of the scores
	// before it when the two differ, else uuid.Nil (the framework's
	// versions differ).
	Partnership, Before uuid.UUID
}

const mismatchWhy = "only assessments of one partnership, made with one version of the framework, can be combined"

func (e *MismatchError) Error() string {
	if e.Before != uuid.Nil {
		return fmt.Sprintf("assessment %d is of partnership %s, but the ones before it are of %s: %s", e.Index+1, e.Partnership, e.Before, mismatchWhy)
	}
	return fmt.Sprintf("assessment %d cannot be combined with the ones before it: %s", e.Index+1, mismatchWhy)
}

// Unwrap returns ErrMismatch.
func (e *MismatchError) Unwrap() error { return ErrMismatch }

// Scores is the result of a score request: one score for each assessment,
// in order, and for two or more, their combination. It is the answer of
// POST /v1/evaluations/score and what `partnerkit evaluate score --json`
// prints (there each result has its file too).
type Scores struct {
	Results  []*Score  `json:"results"`
	Combined *Combined `json:"combined,omitempty"`
	// Options are the options in force (see [Options.Resolved]) when a
	// programme set any; absent for the defaults.
	Options *Options `json:"options,omitempty"`
}

// ScoreRequest scores a request, decoded as schemas.Decode decodes it:
// {"framework": a built-in framework's id or a framework, "assessments":
// [...]}. The envelope is checked against the score-request schema, the
// framework and each assessment against theirs, then every assessment is
// scored and, for two or more, they are combined.
//
// Every problem with the request is an *InvalidError whose findings have
// JSON Pointers into the request: its Document is schemas.ScoreRequest
// when the envelope is wrong or the assessments cannot be combined
// (assessments.mismatch), and otherwise that of the first document with an
// error.
//
// ScoreRequest applies the contract's thresholds; [Options.ScoreRequest]
// applies a programme's.
func ScoreRequest(doc any) (*Scores, error) { return Options{}.ScoreRequest(doc) }

// ScoreRequest scores a request as [ScoreRequest] does, with these
// options' thresholds. Options that Validate rejects give its error (a
// *partnership.OptionError) before the request is read.
func (o Options) ScoreRequest(doc any) (*Scores, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	var fs []finding.Finding
	for _, v := range schemas.MustLookup(schemas.ScoreRequest).Validate(doc) {
		fs = append(fs, v.Finding())
	}
	obj, _ := doc.(map[string]any)
	id, isID := obj["framework"].(string)
	// The schema leaves framework's type open: a union of string and
	// object is valid JSON Schema, but ajv's strict mode refuses it, and
	// other languages validate with these schemas.
	if _, isDoc := obj["framework"].(map[string]any); !isID && !isDoc && obj["framework"] != nil {
		fs = append(fs, finding.Finding{Code: schemas.CodeSchema, Severity: finding.Error, Path: "/framework",
			Message: `Framework must be a built-in framework's id, such as "partnership-health-check", or a framework object.`})
	}
	if isID {
		if _, ok := Builtin(id); !ok {
			fs = append(fs, finding.Finding{Code: "framework.unknown", Severity: rules.Severity("framework.unknown"), Path: "/framework",
				Message: fmt.Sprintf("No built-in framework is called %q: GET /v1/frameworks lists them, or send the framework itself.", id)})
		}
	}
	if len(fs) > 0 {
		return nil, &InvalidError{Document: schemas.ScoreRequest, Findings: fs}
	}

	first := "" // the kind of the first document with findings
	collect := func(err error, base, kind string) error {
		var inv *InvalidError
		if !errors.As(err, &inv) {
			return err
		}
		fs = append(fs, finding.Prefixed(slices.Clone(inv.Findings), base)...)
		if first == "" {
			first = kind
		}
		return nil
	}
	var f *Framework
	if isID {
		f, _ = Builtin(id)
	} else {
		var err error
		if f, err = ParseFrameworkValue(obj["framework"]); collect(err, "/framework", schemas.Framework) != nil {
			return nil, err
		}
	}
	list := obj["assessments"].([]any) // the schema says so
	assessments := make([]*Assessment, len(list))
	for i, item := range list {
		a, err := ParseAssessmentValue(item)
		if collect(err, pointer.Index("/assessments", i), schemas.Assessment) != nil {
			return nil, err
		}
		assessments[i] = a
	}
	if len(fs) > 0 {
		return nil, &InvalidError{Document: first, Findings: fs}
	}

	res := &Scores{Results: make([]*Score, len(list)), Options: o.InForce()}
	sc := o.NewScorer(f)
	var mismatch *MismatchError
	for i, a := range assessments {
		s, err := sc.Add(a)
		res.Results[i] = s
		var m *MismatchError
		switch {
		case errors.As(err, &m):
			if mismatch == nil {
				mismatch = m
			}
		case collect(err, pointer.Index("/assessments", i), schemas.Assessment) != nil:
			return nil, err
		}
	}
	if len(fs) > 0 {
		return nil, &InvalidError{Document: first, Findings: fs}
	}
	if mismatch != nil {
		path := pointer.Index("/assessments", mismatch.Index)
		if mismatch.Before != uuid.Nil {
			path += "/partnership"
		}
		return nil, &InvalidError{Document: schemas.ScoreRequest, Err: mismatch, Findings: []finding.Finding{{
			Code: "assessments.mismatch", Severity: rules.Severity("assessments.mismatch"), Path: path,
			Message: text.Capital(mismatch.Error()) + ".",
		}}}
	}
	if len(list) > 1 {
		res.Combined = sc.Combined()
	}
	return res, nil
}
