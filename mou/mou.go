package mou

import (
	"encoding/json"
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
	doc, err := schemas.Decode(data)
	if err != nil {
		return nil, err
	}
	m := FromValue(doc)
	return &m, nil
}

// FromValue builds an MOU from a document decoded into any, as
// schemas.Decode or encoding/json produce it, reading tolerantly as
// partnership.FromValue does.
func FromValue(v any) MOU {
	o := jsontree.Object(v)
	m := MOU{
		Schema:           jsontree.String(o, "$schema"),
		Title:            jsontree.String(o, "title"),
		MissionStatement: jsontree.String(o, "missionStatement"),
		Partnership:      partnership.FromValue(o["partnership"]),
		Alterations:      jsontree.String(o, "alterations"),
		LegallyBinding:   jsontree.Bool(o, "legallyBinding"),
	}
	if id, err := uuid.Parse(jsontree.String(o, "id")); err == nil {
		m.ID = id
	}
	if t := jsontree.Object(o["term"]); t != nil {
		m.Term = Term{Start: date(t, "start"), End: date(t, "end")}
	}
	objectives := jsontree.Array(o["objectives"])
	if len(objectives) > 0 {
		m.Objectives = make([]Objective, 0, len(objectives))
	}
	for _, e := range objectives {
		m.Objectives = append(m.Objectives, objectiveFrom(jsontree.Object(e)))
	}
	activities := jsontree.Array(o["activities"])
	if len(activities) > 0 {
		m.Activities = make([]Activity, 0, len(activities))
	}
	for _, e := range activities {
		a := jsontree.Object(e)
		m.Activities = append(m.Activities, Activity{
			ID:          jsontree.String(a, "id"),
			Title:       jsontree.String(a, "title"),
			Description: jsontree.String(a, "description"),
			Objectives:  jsontree.Strings(a, "objectives"),
			LedBy:       jsontree.String(a, "ledBy"),
			YearGroups:  jsontree.Strings(a, "yearGroups"),
			Subjects:    jsontree.Strings(a, "subjects"),
			Frequency:   jsontree.String(a, "frequency"),
		})
	}
	if mon := jsontree.Object(o["monitoring"]); mon != nil {
		m.Monitoring = monitoringFrom(mon)
	}
	if g := jsontree.Object(o["governance"]); g != nil {
		m.Governance = &Governance{
			Body:             jsontree.String(g, "body"),
			MeetingFrequency: jsontree.String(g, "meetingFrequency"),
			DecisionMaking:   jsontree.String(g, "decisionMaking"),
		}
		for _, e := range jsontree.Array(g["members"]) {
			mm := jsontree.Object(e)
			m.Governance.Members = append(m.Governance.Members, Member{
				Partner: jsontree.String(mm, "partner"),
				Name:    jsontree.String(mm, "name"),
				Role:    jsontree.String(mm, "role"),
			})
		}
	}
	if f := jsontree.Object(o["finance"]); f != nil {
		m.Finance = &Finance{
			None:     jsontree.Bool(f, "none"),
			Currency: jsontree.String(f, "currency"),
			Budget:   figure(f, "budget"),
		}
		for _, e := range jsontree.Array(f["contributions"]) {
			c := jsontree.Object(e)
			m.Finance.Contributions = append(m.Finance.Contributions, Contribution{
				Partner: jsontree.String(c, "partner"),
				Amount:  figure(c, "amount"),
				InKind:  jsontree.String(c, "inKind"),
			})
		}
	}
	if d := jsontree.Object(o["dissolution"]); d != nil {
		m.Dissolution = &Dissolution{Process: jsontree.String(d, "process")}
		if n := jsontree.NumberPtr(d, "noticeDays"); n != nil && *n == math.Trunc(*n) && math.Abs(*n) <= math.MaxInt32 {
			days := int(*n)
			m.Dissolution.NoticeDays = &days
		}
	}
	for _, e := range jsontree.Array(o["signatures"]) {
		s := jsontree.Object(e)
		m.Signatures = append(m.Signatures, Signature{
			Partner: jsontree.String(s, "partner"),
			Name:    jsontree.String(s, "name"),
			Role:    jsontree.String(s, "role"),
			Date:    date(s, "date"),
		})
	}
	return m
}

func objectiveFrom(o map[string]any) Objective {
	obj := Objective{
		ID:         jsontree.String(o, "id"),
		Statement:  jsontree.String(o, "statement"),
		Deadline:   date(o, "deadline"),
		YearGroups: jsontree.Strings(o, "yearGroups"),
		Subjects:   jsontree.Strings(o, "subjects"),
		FocusArea:  partnership.FocusArea(jsontree.String(o, "focusArea")),
	}
	if ms := jsontree.Object(o["measure"]); ms != nil {
		obj.Measure = &Measure{
			Indicator: jsontree.String(ms, "indicator"),
			Unit:      jsontree.String(ms, "unit"),
			Baseline:  figure(ms, "baseline"),
			Target:    figure(ms, "target"),
		}
	}
	return obj
}

func monitoringFrom(o map[string]any) *Monitoring {
	mon := &Monitoring{Reporting: jsontree.String(o, "reporting")}
	for _, s := range jsontree.Strings(o, "reviews") {
		if d, err := partnership.ParseDate(s); err == nil {
			mon.Reviews = append(mon.Reviews, d)
		}
	}
	for _, s := range jsontree.Strings(o, "evidence") {
		mon.Evidence = append(mon.Evidence, Evidence(s))
	}
	if dp := jsontree.Object(o["dataProtection"]); dp != nil {
		mon.DataProtection = &DataProtection{
			PersonalData: jsontree.Bool(dp, "personalData"),
			LawfulBasis:  jsontree.String(dp, "lawfulBasis"),
			Consent:      jsontree.String(dp, "consent"),
			Sharing:      jsontree.String(dp, "sharing"),
			Retention:    jsontree.String(dp, "retention"),
			Security:     jsontree.String(dp, "security"),
		}
	}
	planFrom(mon, o)
	return mon
}

// figure reads a number member, or nil when it is absent or not a number.
// A number too large for a float64, such as 1e400 (which the schema
// rejects), reads as the largest float64 of its sign rather than as absent,
// so that no rule asks for a figure that is there; one too small reads as 0.
func figure(o map[string]any, key string) *float64 {
	n, ok := o[key].(json.Number)
	if !ok {
		return jsontree.NumberPtr(o, key)
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil && !math.IsInf(f, 0) {
		return nil
	}
	if math.IsInf(f, 0) {
		f = math.Copysign(math.MaxFloat64, f)
	}
	return &f
}

// date reads a date member, or the zero Date when it is absent or invalid.
func date(o map[string]any, key string) partnership.Date {
	d, _ := partnership.ParseDate(jsontree.String(o, key))
	return d
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
