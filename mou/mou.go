package mou

import (
	"math"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// The largest figures the MOU schema accepts. Beyond them a figure is a
// schema violation; the rules still read it as given, never as absent.
const (
	// MaxAmount is the largest budget or contribution, in the MOU's
	// currency: a million million. Amounts up to it add up exactly to the
	// penny (see [Finance]).
	MaxAmount = 1e12
	// MaxFigure is the largest size of a measure's baseline or target,
	// either side of zero.
	MaxFigure = 1e12
	// MaxNoticeDays is the longest notice period: ten years.
	MaxNoticeDays = 3650
)

// MOU is a partnership's Memorandum of Understanding. Its JSON is the
// contract's MOU document; the eight parts the guidance recommends are the
// mission statement, the objectives, the activities, monitoring, the leads
// (in Partnership), governance, finance, and alterations and dissolution.
type MOU struct {
	Schema           string                  `json:"$schema,omitempty"`
	ID               uuid.UUID               `json:"id,omitzero"`
	Title            string                  `json:"title,omitempty"`
	MissionStatement string                  `json:"missionStatement,omitempty"`
	Partnership      partnership.Partnership `json:"partnership"`
	Term             Term                    `json:"term,omitzero"`
	Objectives       []Objective             `json:"objectives,omitempty"`
	Activities       []Activity              `json:"activities,omitempty"`
	Monitoring       *Monitoring             `json:"monitoring,omitempty"`
	Governance       *Governance             `json:"governance,omitempty"`
	Finance          *Finance                `json:"finance,omitempty"`
	Alterations      string                  `json:"alterations,omitempty"`
	Dissolution      *Dissolution            `json:"dissolution,omitempty"`
	LegallyBinding   bool                    `json:"legallyBinding"`
	Signatures       []Signature             `json:"signatures,omitempty"`
}

// Term is when the agreement starts and ends.
type Term struct {
	Start partnership.Date `json:"start,omitzero"`
	End   partnership.Date `json:"end,omitzero"`
}

// Valid reports whether both dates are given and the term ends after it starts.
func (t Term) Valid() bool { return !t.Start.IsZero() && !t.End.IsZero() && t.End.After(t.Start) }

// Contains reports whether d falls within the term, both ends included.
func (t Term) Contains(d partnership.Date) bool {
	return !d.IsZero() && !d.Before(t.Start) && !d.After(t.End)
}

// Objective is one SMART objective.
type Objective struct {
	ID         string                `json:"id"`
	Statement  string                `json:"statement"`
	Measure    *Measure              `json:"measure,omitempty"`
	Deadline   partnership.Date      `json:"deadline,omitzero"`
	YearGroups []string              `json:"yearGroups,omitempty"`
	Subjects   []string              `json:"subjects,omitempty"`
	FocusArea  partnership.FocusArea `json:"focusArea,omitempty"`
}

// Measure is how an objective's success is measured. Baseline and Target
// are pointers because 0 is a real value, distinct from "not given".
type Measure struct {
	Indicator string   `json:"indicator,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Baseline  *float64 `json:"baseline,omitempty"`
	Target    *float64 `json:"target,omitempty"`
}

// Activity is one planned activity.
type Activity struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	Objectives  []string `json:"objectives,omitempty"` // ids of the objectives served
	LedBy       string   `json:"ledBy,omitempty"`      // id of the leading partner
	YearGroups  []string `json:"yearGroups,omitempty"`
	Subjects    []string `json:"subjects,omitempty"`
	Frequency   string   `json:"frequency,omitempty"`
}

// Evidence is a kind of evidence used to monitor impact.
type Evidence string

const (
	EvidenceAttainment     Evidence = "attainment"
	EvidenceAttendance     Evidence = "attendance"
	EvidenceParticipation  Evidence = "participation"
	EvidencePupilVoice     Evidence = "pupil-voice"
	EvidenceParentFeedback Evidence = "parent-feedback"
	EvidenceStaffFeedback  Evidence = "staff-feedback"
	EvidenceObservation    Evidence = "observation"
	EvidenceCaseStudy      Evidence = "case-study"
	EvidenceSurvey         Evidence = "survey"
)

// Soft reports whether e is a softer measure (pupil voice, feedback,
// observation, case studies) rather than numbers.
func (e Evidence) Soft() bool {
	switch e {
	case EvidencePupilVoice, EvidenceParentFeedback, EvidenceStaffFeedback, EvidenceObservation, EvidenceCaseStudy:
		return true
	}
	return false
}

// Monitoring is how the partnership will be monitored and evaluated.
// Rationale, Resources, Collection, Tools and Ethics, with Reporting and
// DataProtection.Security, are the evaluation plan (see plan.go).
type Monitoring struct {
	Reviews        []partnership.Date `json:"reviews,omitempty"`
	Evidence       []Evidence         `json:"evidence,omitempty"`
	Rationale      string             `json:"rationale,omitempty"`
	Resources      string             `json:"resources,omitempty"`
	Collection     []Collection       `json:"collection,omitempty"`
	Tools          []string           `json:"tools,omitempty"`
	Ethics         string             `json:"ethics,omitempty"`
	DataProtection *DataProtection    `json:"dataProtection,omitempty"`
	Reporting      string             `json:"reporting,omitempty"` // how findings are shared
	TheoryOfChange *TheoryOfChange    `json:"theoryOfChange,omitempty"`
}

// DataProtection is how personal data is handled.
type DataProtection struct {
	PersonalData bool   `json:"personalData"`
	LawfulBasis  string `json:"lawfulBasis,omitempty"`
	Consent      string `json:"consent,omitempty"`
	Sharing      string `json:"sharing,omitempty"`
	Retention    string `json:"retention,omitempty"`
	Security     string `json:"security,omitempty"`
}

// Governance is who oversees the partnership and how decisions are made.
type Governance struct {
	Body             string   `json:"body,omitempty"`
	Members          []Member `json:"members,omitempty"`
	MeetingFrequency string   `json:"meetingFrequency,omitempty"`
	DecisionMaking   string   `json:"decisionMaking,omitempty"`
}

// Member is a member of the governing body.
type Member struct {
	Partner string `json:"partner,omitempty"`
	Name    string `json:"name"`
	Role    string `json:"role,omitempty"`
}

// Finance is what each partner contributes, or None.
type Finance struct {
	None          bool           `json:"none,omitempty"` // an explicit "no financial contributions"
	Currency      string         `json:"currency,omitempty"`
	Budget        *float64       `json:"budget,omitempty"`
	Contributions []Contribution `json:"contributions,omitempty"`
}

// Contribution is one partner's contribution.
type Contribution struct {
	Partner string   `json:"partner"`
	Amount  *float64 `json:"amount,omitempty"`
	InKind  string   `json:"inKind,omitempty"`
}

// Dissolution is how a partner leaves or the partnership ends.
type Dissolution struct {
	NoticeDays *int   `json:"noticeDays,omitempty"`
	Process    string `json:"process,omitempty"`
}

// Signature is a partner's signature.
type Signature struct {
	Partner string           `json:"partner"`
	Name    string           `json:"name"`
	Role    string           `json:"role,omitempty"`
	Date    partnership.Date `json:"date,omitzero"`
}

// Parse decodes an MOU. Malformed JSON gives a *schemas.SyntaxError with
// the line and column. Parse does not check the document: values of the
// wrong type are left at their zero values. Use Check to find every problem.
func Parse(data []byte) (*MOU, error) {
	tree, err := jsontree.ParseTree(data)
	if err != nil {
		_, err = schemas.Decode(data) // the same error, with its line and column
		return nil, err
	}
	m := fromTree(tree.Root())
	return &m, nil
}

// FromValue builds an MOU from a document decoded into any, as
// schemas.Decode or encoding/json produce it, reading tolerantly as
// partnership.FromValue does.
func FromValue(v any) MOU { return fromTree(jsontree.FromAny(v).Root()) }

// fromTree is FromValue on a value of a jsontree.Tree, as Check reads a
// document.
func fromTree(o jsontree.Value) MOU {
	m := MOU{
		Schema:           o.GetString("$schema"),
		Title:            o.GetString("title"),
		MissionStatement: o.GetString("missionStatement"),
		Partnership:      partnership.FromTree(o.Get("partnership")),
		Alterations:      o.GetString("alterations"),
		LegallyBinding:   o.GetBool("legallyBinding"),
	}
	if id, err := uuid.Parse(o.GetString("id")); err == nil {
		m.ID = id
	}
	if t, ok := o.Object("term"); ok {
		m.Term = Term{Start: date(t, "start"), End: date(t, "end")}
	}
	objectives := o.Get("objectives")
	if objectives.Len() > 0 {
		m.Objectives = make([]Objective, 0, objectives.Len())
	}
	for e := range objectives.Items() {
		m.Objectives = append(m.Objectives, objectiveFrom(e))
	}
	activities := o.Get("activities")
	if activities.Len() > 0 {
		m.Activities = make([]Activity, 0, activities.Len())
	}
	for a := range activities.Items() {
		m.Activities = append(m.Activities, activityFrom(a))
	}
	if mon, ok := o.Object("monitoring"); ok {
		m.Monitoring = monitoringFrom(mon)
	}
	if g, ok := o.Object("governance"); ok {
		m.Governance = &Governance{
			Body:             g.GetString("body"),
			MeetingFrequency: g.GetString("meetingFrequency"),
			DecisionMaking:   g.GetString("decisionMaking"),
		}
		for mm := range g.Get("members").Items() {
			var mem Member
			for k, v := range mm.Members() {
				switch k {
				case "partner":
					mem.Partner, _ = v.Str()
				case "name":
					mem.Name, _ = v.Str()
				case "role":
					mem.Role, _ = v.Str()
				}
			}
			m.Governance.Members = append(m.Governance.Members, mem)
		}
	}
	if f, ok := o.Object("finance"); ok {
		m.Finance = &Finance{
			None:     f.GetBool("none"),
			Currency: f.GetString("currency"),
			Budget:   figure(f, "budget"),
		}
		for c := range f.Get("contributions").Items() {
			var ct Contribution
			for k, v := range c.Members() {
				switch k {
				case "partner":
					ct.Partner, _ = v.Str()
				case "amount":
					ct.Amount = figureOf(v)
				case "inKind":
					ct.InKind, _ = v.Str()
				}
			}
			m.Finance.Contributions = append(m.Finance.Contributions, ct)
		}
	}
	if d, ok := o.Object("dissolution"); ok {
		m.Dissolution = &Dissolution{Process: d.GetString("process")}
		if n := d.GetNumber("noticeDays"); n != nil && *n == math.Trunc(*n) && math.Abs(*n) <= math.MaxInt32 {
			days := int(*n)
			m.Dissolution.NoticeDays = &days
		}
	}
	for s := range o.Get("signatures").Items() {
		var sig Signature
		for k, v := range s.Members() {
			switch k {
			case "partner":
				sig.Partner, _ = v.Str()
			case "name":
				sig.Name, _ = v.Str()
			case "role":
				sig.Role, _ = v.Str()
			case "date":
				sig.Date = dateOf(v)
			}
		}
		m.Signatures = append(m.Signatures, sig)
	}
	return m
}

// The readers of the MOU's repeated parts (objectives, activities,
// members, contributions, signatures) take an object's members in one
// pass, each to its field, rather than looking each field up: a member
// given twice ends with the last, as Get reads it, and one of the wrong
// type reads as absent, as GetString and the others read it.

func objectiveFrom(o jsontree.Value) Objective {
	var obj Objective
	var measure jsontree.Value
	for k, v := range o.Members() {
		switch k {
		case "id":
			obj.ID, _ = v.Str()
		case "statement":
			obj.Statement, _ = v.Str()
		case "deadline":
			obj.Deadline = dateOf(v)
		case "yearGroups":
			obj.YearGroups = v.Strings()
		case "subjects":
			obj.Subjects = v.Strings()
		case "focusArea":
			s, _ := v.Str()
			obj.FocusArea = partnership.FocusArea(s)
		case "measure":
			measure = v
		}
	}
	if measure.Kind() == jsontree.KindObject {
		ms := &Measure{}
		for k, v := range measure.Members() {
			switch k {
			case "indicator":
				ms.Indicator, _ = v.Str()
			case "unit":
				ms.Unit, _ = v.Str()
			case "baseline":
				ms.Baseline = figureOf(v)
			case "target":
				ms.Target = figureOf(v)
			}
		}
		obj.Measure = ms
	}
	return obj
}

func activityFrom(o jsontree.Value) Activity {
	var a Activity
	for k, v := range o.Members() {
		switch k {
		case "id":
			a.ID, _ = v.Str()
		case "title":
			a.Title, _ = v.Str()
		case "description":
			a.Description, _ = v.Str()
		case "objectives":
			a.Objectives = v.Strings()
		case "ledBy":
			a.LedBy, _ = v.Str()
		case "yearGroups":
			a.YearGroups = v.Strings()
		case "subjects":
			a.Subjects = v.Strings()
		case "frequency":
			a.Frequency, _ = v.Str()
		}
	}
	return a
}

func monitoringFrom(o jsontree.Value) *Monitoring {
	mon := &Monitoring{Reporting: o.GetString("reporting")}
	for _, s := range o.GetStrings("reviews") {
		if d, err := partnership.ParseDate(s); err == nil {
			mon.Reviews = append(mon.Reviews, d)
		}
	}
	for _, s := range o.GetStrings("evidence") {
		mon.Evidence = append(mon.Evidence, Evidence(s))
	}
	if dp, ok := o.Object("dataProtection"); ok {
		mon.DataProtection = &DataProtection{
			PersonalData: dp.GetBool("personalData"),
			LawfulBasis:  dp.GetString("lawfulBasis"),
			Consent:      dp.GetString("consent"),
			Sharing:      dp.GetString("sharing"),
			Retention:    dp.GetString("retention"),
			Security:     dp.GetString("security"),
		}
	}
	planFrom(mon, o)
	return mon
}

// figure reads a number member, or nil when it is absent or not a number.
// A number too large for a float64, such as 1e400 (which the schema
// rejects), reads as the largest float64 of its sign rather than as absent,
// so that no rule asks for a figure that is there; one too small reads as 0.
func figure(o jsontree.Value, key string) *float64 { return figureOf(o.Get(key)) }

// figureOf reads a number as figure does.
func figureOf(v jsontree.Value) *float64 {
	if v.Kind() != jsontree.KindNumber {
		return nil
	}
	f, err := strconv.ParseFloat(v.Text(), 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil
	}
	if math.IsInf(f, 0) {
		f = math.Copysign(math.MaxFloat64, f)
	}
	return &f
}

// date reads a date member, or the zero Date when it is absent or invalid.
func date(o jsontree.Value, key string) partnership.Date { return dateOf(o.Get(key)) }

// dateOf reads a date as date does.
func dateOf(v jsontree.Value) partnership.Date {
	s, _ := v.Str()
	d, _ := partnership.ParseDate(s)
	return d
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
