package mou

import (
	"strings"

	"github.com/partnerkit/partnerkit/internal/text"
)

// renderPlan writes the evaluation plan inside "Monitoring and
// evaluation": the rationale and scope, the resources, the tools and
// standards, ethics, then when and by whom each kind of evidence is
// gathered, then the Theory of Change. It writes nothing when the MOU has
// no plan yet, so that an MOU without one reads as before.
func renderPlan(m *MOU, w writer) {
	mon, p := m.Monitoring, &m.Partnership
	defer renderTheoryOfChange(m, w)
	var rows [][2]string
	for _, x := range [][2]string{{"Rationale and scope", mon.Rationale}, {"Resources", mon.Resources}} {
		if !blank(x[1]) {
			rows = append(rows, x)
		}
	}
	var tools []string
	for _, t := range mon.Tools {
		if !blank(t) {
			tools = append(tools, oneLine(t))
		}
	}
	if len(tools) > 0 {
		rows = append(rows, [2]string{"Tools and standards", strings.Join(tools, "; ")})
	}
	if !blank(mon.Ethics) {
		rows = append(rows, [2]string{"Ethics", mon.Ethics})
	}
	var table [][]string
	for _, c := range mon.Collection {
		var dates []string
		for _, d := range c.Dates {
			if !d.IsZero() {
				dates = append(dates, longDate(d))
			}
		}
		when := ""
		if len(dates) > 0 {
			when = text.AndList(dates)
		}
		by := ""
		if c.By != "" {
			by = p.PartnerName(c.By)
		}
		table = append(table, []string{label(evidence, string(c.Evidence)), when, by})
	}
	if len(rows) == 0 && len(table) == 0 {
		return
	}
	w.subheading("Evaluation plan")
	w.details(rows)
	if len(table) > 0 {
		w.table([]string{"Evidence", "When it is gathered", "Gathered by"}, table)
	}
}
