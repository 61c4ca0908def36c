package mou

import (
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
)

// The evaluation plan. The guidance lists what a plan considers: the
// rationale and scope; timing and resources; when effects are measured and
// how evidence is collected; the tools used; ethics; consent and data
// security; sharing findings. Monitoring carries them in Rationale,
// Resources, Collection, Tools, Ethics, DataProtection.Security and
// Reporting, and these rules ask for each. They run only when the MOU has a
// monitoring section: without one, monitoring.missing says it all.

// Collection is when, and by whom, one kind of evidence is gathered.
type Collection struct {
	Evidence Evidence `json:"evidence"`
	// Dates keeps a zero Date where the document's date could not be
	// read, so that positions match the document's.
	Dates []partnership.Date `json:"dates,omitempty"`
	By    string             `json:"by,omitempty"` // the id of the partner that gathers it
}

// planFrom reads the evaluation plan's members of a monitoring object.
func planFrom(mon *Monitoring, o jsontree.Value) {
	mon.Rationale = o.GetString("rationale")
	mon.Resources = o.GetString("resources")
	mon.Tools = o.GetStrings("tools")
	mon.Ethics = o.GetString("ethics")
	if t, ok := o.Object("theoryOfChange"); ok {
		mon.TheoryOfChange = tocFrom(t)
	}
	entries := o.Get("collection")
	if entries.Len() > 0 {
		mon.Collection = make([]Collection, 0, entries.Len())
	}
	for c := range entries.Items() {
		col := Collection{Evidence: Evidence(c.GetString("evidence")), By: c.GetString("by")}
		for d := range c.Get("dates").Items() {
			s, _ := d.Str()
			parsed, _ := partnership.ParseDate(s)
			col.Dates = append(col.Dates, parsed)
		}
		mon.Collection = append(mon.Collection, col)
	}
}

// evaluationPlan applies the evaluation plan's rules to a monitoring
// section that exists.
func (c *checker) evaluationPlan() {
	mon := c.m.Monitoring
	if blank(mon.Rationale) {
		c.add("evaluation-plan.no-rationale", "/monitoring",
			"Say why the partnership is being evaluated and what the evaluation covers, so that everyone knows its scope.")
	}
	if blank(mon.Resources) {
		c.add("evaluation-plan.no-resources", "/monitoring",
			"Say what time and which people are given to the evaluation, so that it is planned for.")
	}
	c.collection(mon)
	if len(mon.Tools) == 0 {
		c.add("evaluation-plan.no-tools", "/monitoring",
			"Name the standards, approaches or tools you will use to show the effect, such as a published evaluation guide or a survey used before and after.")
	}
	if blank(mon.Ethics) {
		c.add("evaluation-plan.no-ethics", "/monitoring",
			"Say which ethical issues you have considered and how you will handle them; if you found none, say so.")
	}
	if blank(mon.Reporting) {
		c.add("evaluation-plan.no-sharing", "/monitoring",
			"Say how the findings will be shared, with whom, and what they will be used for.")
	}
	if dp := mon.DataProtection; dp != nil && dp.PersonalData && blank(dp.Security) {
		c.add("data-protection.no-security", "/monitoring/dataProtection",
			"The partnership uses personal data, so say how it is kept secure: where it is stored, who can see it and how it is sent.")
	}
	c.theoryOfChange()
}

// collection checks the data-collection plan against the evidence, the
// partners and the term.
func (c *checker) collection(mon *Monitoring) {
	m := c.m
	listed := make(map[Evidence]bool, len(mon.Evidence))
	for _, e := range mon.Evidence {
		listed[e] = true
	}
	dated := map[Evidence]bool{}
	for _, col := range mon.Collection {
		for _, d := range col.Dates {
			if !d.IsZero() {
				dated[col.Evidence] = true
			}
		}
	}
	for i, e := range mon.Evidence {
		if !dated[e] {
			c.add("evaluation-plan.no-collection", pointer.Index("/monitoring/evidence", i),
				"Say when %s will be gathered, and by which partner: add a collection entry with at least one date.", evidenceName(e))
		}
	}
	for i, col := range mon.Collection {
		at := pointer.Index("/monitoring/collection", i)
		if col.Evidence != "" && !listed[col.Evidence] {
			c.add("evaluation-plan.collection-unlisted", at+"/evidence",
				"%s is gathered but is not listed in the evidence: add it to the evidence, or remove this entry.", text.Capital(evidenceName(col.Evidence)))
		}
		if col.By != "" && !m.Partnership.HasPartner(col.By) {
			c.add("evaluation-plan.collection-unknown-partner", at+"/by",
				"No partner has the id %q: choose the partner that gathers this evidence.", col.By)
		}
		if t := m.Term; t.Valid() {
			for j, d := range col.Dates {
				if !d.IsZero() && !t.Contains(d) {
					c.add("evaluation-plan.collection-outside-term", pointer.Index(at+"/dates", j),
						"%s falls outside the term (%s to %s): gather the evidence while the partnership runs.", d, t.Start, t.End)
				}
			}
		}
	}
}

// evidenceName is a kind of evidence as a phrase inside a sentence.
func evidenceName(e Evidence) string {
	if name, ok := evidenceNames[e]; ok {
		return name
	}
	return string(e)
}

var evidenceNames = map[Evidence]string{
	EvidenceAttainment: "attainment data", EvidenceAttendance: "attendance data",
	EvidenceParticipation: "participation data", EvidencePupilVoice: "pupil voice",
	EvidenceParentFeedback: "parent feedback", EvidenceStaffFeedback: "staff feedback",
	EvidenceObservation: "observation", EvidenceCaseStudy: "case studies", EvidenceSurvey: "survey evidence",
}
