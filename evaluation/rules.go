package evaluation

import (
	"strconv"

	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/partnership"
)

// Finding codes that are not a rule of a particular document.
const (
	// CodeSyntax: the document is not well-formed JSON.
	CodeSyntax = "syntax"
	// CodeSchema: the document breaks its JSON Schema.
	CodeSchema = "schema"
)

// Rule describes one check: its stable code, its severity and when it fires.
type Rule = partnership.Rule

// MaxWeight is the largest weight a dimension or question may have. Weights
// are relative, so nothing needs more; the limit keeps sums of weights far
// from overflowing.
const MaxWeight = 1e6

// MaxScale bounds a rating scale: its lowest and highest ratings lie
// between -MaxScale and MaxScale.
const MaxScale = 1_000_000

const (
	sevError = partnership.SeverityError
	sevInfo  = partnership.SeverityInfo
)

// Rules lists every finding code the package reports, with its severity
// and when it fires: first those for any document, then frameworks,
// assessments, indicators and effect sizes.
var Rules = []Rule{
	{Code: CodeSyntax, Severity: sevError, When: "the document is not well-formed JSON (one finding, with the line and column)"},
	{Code: CodeSchema, Severity: sevError, When: "the document breaks its JSON Schema (one finding per violation, path at the violating value)"},
	{Code: "number.not-finite", Severity: sevError, When: "a number is too large to work with, or the result of a calculation would be"},

	{Code: "id.invalid", Severity: sevError, When: "a framework, dimension or question id is empty or not a short id of letters, digits, dots, hyphens and underscores"},
	{Code: "framework.duplicate-id", Severity: sevError, When: "two dimensions or questions share an id (dimensions and questions share one set of ids)"},
	{Code: "scale.invalid", Severity: sevError, When: "the scale's highest rating is not above its lowest, or a rating lies beyond ±1,000,000"},
	{Code: "scale.labels", Severity: sevError, When: "the scale has labels, but not exactly one for each point"},
	{Code: "dimensions.missing", Severity: sevError, When: "the framework has no dimensions"},
	{Code: "questions.missing", Severity: sevError, When: "a dimension has no questions"},
	{Code: "weight.invalid", Severity: sevError, When: "a weight is not a number above 0 and at most 1,000,000"},
	{Code: "bands.missing", Severity: sevError, When: "the framework has no bands"},
	{Code: "bands.start", Severity: sevError, When: "the first band does not start at 0"},
	{Code: "bands.order", Severity: sevError, When: "a band does not start above the band before it (bands are in ascending order)"},
	{Code: "bands.range", Severity: sevError, When: "a band starts below 0 or above 100"},
	{Code: "dimension.no-advice", Severity: sevInfo, When: "a dimension has no advice for when it scores in the lowest band"},

	{Code: "framework.mismatch", Severity: sevError, When: "an assessment answers a framework with another id"},
	{Code: "framework.version-mismatch", Severity: sevError, When: "an assessment and its framework both give a version, and they differ"},
	{Code: "answer.unknown-question", Severity: sevError, When: "an answer is for a question the framework does not have"},
	{Code: "answer.out-of-scale", Severity: sevError, When: "an answer lies outside the framework's scale"},
	{Code: "answer.not-applicable", Severity: sevError, When: "an answer is null (not applicable) but the framework does not allow it"},

	{Code: "indicator.target-equals-baseline", Severity: sevError, When: "an indicator's target equals its baseline, so progress cannot be measured"},
	{Code: "indicator.dates", Severity: sevError, When: "an indicator's deadline is on or before its start, or a date is missing"},
	{Code: "indicator.no-date", Severity: sevError, When: "neither the indicator nor the document gives the date of the actual value (asOf)"},

	{Code: "effect.sd", Severity: sevError, When: "a group's standard deviation is not above 0"},
	{Code: "effect.n", Severity: sevError, When: "a group has fewer than 2 pupils"},

	{Code: CodeStageAhead, Severity: partnership.SeverityWarning, When: "the partnership's stage is beyond the first phase that is not complete (readiness by phase)"},
}

var severities = func() map[string]partnership.Severity {
	m := make(map[string]partnership.Severity, len(Rules))
	for _, r := range Rules {
		m[r.Code] = r.Severity
	}
	return m
}()

// findings collects findings.
type findings []Finding

func (fs *findings) add(code, path, msg string) {
	sev, ok := severities[code]
	if !ok {
		sev = sevError // every code is in Rules; a test checks it
	}
	*fs = append(*fs, Finding{Code: code, Severity: sev, Path: path, Message: msg})
}

// checkFramework applies the framework rules.
func checkFramework(f *Framework) []Finding {
	var fs findings
	if !isSlug(f.ID) {
		fs.add("id.invalid", "/id", idMessage("framework", f.ID))
	}
	checkScale(&fs, f.Scale)
	if len(f.Dimensions) == 0 {
		fs.add("dimensions.missing", "/dimensions", "Add at least one dimension with its questions.")
	}
	seen := make(map[string]string, 8*len(f.Dimensions))
	unique := func(id, path string) {
		if id == "" {
			return
		}
		if first, ok := seen[id]; ok {
			fs.add("framework.duplicate-id", path, "The id "+strconv.Quote(id)+" is already used at "+pointer.Dotted(first)+": give each dimension and question its own id.")
			return
		}
		seen[id] = path
	}
	for i := range f.Dimensions {
		d := &f.Dimensions[i]
		at := pointer.Index("/dimensions", i)
		if !isSlug(d.ID) {
			fs.add("id.invalid", at+"/id", idMessage("dimension", d.ID))
		}
		unique(d.ID, at+"/id")
		checkWeight(&fs, d.Weight, at+"/weight")
		if d.Advice == "" {
			fs.add("dimension.no-advice", at+"/advice", "Add advice for when this dimension scores in the lowest band: a short, practical next step.")
		}
		if len(d.Questions) == 0 {
			fs.add("questions.missing", at+"/questions", "Add at least one question to this dimension.")
		}
		for j := range d.Questions {
			q := &d.Questions[j]
			qat := pointer.Index(at+"/questions", j)
			if !isSlug(q.ID) {
				fs.add("id.invalid", qat+"/id", idMessage("question", q.ID))
			}
			unique(q.ID, qat+"/id")
			checkWeight(&fs, q.Weight, qat+"/weight")
		}
	}
	checkBands(&fs, f.Bands)
	return fs
}

func idMessage(what, id string) string {
	if id == "" {
		return "Give the " + what + " an id: a short name of letters, digits and hyphens, like shared-goals."
	}
	return strconv.Quote(id) + " is not a valid id: use letters, digits, dots, hyphens or underscores, with no spaces (at most 64)."
}

func checkScale(fs *findings, s Scale) {
	switch {
	case s.Min < -MaxScale || s.Min > MaxScale || s.Max < -MaxScale || s.Max > MaxScale:
		fs.add("scale.invalid", "/scale", "Keep the ratings between -1,000,000 and 1,000,000; a scale such as 1 to 5 works best.")
		return
	case s.Max <= s.Min:
		fs.add("scale.invalid", "/scale/max", "The highest rating ("+strconv.Itoa(s.Max)+") must be above the lowest ("+strconv.Itoa(s.Min)+").")
		return
	}
	if s.Labels != nil && len(s.Labels) != s.Points() {
		fs.add("scale.labels", "/scale/labels", "The scale has "+strconv.Itoa(s.Points())+" points ("+strconv.Itoa(s.Min)+" to "+strconv.Itoa(s.Max)+
			") but "+strconv.Itoa(len(s.Labels))+" labels: give one label for each point, lowest first.")
	}
}

// checkWeight checks a weight; 0 means the default, 1.
func checkWeight(fs *findings, w float64, path string) {
	if !validWeight(w) { // also catches NaN
		fs.add("weight.invalid", path, "A weight is a number above 0 and at most 1,000,000, like 1 or 2.")
	}
}

func checkBands(fs *findings, bands []Band) {
	if len(bands) == 0 {
		fs.add("bands.missing", "/bands", "Add at least one band, starting at 0, such as {\"min\": 0, \"label\": \"Concern\"}.")
		return
	}
	for i, b := range bands {
		at := pointer.Index("/bands", i) + "/min"
		switch {
		case !(b.Min >= 0 && b.Min <= 100):
			fs.add("bands.range", at, "A band starts at a score from 0 to 100 (this one starts at "+formatNumber(b.Min)+").")
		case i == 0 && b.Min != 0:
			fs.add("bands.start", at, "Start the first band at 0, so that every score has a band (it starts at "+formatNumber(b.Min)+").")
		case i > 0 && b.Min <= bands[i-1].Min:
			fs.add("bands.order", at, "List the bands in ascending order: this band starts at "+formatNumber(b.Min)+
				", which is not above the band before it ("+formatNumber(bands[i-1].Min)+").")
		}
	}
}
