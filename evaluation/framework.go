package evaluation

import (
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// Framework is a self-assessment questionnaire: a rating scale, dimensions
// of questions with weights and advice, and score bands. Its JSON is the
// framework document of the contract.
//
// Get one with [ParseFramework] or [Builtin], or build one in Go and check
// it with [Framework.Check]. ParseFramework and Builtin do once the work
// that scoring needs; a framework built in Go, or changed since, is checked
// again at every Score, which is correct but slower.
type Framework struct {
	Schema      string      `json:"$schema,omitempty"`
	ID          string      `json:"id"`
	Version     string      `json:"version,omitempty"`
	Title       string      `json:"title"`
	Description string      `json:"description,omitempty"`
	Scale       Scale       `json:"scale"`
	Dimensions  []Dimension `json:"dimensions"`
	Bands       []Band      `json:"bands"`

	// prep is what scoring needs, worked out once by ParseFramework and
	// Builtin. Frameworks built in Go have none.
	prep *prepared
}

// Scale is the rating scale every question is answered on, such as 1 to 5.
type Scale struct {
	Min int `json:"min"`
	Max int `json:"max"`
	// Labels has one label for each point, lowest first, or is nil.
	Labels []string `json:"labels,omitempty"`
	// AllowNotApplicable lets respondents answer null: not applicable.
	AllowNotApplicable bool `json:"allowNotApplicable,omitempty"`
}

// Points is how many ratings the scale has: 5 for 1 to 5. It is 0 when
// the scale is invalid.
func (s Scale) Points() int {
	if s.Max < s.Min {
		return 0
	}
	return s.Max - s.Min + 1
}

// Label returns the label of rating v, or "" when the scale has no labels
// or v is not on it.
func (s Scale) Label(v int) string {
	if v < s.Min || v > s.Max || len(s.Labels) != s.Points() {
		return ""
	}
	return s.Labels[v-s.Min]
}

// Dimension is one area a framework reviews, such as shared goals, and its
// questions.
type Dimension struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Description string            `json:"description,omitempty"`
	Phase       partnership.Stage `json:"phase,omitempty"` // for phased programmes: build, embed or sustain
	// Weight is how much the dimension counts towards the overall score,
	// relative to the others. 0 means the default, 1.
	Weight float64 `json:"weight,omitempty"`
	// Advice is what to do when the dimension scores in the lowest band.
	Advice    string     `json:"advice,omitempty"`
	Questions []Question `json:"questions"`
}

// Question is a statement respondents rate on the scale.
type Question struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Help string `json:"help,omitempty"`
	// Weight is how much the question counts towards its dimension's
	// score, relative to the others. 0 means the default, 1.
	Weight float64 `json:"weight,omitempty"`
	// Reverse marks a statement that is a bad sign when agreed with, such
	// as "Partners pursue conflicting priorities": it scores 100 minus
	// the usual score.
	Reverse bool `json:"reverse,omitempty"`
}

// Band is a range of scores with a label and advice. A score takes the
// band with the highest Min that it reaches.
type Band struct {
	Min    float64 `json:"min"`
	Label  string  `json:"label"`
	Advice string  `json:"advice,omitempty"`
}

func weight(w float64) float64 {
	if w == 0 {
		return 1
	}
	return w
}

// prepared is what scoring needs from a checked framework.
type prepared struct {
	err       error           // an *InvalidError when the framework has errors
	questions map[string]bool // the question ids
	ids       []string        // every dimension's id then its questions' ids, in order
}

func prepare(f *Framework) *prepared {
	p := &prepared{err: invalid(schemas.Framework, checkFramework(f))}
	if p.err != nil {
		return p
	}
	n := 0
	for _, d := range f.Dimensions {
		n += len(d.Questions)
	}
	p.questions = make(map[string]bool, n)
	p.ids = make([]string, 0, n+len(f.Dimensions))
	for _, d := range f.Dimensions {
		p.ids = append(p.ids, d.ID)
		for _, q := range d.Questions {
			p.questions[q.ID] = true
			p.ids = append(p.ids, q.ID)
		}
	}
	return p
}

// ready returns what scoring needs: the work ParseFramework did, when the
// framework still matches it, or else the framework checked afresh. The
// match is cheap (no allocation), so a framework changed after parsing, or
// built in Go, is still scored correctly, only more slowly.
func (f *Framework) ready() *prepared {
	if p := f.prep; p != nil && p.matches(f) {
		return p
	}
	return prepare(f)
}

// matches reports whether f still has the ids p was prepared from, and
// everything scoring relies on is still valid: the scale, the weights and
// the bands.
func (p *prepared) matches(f *Framework) bool {
	if p.err != nil || f.Scale.Max <= f.Scale.Min || f.Scale.Min < -MaxScale || f.Scale.Max > MaxScale {
		return false
	}
	k := 0
	for i := range f.Dimensions {
		d := &f.Dimensions[i]
		if k >= len(p.ids) || p.ids[k] != d.ID || !validWeight(d.Weight) {
			return false
		}
		k++
		for j := range d.Questions {
			q := &d.Questions[j]
			if k >= len(p.ids) || p.ids[k] != q.ID || !validWeight(q.Weight) {
				return false
			}
			k++
		}
	}
	if k != len(p.ids) || len(f.Bands) == 0 || f.Bands[0].Min != 0 {
		return false
	}
	for i := 1; i < len(f.Bands); i++ {
		if !(f.Bands[i].Min > f.Bands[i-1].Min && f.Bands[i].Min <= 100) {
			return false
		}
	}
	return true
}

// validWeight reports whether w is 0 (the default) or above 0 and at most
// MaxWeight.
func validWeight(w float64) bool { return w == 0 || (w > 0 && w <= MaxWeight) }

// Check applies the framework rules to a framework (see [Rules]): unique
// ids, a valid scale with one label for each point, weights above 0, at
// least one question in each dimension, and bands in ascending order
// starting at 0. It returns nil when there is nothing to report. A
// framework is usable when no finding is an error.
//
// Check does not apply the JSON Schema, which needs the text: see
// [CheckFramework].
func (f *Framework) Check() []finding.Finding { return checkFramework(f) }

// Dimension returns the dimension with the given id.
func (f *Framework) Dimension(id string) (*Dimension, bool) {
	for i := range f.Dimensions {
		if f.Dimensions[i].ID == id {
			return &f.Dimensions[i], true
		}
	}
	return nil, false
}

// Questions returns how many questions the framework has.
func (f *Framework) Questions() int {
	n := 0
	for _, d := range f.Dimensions {
		n += len(d.Questions)
	}
	return n
}

// CheckFramework checks a framework document in one pass: the JSON syntax,
// then the framework schema, then the rules on whatever could be read. A
// rule that would say again what the schema said about the same value is
// left out. It returns nil when there is nothing to report.
func CheckFramework(data []byte) []finding.Finding {
	doc, fs, err := decode(data)
	if err != nil {
		return fs
	}
	_, fs = checkFrameworkValue(doc)
	return fs
}

// ParseFramework parses a framework document and checks it as
// [CheckFramework] does. When any finding is an error it returns an
// *[InvalidError] that carries them all (for malformed JSON, wrapping a
// *schemas.SyntaxError with the line and column).
func ParseFramework(data []byte) (*Framework, error) {
	doc, fs, err := decode(data)
	if err != nil {
		return nil, &InvalidError{Document: schemas.Framework, Findings: fs, Err: err}
	}
	return ParseFrameworkValue(doc)
}

// ParseFrameworkValue is ParseFramework for a document already decoded,
// as schemas.Decode decodes it.
func ParseFrameworkValue(doc any) (*Framework, error) {
	f, fs := checkFrameworkValue(doc)
	if !finding.Valid(fs) {
		return nil, &InvalidError{Document: schemas.Framework, Findings: fs}
	}
	f.prep = prepare(f)
	return f, nil
}

// MustParseFramework is like ParseFramework but panics if the document is
// not a valid framework. It is for frameworks written into programs and
// tests.
func MustParseFramework(data []byte) *Framework {
	f, err := ParseFramework(data)
	if err != nil {
		panic(err)
	}
	return f
}

// checkFrameworkValue builds a framework from a decoded document and
// checks it against the schema and the rules.
func checkFrameworkValue(doc any) (*Framework, []finding.Finding) {
	fs := validate(doc, schemas.Framework)
	f := frameworkFromValue(doc)
	return f, merge(fs, checkFramework(f))
}

// frameworkFromValue builds a framework from a decoded tree, tolerantly.
func frameworkFromValue(v any) *Framework {
	o := jsontree.Object(v)
	f := &Framework{
		Schema:      jsontree.String(o, "$schema"),
		ID:          jsontree.String(o, "id"),
		Version:     jsontree.String(o, "version"),
		Title:       jsontree.String(o, "title"),
		Description: jsontree.String(o, "description"),
	}
	if s := jsontree.Object(o["scale"]); s != nil {
		f.Scale.Min = scaleBound(s["min"])
		f.Scale.Max = scaleBound(s["max"])
		f.Scale.AllowNotApplicable = jsontree.Bool(s, "allowNotApplicable")
		if labels, ok := s["labels"].([]any); ok {
			f.Scale.Labels = make([]string, len(labels))
			for i, l := range labels {
				f.Scale.Labels[i], _ = l.(string)
			}
		}
	}
	dims := jsontree.Array(o["dimensions"])
	f.Dimensions = make([]Dimension, len(dims))
	for i, dv := range dims {
		d := jsontree.Object(dv)
		dim := &f.Dimensions[i]
		*dim = Dimension{
			ID:          jsontree.String(d, "id"),
			Title:       jsontree.String(d, "title"),
			Description: jsontree.String(d, "description"),
			Phase:       partnership.Stage(jsontree.String(d, "phase")),
			Weight:      weightValue(d),
			Advice:      jsontree.String(d, "advice"),
		}
		qs := jsontree.Array(d["questions"])
		dim.Questions = make([]Question, len(qs))
		for j, qv := range qs {
			q := jsontree.Object(qv)
			dim.Questions[j] = Question{
				ID:      jsontree.String(q, "id"),
				Text:    jsontree.String(q, "text"),
				Help:    jsontree.String(q, "help"),
				Weight:  weightValue(q),
				Reverse: jsontree.Bool(q, "reverse"),
			}
		}
	}
	bands := jsontree.Array(o["bands"])
	f.Bands = make([]Band, len(bands))
	for i, bv := range bands {
		b := jsontree.Object(bv)
		min, _ := number(b["min"])
		f.Bands[i] = Band{Min: min, Label: jsontree.String(b, "label"), Advice: jsontree.String(b, "advice")}
	}
	return f
}

// scaleBound reads a scale's bound; one too large for the rules to accept
// reads as beyond MaxScale.
func scaleBound(v any) int {
	n, _, _ := wholeNumber(v)
	switch {
	case n > MaxScale:
		return MaxScale + 1
	case n < -MaxScale:
		return -MaxScale - 1
	}
	return int(n)
}

// weightValue reads a weight. An explicit 0 or a value that is not a
// number reads as -1, which the rules report (the schema reports it too).
func weightValue(m map[string]any) float64 {
	v, ok := m["weight"]
	if !ok {
		return 0
	}
	w, ok := number(v)
	if !ok || w == 0 {
		return -1
	}
	return w
}
