package evaluation

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// Assessment is one respondent's answers to a framework. Its JSON is the
// assessment document of the contract.
type Assessment struct {
	Schema           string           `json:"$schema,omitempty"`
	ID               uuid.UUID        `json:"id,omitzero"`
	Framework        string           `json:"framework"`                  // the framework's id
	FrameworkVersion string           `json:"frameworkVersion,omitempty"` // the framework's version, if known
	Partnership      uuid.UUID        `json:"partnership,omitzero"`
	Respondent       Respondent       `json:"respondent,omitzero"`
	Date             partnership.Date `json:"date,omitzero"`
	// Answers holds each answered question's rating by question id. A
	// question with no entry is unanswered: it counts against coverage.
	Answers map[string]Answer `json:"answers"`
	Notes   map[string]string `json:"notes,omitempty"`
}

// Respondent is who gave the answers.
type Respondent struct {
	Partner string `json:"partner,omitempty"` // the id of the partner the respondent belongs to
	Role    string `json:"role,omitempty"`
	Name    string `json:"name,omitempty"`
	Review  Review `json:"review,omitempty"`
}

// Review says whether a respondent reviewed their own partnership or a
// peer's.
type Review string

const (
	ReviewSelf Review = "self" // a self-review
	ReviewPeer Review = "peer" // a review by a peer from another school
)

// Answer is the answer to one question: a rating on the scale, or not
// applicable (JSON null). The zero Answer is the rating 0.
type Answer struct {
	Value         int
	NotApplicable bool
}

// NotApplicable returns the answer "not applicable": the question is left
// out of the score and the coverage.
func NotApplicable() Answer { return Answer{NotApplicable: true} }

// Rating returns the answer v.
func Rating(v int) Answer { return Answer{Value: v} }

// MarshalJSON writes the rating, or null for not applicable.
func (a Answer) MarshalJSON() ([]byte, error) {
	if a.NotApplicable {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(a.Value), 10), nil
}

// UnmarshalJSON reads a whole number, or null for not applicable.
func (a *Answer) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*a = NotApplicable()
		return nil
	}
	n, exact, ok := wholeNumber(json.Number(b))
	if !ok || !exact || n != int64(int(n)) {
		return errors.New("evaluation: an answer is a whole number on the scale, or null for not applicable, not " + string(b))
	}
	*a = Answer{Value: int(n)}
	return nil
}

// String returns the rating, or "n/a".
func (a Answer) String() string {
	if a.NotApplicable {
		return "n/a"
	}
	return strconv.Itoa(a.Value)
}

// ParseAssessment parses an assessment document and checks it against the
// assessment schema. It does not check the answers against a framework:
// [Framework.Validate] and [Framework.Score] do. When the document has
// errors it returns an *[InvalidError] with them all.
func ParseAssessment(data []byte) (*Assessment, error) {
	doc, fs, err := decode(data)
	if err != nil {
		return nil, &InvalidError{Document: schemas.Assessment, Findings: fs, Err: err}
	}
	return ParseAssessmentValue(doc)
}

// ParseAssessmentValue is ParseAssessment for a document already decoded,
// as schemas.Decode decodes it.
func ParseAssessmentValue(doc any) (*Assessment, error) {
	fs := validate(doc, schemas.Assessment)
	a, more := assessmentFromValue(doc)
	fs = merge(fs, more)
	if err := invalid(schemas.Assessment, fs); err != nil {
		return nil, err
	}
	return a, nil
}

func assessmentFromValue(v any) (*Assessment, []finding.Finding) {
	o := jsontree.Object(v)
	a := &Assessment{
		Schema:           jsontree.String(o, "$schema"),
		Framework:        jsontree.String(o, "framework"),
		FrameworkVersion: jsontree.String(o, "frameworkVersion"),
		Date:             date(o, "date"),
	}
	a.ID, _ = uuid.Parse(jsontree.String(o, "id"))
	a.Partnership, _ = uuid.Parse(jsontree.String(o, "partnership"))
	if r := jsontree.Object(o["respondent"]); r != nil {
		a.Respondent = Respondent{
			Partner: jsontree.String(r, "partner"),
			Role:    jsontree.String(r, "role"),
			Name:    jsontree.String(r, "name"),
			Review:  Review(jsontree.String(r, "review")),
		}
	}
	var fs findings
	answers := jsontree.Object(o["answers"])
	a.Answers = make(map[string]Answer, len(answers))
	for id, av := range answers {
		if av == nil {
			a.Answers[id] = NotApplicable()
			continue
		}
		n, exact, ok := wholeNumber(av)
		if !ok {
			continue // the schema reports it
		}
		if !exact || n != int64(int(n)) {
			fs.add("answer.out-of-scale", pointer.Join("/answers", id), "The answer "+formatAny(av)+" is far outside any scale: give a rating on the framework's scale.")
			continue
		}
		a.Answers[id] = Answer{Value: int(n)}
	}
	if notes := jsontree.Object(o["notes"]); len(notes) > 0 {
		a.Notes = make(map[string]string, len(notes))
		for id := range notes {
			a.Notes[id] = jsontree.String(notes, id)
		}
	}
	slices.SortFunc(fs, func(x, y finding.Finding) int { return pointer.Compare(x.Path, y.Path) })
	return a, fs
}

func formatAny(v any) string {
	if n, ok := v.(json.Number); ok {
		return string(n)
	}
	f, _ := number(v)
	return formatNumber(f)
}

// Validate checks an assessment against the framework: the framework id
// and version (when both give one), and that every answer is for one of
// the framework's questions, lies on the scale, and is null only when the
// framework allows not applicable. It returns nil or an *[InvalidError]
// whose findings point into the assessment, such as /answers/sg2. It
// returns the framework's own *InvalidError if the framework has errors.
func (f *Framework) Validate(a *Assessment) error {
	p := f.ready()
	if p.err != nil {
		return p.err
	}
	if a == nil {
		return errNoAssessment
	}
	return f.problems(a, p)
}

var errNoAssessment = errors.New("evaluation: no assessment (nil)")

func checkAnswer(fs *findings, s Scale, id string, ans Answer) {
	switch {
	case ans.NotApplicable && !s.AllowNotApplicable:
		fs.add("answer.not-applicable", pointer.Join("/answers", id), "This framework does not allow not applicable (null): give a rating from "+
			strconv.Itoa(s.Min)+" to "+strconv.Itoa(s.Max)+", or leave the question out if it is unanswered.")
	case !ans.NotApplicable && (ans.Value < s.Min || ans.Value > s.Max):
		fs.add("answer.out-of-scale", pointer.Join("/answers", id), "The answer "+strconv.Itoa(ans.Value)+" is outside the scale: give a rating from "+
			strconv.Itoa(s.Min)+" to "+strconv.Itoa(s.Max)+".")
	}
}

// problems lists everything wrong with an assessment, in a stable order:
// the framework, then the answers in the framework's order, then answers
// to unknown questions by id.
func (f *Framework) problems(a *Assessment, p *prepared) error {
	var fs findings
	if a.Framework != f.ID {
		fs.add("framework.mismatch", "/framework", "This assessment answers the framework "+strconv.Quote(a.Framework)+
			", not "+strconv.Quote(f.ID)+": score it against the framework it answers.")
	} else if a.FrameworkVersion != "" && f.Version != "" && a.FrameworkVersion != f.Version {
		fs.add("framework.version-mismatch", "/frameworkVersion", "This assessment answers version "+a.FrameworkVersion+" of "+
			strconv.Quote(f.ID)+", not version "+f.Version+": score it against the version it answers.")
	}
	for _, d := range f.Dimensions {
		for _, q := range d.Questions {
			if ans, ok := a.Answers[q.ID]; ok {
				checkAnswer(&fs, f.Scale, q.ID, ans)
			}
		}
	}
	var unknown []string
	for id := range a.Answers {
		if !p.questions[id] {
			unknown = append(unknown, id)
		}
	}
	slices.Sort(unknown)
	for _, id := range unknown {
		fs.add("answer.unknown-question", pointer.Join("/answers", id), "The framework "+strconv.Quote(f.ID)+" has no question "+
			strconv.Quote(id)+": check the id, or remove the answer.")
	}
	return invalid(schemas.Assessment, fs)
}
