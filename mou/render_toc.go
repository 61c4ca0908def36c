package mou

import "strings"

// renderTheoryOfChange writes the Theory of Change as a printable chain:
// the impact, then each output with the activities that produce it and
// the outcomes it leads to, then each outcome with the objectives it
// serves and its indicators. It writes nothing when there is none.
func renderTheoryOfChange(m *MOU, w writer) {
	if m.Monitoring == nil || m.Monitoring.TheoryOfChange == nil {
		return
	}
	t := m.Monitoring.TheoryOfChange
	w.subheading("Theory of Change")
	w.text("The activities lead to outputs, the outputs to outcomes, and the outcomes to the partnership's impact.")
	if h, ok := w.(*htmlWriter); ok {
		// The chain as a diagram; the tables below hold the same links.
		h.s(`<figure class="mou-toc-figure">` + TheoryOfChangeSVG(m, "mou-toc") + "</figure>\n")
	}
	impact := t.Impact
	if blank(impact) {
		impact = missingText
	}
	w.details([][2]string{{"Impact", impact}})

	activities := map[string]string{}
	for _, a := range m.Activities {
		activities[a.ID] = a.Title
	}
	outcomes := map[string]string{}
	for _, oc := range t.Outcomes {
		outcomes[oc.ID] = oc.Statement
	}
	named := func(names map[string]string, ids []string) string {
		var out []string
		for _, id := range ids {
			if id == "" {
				continue
			}
			if s := oneLine(names[id]); s != "" {
				out = append(out, id+": "+strings.TrimSuffix(s, "."))
			} else {
				out = append(out, id)
			}
		}
		return strings.Join(out, "; ")
	}
	if len(t.Outputs) > 0 {
		rows := make([][]string, 0, len(t.Outputs))
		for _, out := range t.Outputs {
			title := out.ID
			if !blank(out.Title) {
				title = out.Title
			}
			rows = append(rows, []string{title, named(activities, out.Activities), named(outcomes, out.Outcomes)})
		}
		w.table([]string{"Output", "From activities", "Leads to outcomes"}, rows)
	}
	for _, oc := range t.Outcomes {
		rows := [][2]string{{"Outcome " + oc.ID, oc.Statement}}
		if ids := strings.Join(nonBlank(oc.Objectives), ", "); ids != "" {
			rows = append(rows, [2]string{"Objectives served", ids})
		}
		w.details(rows)
		if len(oc.Indicators) == 0 {
			continue
		}
		table := make([][]string, 0, len(oc.Indicators))
		for _, in := range oc.Indicators {
			title := in.ID
			if !blank(in.Title) {
				title = in.Title
			}
			ev := ""
			if in.Evidence != "" {
				ev = label(evidence, string(in.Evidence))
			}
			by := ""
			if !in.Deadline.IsZero() {
				by = longDate(in.Deadline)
			}
			table = append(table, []string{title, ev, withUnit(in.Baseline, in.Unit), withUnit(in.Target, in.Unit), withUnit(in.Actual, in.Unit), by})
		}
		w.table([]string{"Indicator", "Evidence", "Baseline", "Target", "Latest", "By"}, table)
	}
}

// withUnit writes a value with its unit: 62%, 4 teachers; "" when there is
// no value.
func withUnit(v *float64, unit string) string {
	switch {
	case v == nil:
		return ""
	case percent(unit):
		return number(*v) + "%"
	case blank(unit):
		return number(*v)
	}
	return number(*v) + " " + oneLine(unit)
}
