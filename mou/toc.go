package mou

import (
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
)

// The Theory of Change. The guidance describes a chain: activities lead to
// outputs, outputs to outcomes, and outcomes to the partnership's impact,
// each outcome measured by indicators with a baseline, a target and an
// actual value. It lives in the MOU's monitoring section, so that outputs
// can name the MOU's activities and outcomes its objectives by id, and so
// that it is checked, rendered and edited in the form with the rest.

// TheoryOfChange links the MOU's activities, through outputs and outcomes,
// to the partnership's impact.
type TheoryOfChange struct {
	Impact   string    `json:"impact,omitempty"`
	Outputs  []Output  `json:"outputs,omitempty"`
	Outcomes []Outcome `json:"outcomes,omitempty"`
}

// Output is something the activities produce, such as lessons taught.
type Output struct {
	ID         string   `json:"id"`
	Title      string   `json:"title,omitempty"`
	Activities []string `json:"activities,omitempty"` // ids of the activities that produce it
	Outcomes   []string `json:"outcomes,omitempty"`   // ids of the outcomes it leads to
}

// Outcome is a change the partnership wants to see, measured by indicators.
type Outcome struct {
	ID         string             `json:"id"`
	Statement  string             `json:"statement,omitempty"`
	Objectives []string           `json:"objectives,omitempty"` // ids of the MOU objectives it serves
	Indicators []OutcomeIndicator `json:"indicators,omitempty"`
}

// OutcomeIndicator is one measure of an outcome. The numbers are pointers
// because 0 is a real value, distinct from "not given".
type OutcomeIndicator struct {
	ID       string           `json:"id"`
	Title    string           `json:"title,omitempty"`
	Evidence Evidence         `json:"evidence,omitempty"`
	Unit     string           `json:"unit,omitempty"`
	Baseline *float64         `json:"baseline,omitempty"`
	Target   *float64         `json:"target,omitempty"`
	Actual   *float64         `json:"actual,omitempty"`
	Start    partnership.Date `json:"start,omitzero"`
	Deadline partnership.Date `json:"deadline,omitzero"`
	AsOf     partnership.Date `json:"asOf,omitzero"`
}

// tocFrom reads a theoryOfChange object. Lists of ids keep "" where the
// document has a value that is not text, so that positions match.
func tocFrom(o jsontree.Value) *TheoryOfChange {
	t := &TheoryOfChange{Impact: o.GetString("impact")}
	for x := range o.Get("outputs").Items() {
		t.Outputs = append(t.Outputs, Output{
			ID: x.GetString("id"), Title: x.GetString("title"),
			Activities: ids(x, "activities"), Outcomes: ids(x, "outcomes"),
		})
	}
	for x := range o.Get("outcomes").Items() {
		oc := Outcome{ID: x.GetString("id"), Statement: x.GetString("statement"), Objectives: ids(x, "objectives")}
		for in := range x.Get("indicators").Items() {
			oc.Indicators = append(oc.Indicators, OutcomeIndicator{
				ID: in.GetString("id"), Title: in.GetString("title"),
				Evidence: Evidence(in.GetString("evidence")), Unit: in.GetString("unit"),
				Baseline: in.GetNumber("baseline"), Target: in.GetNumber("target"), Actual: in.GetNumber("actual"),
				Start: date(in, "start"), Deadline: date(in, "deadline"), AsOf: date(in, "asOf"),
			})
		}
		t.Outcomes = append(t.Outcomes, oc)
	}
	return t
}

func ids(o jsontree.Value, key string) []string {
	a := o.Get(key)
	if a.Kind() != jsontree.KindArray {
		return nil
	}
	out := make([]string, 0, a.Len())
	for e := range a.Items() {
		s, _ := e.Str()
		out = append(out, s)
	}
	return out
}

const tocPath = "/monitoring/theoryOfChange"

// theoryOfChange applies the Theory of Change's rules, when the MOU has one.
func (c *checker) theoryOfChange() {
	m := c.m
	if m.Monitoring == nil || m.Monitoring.TheoryOfChange == nil {
		return
	}
	t := m.Monitoring.TheoryOfChange
	if blank(t.Impact) {
		c.add("toc.no-impact", tocPath, "Say what lasting change the partnership works towards: the impact its outcomes add up to.")
	}
	activities, objectives := map[string]bool{}, map[string]bool{}
	for _, a := range m.Activities {
		activities[a.ID] = true
	}
	for _, o := range m.Objectives {
		objectives[o.ID] = true
	}
	outcomes := map[string]bool{}
	seen := map[string]bool{}
	for i, oc := range t.Outcomes {
		if oc.ID == "" {
			continue
		}
		if seen[oc.ID] {
			c.add("toc.duplicate-id", pointer.Index(tocPath+"/outcomes", i)+"/id", "Another outcome already has the id %q: give each outcome its own id.", oc.ID)
		}
		seen[oc.ID], outcomes[oc.ID] = true, true
	}

	// Which activities lead, through an output, to an outcome.
	leads := map[string]bool{}
	seen = map[string]bool{}
	for i, out := range t.Outputs {
		at := pointer.Index(tocPath+"/outputs", i)
		if out.ID != "" {
			if seen[out.ID] {
				c.add("toc.duplicate-id", at+"/id", "Another output already has the id %q: give each output its own id.", out.ID)
			}
			seen[out.ID] = true
		}
		reaches := false
		for j, id := range out.Outcomes {
			switch {
			case id == "":
			case outcomes[id]:
				reaches = true
			default:
				c.add("toc.unknown-link", pointer.Index(at+"/outcomes", j), "No outcome has the id %q: choose one of the outcomes, or remove it.", id)
			}
		}
		for j, id := range out.Activities {
			switch {
			case id == "":
			case activities[id]:
				leads[id] = leads[id] || reaches
			default:
				c.add("toc.unknown-link", pointer.Index(at+"/activities", j), "No activity has the id %q: choose one of the MOU's activities, or remove it.", id)
			}
		}
	}
	for i, a := range m.Activities {
		if a.ID != "" && !leads[a.ID] {
			c.add("toc.activity-no-outcome", pointer.Index("/activities", i),
				"%s leads to no outcome in the Theory of Change: add an output it produces and the outcome that output leads to.", activityName(a, i))
		}
	}

	for i, oc := range t.Outcomes {
		at := pointer.Index(tocPath+"/outcomes", i)
		for j, id := range oc.Objectives {
			if id != "" && !objectives[id] {
				c.add("toc.unknown-link", pointer.Index(at+"/objectives", j), "No objective has the id %q: choose one of the MOU's objectives, or remove it.", id)
			}
		}
		name := outcomeName(oc, i)
		if len(oc.Indicators) == 0 {
			c.add("toc.outcome-no-indicator", at, "%s has no indicator: add at least one, with a baseline and a target, so that you can tell whether it happens.", name)
			continue
		}
		participation := true
		for j, in := range oc.Indicators {
			participation = participation && in.Evidence == EvidenceParticipation
			var missing []string
			if in.Baseline == nil {
				missing = append(missing, "a baseline")
			}
			if in.Target == nil {
				missing = append(missing, "a target")
			}
			if len(missing) > 0 {
				c.add("toc.indicator-not-measurable", pointer.Index(at+"/indicators", j),
					"Indicator %s of %s needs %s, so that progress can be measured.", indicatorName(in, j), text.LowerFirst(name), text.AndList(missing))
			}
		}
		if participation {
			c.add("toc.participation-only", at,
				"%s is measured only by participation: add a measure of the difference it makes, such as attainment, pupil voice or observation. Counting participants alone misses the true impact.", name)
		}
	}
}

func activityName(a Activity, i int) string {
	if !blank(a.Title) {
		return "The activity " + quoteText(a.Title)
	}
	if a.ID != "" {
		return "Activity " + a.ID
	}
	return "Activity " + number(float64(i+1))
}

func outcomeName(o Outcome, i int) string {
	if o.ID != "" {
		return "Outcome " + o.ID
	}
	return "Outcome " + number(float64(i+1))
}

func indicatorName(in OutcomeIndicator, j int) string {
	if in.ID != "" {
		return in.ID
	}
	return number(float64(j + 1))
}

func quoteText(s string) string { return "\u201c" + oneLine(s) + "\u201d" }
