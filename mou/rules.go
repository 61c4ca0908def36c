package mou

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
)

// MaxMissionWords is the longest a mission statement should be: concise
// enough to be reproduced on materials.
const MaxMissionWords = 50

const (
	errorSev   = finding.Error
	warningSev = finding.Warning
	infoSev    = finding.Info
)

// ownRules are the MOU's own rules; Rules adds the partnership's and the
// report's cap.
var ownRules = []finding.Rule{
	rule(schemas.CodeSyntax, errorSev, "the document is not well-formed JSON (one finding, with the line and column)"),
	rule(schemas.CodeSchema, errorSev, "the document breaks the JSON Schema (one finding per violation, path at the violating value)"),
	rule("mission.missing", errorSev, "no mission statement, or only white space"),
	rule("mission.too-long", warningSev, "the mission statement has more than "+strconv.Itoa(MaxMissionWords)+" words"),
	rule("term.invalid", errorSev, "the term ends on or before it starts"),
	rule("objectives.missing", errorSev, "no objectives"),
	rule("objective.duplicate-id", errorSev, "two objectives share an id"),
	rule("objective.not-measurable", errorSev, "an objective has no measure with an indicator, baseline and target"),
	rule("objective.target-equals-baseline", warningSev, "an objective's target equals its baseline"),
	rule("objective.implausible-target", warningSev, "a measure in `%` has a baseline or target outside 0 to 100"),
	rule("objective.not-time-bound", errorSev, "an objective has no deadline, or its deadline falls outside the term"),
	rule("objective.not-specific", infoSev, "an objective names no year group and no subject"),
	rule("objective.no-activity", warningSev, "no activity serves an objective"),
	rule("activities.missing", errorSev, "no activities"),
	rule("activity.duplicate-id", errorSev, "two activities share an id"),
	rule("activity.unknown-objective", errorSev, "an activity names an objective id that does not exist"),
	rule("activity.unknown-partner", errorSev, "an activity's `ledBy` names no partner"),
	rule("monitoring.missing", errorSev, "no monitoring section"),
	rule("monitoring.no-review", warningSev, "no review date inside the term"),
	rule("evidence.numbers-only", warningSev, "the evidence has no softer measure"),
	rule("data-protection.missing", errorSev, "`personalData` is true but consent, sharing or retention is not stated"),
	// The evaluation plan (plan.go); they run only when monitoring exists.
	rule("evaluation-plan.no-rationale", warningSev, "no `rationale` is stated"),
	rule("evaluation-plan.no-resources", infoSev, "no `resources` are stated"),
	rule("evaluation-plan.no-collection", warningSev, "a kind in `evidence` has no `collection` entry for it with at least one date"),
	rule("evaluation-plan.collection-unlisted", warningSev, "a `collection` entry's `evidence` is not in `evidence`"),
	rule("evaluation-plan.collection-unknown-partner", errorSev, "a `collection` entry's `by` names no partner"),
	rule("evaluation-plan.collection-outside-term", warningSev, "a collection date falls outside the term (the term's first and last days are inside)"),
	rule("evaluation-plan.no-tools", infoSev, "`tools` is absent or empty"),
	rule("evaluation-plan.no-ethics", warningSev, "no `ethics` statement"),
	rule("evaluation-plan.no-sharing", warningSev, "no `reporting` statement"),
	rule("data-protection.no-security", warningSev, "`personalData` is true and `security` is not stated"),
	// The Theory of Change (toc.go), when monitoring has one.
	rule("toc.no-impact", warningSev, "the Theory of Change states no impact"),
	rule("toc.duplicate-id", errorSev, "two outputs, or two outcomes, share an id"),
	rule("toc.unknown-link", errorSev, "an output names an activity or an outcome, or an outcome names an objective, that does not exist"),
	rule("toc.activity-no-outcome", warningSev, "an activity leads through no output to an outcome of the Theory of Change"),
	rule("toc.outcome-no-indicator", warningSev, "an outcome has no indicator"),
	rule("toc.indicator-not-measurable", warningSev, "an outcome's indicator has no baseline or no target"),
	rule("toc.participation-only", warningSev, "every indicator of an outcome counts participation only"),
	rule("governance.missing", errorSev, "no governance body"),
	rule("governance.single-person", warningSev, "the governance members are fewer than two people, or one person leads every partner"),
	rule("governance.unknown-partner", errorSev, "a governance member names a partner id that does not exist"),
	rule("finance.missing", errorSev, "no finance section (an explicit `\"none\": true` satisfies it)"),
	rule("finance.mismatch", warningSev, "the contributions' amounts do not add up to the budget"),
	rule("finance.unknown-partner", errorSev, "a contribution names no partner"),
	rule("finance.contradiction", warningSev, "`none` is true but contributions with amounts are listed"),
	rule("alterations.missing", errorSev, "no statement of how changes are agreed"),
	rule("dissolution.missing", errorSev, "no dissolution process"),
	rule("legally-binding", warningSev, "`legallyBinding` is true (an MOU is not a contract)"),
	rule("signature.missing", warningSev, "a partner has not signed"),
	rule("signature.unknown-partner", errorSev, "a signature names a partner id that does not exist"),
}

func rule(code string, sev finding.Severity, when string) finding.Rule {
	return finding.Rule{Code: code, Severity: sev, When: when}
}

// rules is every code Check can return, in the order Check reports them:
// the syntax and schema codes, the mission's, the partnership's, the rest
// of the MOU's, and last the cap on findings of one code.
var rules = func() *finding.Table {
	all := make([]finding.Rule, 0, len(ownRules)+16)
	all = append(all, ownRules[:4]...) // syntax, schema, mission
	all = append(all, partnership.Rules()...)
	all = append(all, ownRules[4:]...)
	all = append(all, finding.Rule{Code: CodeTruncated, Severity: finding.Error, Inherits: true,
		When: "more than " + strconv.Itoa(MaxFindingsPerCode) + " findings share a code: one finding stands for the rest"})
	return finding.NewTable(all...)
}()

// Rules returns every finding code Check can return, with its severity and
// when it fires, in the order Check reports them: a copy, which the caller
// may change.
func Rules() []finding.Rule { return rules.Rules() }

type checker struct {
	m        *MOU
	opts     settings
	findings []finding.Finding
	partners map[string]int // the first partner with each id, as Partnership.Partner finds it
	leads    map[string]int // the first lead for each partner id, as Partnership.LeadFor finds it
}

// index looks up the partners and leads once, so that the rules, which
// look a partner up for every activity, member, contribution, signature
// and lead, take time in proportion to the MOU rather than its square.
func (c *checker) index() {
	p := &c.m.Partnership
	c.partners = make(map[string]int, len(p.Partners))
	for i, pt := range p.Partners {
		if _, ok := c.partners[pt.ID]; !ok {
			c.partners[pt.ID] = i
		}
	}
	c.leads = make(map[string]int, len(p.Leads))
	for i, l := range p.Leads {
		if _, ok := c.leads[l.Partner]; !ok {
			c.leads[l.Partner] = i
		}
	}
}

// hasPartner is Partnership.HasPartner.
func (c *checker) hasPartner(id string) bool {
	_, ok := c.partners[id]
	return ok
}

// partnerName is Partnership.PartnerName.
func (c *checker) partnerName(id string) string {
	if i, ok := c.partners[id]; ok && c.m.Partnership.Partners[i].Name != "" {
		return c.m.Partnership.Partners[i].Name
	}
	return id
}

// leadFor is Partnership.LeadFor.
func (c *checker) leadFor(id string) (partnership.Lead, bool) {
	if i, ok := c.leads[id]; ok {
		return c.m.Partnership.Leads[i], true
	}
	return partnership.Lead{}, false
}

func (c *checker) add(code, path, format string, args ...any) {
	sev := rules.Severity(code) // a code not in the table is a mistake: see package finding
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	c.findings = append(c.findings, finding.Finding{Code: code, Severity: sev, Path: path, Message: msg})
}

// rules applies the guidance's rules, in the order of the MOU's parts.
func (m *MOU) rules(o settings) []finding.Finding {
	c := &checker{m: m, opts: o, findings: make([]finding.Finding, 0, 16)} // room for a typical draft's
	c.index()
	c.mission()
	pfs, _ := o.partnership.Check(&m.Partnership) // valid: see Options.Validate
	c.findings = append(c.findings, finding.Prefixed(pfs, "/partnership")...)
	c.term()
	c.objectives()
	c.activities()
	c.monitoring()
	c.governance()
	c.finance()
	c.alterations()
	c.legallyBinding()
	c.signatures()
	return c.findings
}

func (c *checker) mission() {
	s := c.m.MissionStatement
	if blank(s) {
		c.add("mission.missing", "/missionStatement",
			"Add a mission statement: a sentence or two on what the partnership is for, short enough to print on leaflets.")
		return
	}
	if n := Words(s); n > c.opts.missionWords {
		c.add("mission.too-long", "/missionStatement",
			"The mission statement has %d words; shorten it to %d or fewer so that it can be reproduced on materials.", n, c.opts.missionWords)
	}
}

// Words counts the words in s: runs of characters between white space
// that contain at least one letter or digit, in any script. A hyphenated
// word counts once; a dash standing alone does not count.
func Words(s string) int {
	// One pass over the runes, as strings.Fields splits them (at
	// unicode.IsSpace), counting the fields with a letter or digit.
	n := 0
	word := false // the field read so far has a letter or digit
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && asciiSpace[r]:
			if word {
				n++
			}
			word = false
		case r < utf8.RuneSelf:
			word = word || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		case unicode.IsSpace(r):
			if word {
				n++
			}
			word = false
		default:
			word = word || unicode.IsLetter(r) || unicode.IsDigit(r)
		}
	}
	if word {
		n++
	}
	return n
}

// asciiSpace holds the ASCII characters unicode.IsSpace reports as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func (c *checker) term() {
	t := c.m.Term
	if !t.Start.IsZero() && !t.End.IsZero() && !t.End.After(t.Start) {
		c.add("term.invalid", "/term/end",
			"The term ends on %s, which is not after it starts (%s): check both dates.", t.End, t.Start)
	}
}

func (c *checker) objectives() {
	m := c.m
	if len(m.Objectives) == 0 {
		c.add("objectives.missing", "/objectives",
			"Add at least one objective: what the partnership will achieve, how it will be measured and by when.")
		return
	}
	served := map[string]bool{}
	for _, a := range m.Activities {
		for _, id := range a.Objectives {
			served[id] = true
		}
	}
	seen := map[string]bool{}
	for i, o := range m.Objectives {
		at := pointer.Index("/objectives", i)
		name := objectiveName(o, i)
		if o.ID != "" {
			if seen[o.ID] {
				c.add("objective.duplicate-id", at+"/id", "Another objective already has the id %q: give each objective its own id.", o.ID)
			}
			seen[o.ID] = true
		}
		c.measurable(o, at, name)
		c.timeBound(o, at, name)
		if len(o.YearGroups) == 0 && len(o.Subjects) == 0 {
			c.add("objective.not-specific", at, "%s names no year group or subject: say who and what it covers, so that it is specific.", name)
		}
		if !served[o.ID] {
			c.add("objective.no-activity", at, "No activity works towards %s: add one, or list it under an activity's objectives.", text.LowerFirst(name))
		}
	}
}

func objectiveName(o Objective, i int) string {
	if o.ID != "" {
		return "Objective " + o.ID
	}
	return "Objective " + strconv.Itoa(i+1)
}

func (c *checker) measurable(o Objective, at, name string) {
	ms := o.Measure
	if ms == nil {
		c.add("objective.not-measurable", at+"/measure",
			"%s has no measure: add the indicator you will track, its baseline (where you start) and its target.", name)
		return
	}
	var missing []string
	if blank(ms.Indicator) {
		missing = append(missing, "an indicator")
	}
	if ms.Baseline == nil {
		missing = append(missing, "a baseline")
	}
	if ms.Target == nil {
		missing = append(missing, "a target")
	}
	if len(missing) > 0 {
		c.add("objective.not-measurable", at+"/measure", "%s's measure needs %s to be measurable.", name, text.AndList(missing))
		return
	}
	if *ms.Baseline == *ms.Target {
		c.add("objective.target-equals-baseline", at+"/measure/target",
			"%s's target (%s) equals its baseline: set a target that shows the change you want.", name, number(*ms.Target))
	}
	if percent(ms.Unit) {
		for _, v := range []struct {
			name  string
			value float64
		}{{"baseline", *ms.Baseline}, {"target", *ms.Target}} {
			if v.value < 0 || v.value > 100 {
				c.add("objective.implausible-target", at+"/measure/"+v.name,
					"%s's %s is %s%%, but a percentage lies between 0 and 100: check the figure.", name, v.name, number(v.value))
			}
		}
	}
}

func percent(unit string) bool {
	switch strings.ToLower(strings.TrimSpace(unit)) {
	case "%", "percent", "per cent", "percentage":
		return true
	}
	return false
}

func (c *checker) timeBound(o Objective, at, name string) {
	t := c.m.Term
	switch {
	case o.Deadline.IsZero():
		c.add("objective.not-time-bound", at+"/deadline", "Give %s a deadline inside the term, so that it is time-bound.", text.LowerFirst(name))
	case t.Valid() && !t.Contains(o.Deadline):
		c.add("objective.not-time-bound", at+"/deadline",
			"%s's deadline, %s, falls outside the term (%s to %s): move it inside the term.", name, o.Deadline, t.Start, t.End)
	}
}

func (c *checker) activities() {
	m := c.m
	if len(m.Activities) == 0 {
		c.add("activities.missing", "/activities", "Add the planned activities: what the partners will do, and who leads each one.")
		return
	}
	objectives := map[string]bool{}
	for _, o := range m.Objectives {
		objectives[o.ID] = true
	}
	seen := map[string]bool{}
	for i, a := range m.Activities {
		at := pointer.Index("/activities", i)
		if a.ID != "" {
			if seen[a.ID] {
				c.add("activity.duplicate-id", at+"/id", "Another activity already has the id %q: give each activity its own id.", a.ID)
			}
			seen[a.ID] = true
		}
		for j, id := range a.Objectives {
			if !objectives[id] {
				c.add("activity.unknown-objective", pointer.Index(at+"/objectives", j),
					"No objective has the id %q: choose one of the objectives above, or remove it.", id)
			}
		}
		if a.LedBy != "" && !c.hasPartner(a.LedBy) {
			c.add("activity.unknown-partner", at+"/ledBy", "No partner has the id %q: choose the partner that leads this activity.", a.LedBy)
		}
	}
}

func (c *checker) monitoring() {
	mon := c.m.Monitoring
	if mon == nil {
		c.add("monitoring.missing", "/monitoring",
			"Add a monitoring and evaluation section: when you will review progress, what evidence you will use, and how data is protected.")
		return
	}
	t := c.m.Term
	reviewed := false
	for _, d := range mon.Reviews {
		if !t.Valid() || t.Contains(d) {
			reviewed = true
			break
		}
	}
	if !reviewed {
		if len(mon.Reviews) == 0 {
			c.add("monitoring.no-review", "/monitoring/reviews", "Add at least one date inside the term when the partners will review progress together.")
		} else {
			c.add("monitoring.no-review", "/monitoring/reviews", "None of the review dates falls inside the term (%s to %s): add one that does.", t.Start, t.End)
		}
	}
	soft := false
	for _, e := range mon.Evidence {
		soft = soft || e.Soft()
	}
	if !soft {
		c.add("evidence.numbers-only", "/monitoring/evidence",
			"Add a softer measure to the evidence, such as pupil voice, parent or staff feedback, observation or case studies: numbers alone miss much of the impact.")
	}
	if dp := mon.DataProtection; dp != nil && dp.PersonalData {
		for _, f := range []struct{ key, value, what string }{
			{"consent", dp.Consent, "how people are told about the use of their data and how consent is given"},
			{"sharing", dp.Sharing, "what data is shared between partners, and in what form"},
			{"retention", dp.Retention, "how long data is kept and how it is deleted"},
		} {
			if blank(f.value) {
				c.add("data-protection.missing", "/monitoring/dataProtection/"+f.key,
					"The partnership uses personal data, so say %s.", f.what)
			}
		}
	}
	c.evaluationPlan()
}

func (c *checker) governance() {
	m := c.m
	g := m.Governance
	switch {
	case g == nil:
		c.add("governance.missing", "/governance", "Add the governance arrangements: the group that oversees the partnership, who sits on it and how it decides.")
	case blank(g.Body):
		c.add("governance.missing", "/governance/body", "Name the body that oversees the partnership, such as a steering group.")
	}
	if g != nil {
		people := map[string]bool{}
		for i, mem := range g.Members {
			if !blank(mem.Name) {
				people[normalName(mem.Name)] = true
			}
			if mem.Partner != "" && !c.hasPartner(mem.Partner) {
				c.add("governance.unknown-partner", pointer.Index("/governance/members", i)+"/partner",
					"No partner has the id %q: choose the partner this member represents.", mem.Partner)
			}
		}
		if len(people) < 2 {
			c.add("governance.single-person", "/governance/members",
				"Oversight rests with %s: add members from other partners, so that the partnership does not depend on one person.", peopleCount(len(people)))
		}
	}
	if name, ok := c.soleLead(); ok {
		c.add("governance.single-person", "/partnership/leads",
			"%s leads for every partner: name a lead at each institution, so that the partnership does not rely on one person.", name)
	}
}

func peopleCount(n int) string {
	if n == 0 {
		return "no named person"
	}
	return "one person"
}

// soleLead reports whether one person is the lead for every partner of a
// partnership of two or more.
func (c *checker) soleLead() (string, bool) {
	p := &c.m.Partnership
	if len(p.Partners) < 2 {
		return "", false
	}
	name := ""
	for _, pt := range p.Partners {
		l, ok := c.leadFor(pt.ID)
		if !ok || blank(l.Name) {
			return "", false
		}
		switch {
		case name == "":
			name = l.Name
		case normalName(name) != normalName(l.Name):
			return "", false
		}
	}
	return strings.TrimSpace(name), true
}

func normalName(s string) string {
	// ASCII, the common case, in one allocation; otherwise as written
	// after the loop, which it agrees with.
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is due before the next character
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.ToLower(strings.Join(strings.Fields(s), " "))
		case asciiSpace[c]:
			space = b.Len() > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (c *checker) finance() {
	m := c.m
	f := m.Finance
	if f == nil || (!f.None && f.Budget == nil && len(f.Contributions) == 0) {
		c.add("finance.missing", "/finance",
			`Add the financial arrangements: the budget and each partner's contribution, or tick "no financial contributions".`)
		return
	}
	amounts := false
	// Beyond MaxAmount a figure is not exact to the penny, and the schema
	// reports it where it is: the sum is not judged.
	exactSum := f.Budget == nil || math.Abs(*f.Budget) <= MaxAmount
	var cents int64 // the sum, while every amount is whole pennies
	inCents := true
	for i, ct := range f.Contributions {
		if ct.Partner != "" && !c.hasPartner(ct.Partner) {
			c.add("finance.unknown-partner", pointer.Index("/finance/contributions", i)+"/partner",
				"No partner has the id %q: choose the partner making this contribution.", ct.Partner)
		}
		if ct.Amount != nil {
			p, ok := pennies(*ct.Amount)
			cents += p
			inCents = inCents && ok && cents > math.MinInt64/2 && cents < math.MaxInt64/2
			amounts = amounts || *ct.Amount != 0
			exactSum = exactSum && math.Abs(*ct.Amount) <= MaxAmount
		}
	}
	if f.None && amounts {
		c.add("finance.contradiction", "/finance/none",
			`The MOU says there are no financial contributions but lists amounts: untick "no financial contributions", or remove the amounts.`)
	}
	// With none ticked, the sum is judged only when amounts are listed: the
	// contradiction and the mismatch are separate rules, and both fire.
	if f.Budget != nil && (!f.None || amounts) && exactSum {
		if b, ok := pennies(*f.Budget); ok && inCents && b == cents {
			return // they agree to the penny: the common case, without big.Rat
		}
		sum := new(big.Rat)
		for _, ct := range f.Contributions {
			if ct.Amount != nil {
				sum.Add(sum, exact(*ct.Amount))
			}
		}
		if budget := exact(*f.Budget); sum.Cmp(budget) != 0 {
			c.add("finance.mismatch", "/finance/budget",
				"The contributions add up to %s but the budget is %s: make them agree.", money(sum, f.Currency), money(budget, f.Currency))
		}
	}
}

// exact returns the decimal a float64 was written as, exactly, so that
// 0.1 + 0.2 adds up to 0.3 and budgets add up to the penny. Amounts are
// exact to 15 significant figures: pennies up to ten thousand billion.
func exact(f float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	if !ok {
		return new(big.Rat)
	}
	return r
}

// pennies returns an amount as a whole number of pennies when it is one,
// written with at most two decimals and within MaxAmount: then it is
// exactly the decimal it was written as (exact), since a decimal of 15
// significant figures or fewer is the only one that reads as its
// float64, and sums of such amounts are exact in int64.
func pennies(f float64) (int64, bool) {
	if math.Abs(f) > MaxAmount {
		return 0, false
	}
	p := math.Round(f * 100)
	return int64(p), p/100 == f
}

var symbols = map[string]string{"GBP": "£", "EUR": "€", "USD": "$"}

// money formats an amount with its currency and thousands separators:
// £8,000 or £1,234.50.
func money(r *big.Rat, currency string) string {
	s := r.FloatString(2)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	out := b.String()
	if frac != "00" {
		out += "." + frac
	}
	if sym, ok := symbols[currency]; ok || currency == "" {
		if !ok {
			sym = "£"
		}
		out = sym + out
	} else {
		out += " " + currency
	}
	if neg {
		out = "-" + out
	}
	return out
}

func (c *checker) alterations() {
	m := c.m
	if blank(m.Alterations) {
		c.add("alterations.missing", "/alterations", "Say how changes to the MOU are proposed and agreed.")
	}
	switch {
	case m.Dissolution == nil:
		c.add("dissolution.missing", "/dissolution", "Say how a partner can leave, or the partnership end, and what happens to shared resources and data.")
	case blank(m.Dissolution.Process):
		c.add("dissolution.missing", "/dissolution/process", "Describe the process when a partner leaves or the partnership ends.")
	}
}

func (c *checker) legallyBinding() {
	if c.m.LegallyBinding {
		c.add("legally-binding", "/legallyBinding",
			"An MOU is not normally legally binding: set this to false, or use a contract if the partners need one.")
	}
}

func (c *checker) signatures() {
	m := c.m
	signed := map[string]bool{}
	for i, s := range m.Signatures {
		if s.Partner == "" {
			continue
		}
		if !c.hasPartner(s.Partner) {
			c.add("signature.unknown-partner", pointer.Index("/signatures", i)+"/partner",
				"No partner has the id %q: choose the partner signing.", s.Partner)
		}
		if !blank(s.Name) {
			signed[s.Partner] = true
		}
	}
	seen := map[string]bool{}
	for _, pt := range m.Partnership.Partners {
		if pt.ID == "" || seen[pt.ID] {
			continue
		}
		seen[pt.ID] = true
		if !signed[pt.ID] {
			c.add("signature.missing", "/signatures", "%s has not signed yet: add a signature once the MOU is agreed.", c.partnerName(pt.ID))
		}
	}
}

// number formats a figure without trailing zeros: 75, 62.5.
func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
