package evaluation

import (
	"strconv"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/schemas"
)

// MaxWeight is the largest weight a dimension or question may have. Weights
// are relative, so nothing needs more; the limit keeps sums of weights far
// from overflowing.
const MaxWeight = 1e6

// MaxScale bounds a rating scale: its lowest and highest ratings lie
// between -MaxScale and MaxScale.
const MaxScale = 1_000_000

// rules is every finding code the package reports: first those for any
// document, then frameworks, assessments, indicators and effect sizes.
var rules = finding.NewTable(
	finding.Rule{Code: schemas.CodeSyntax, Severity: finding.Error, When: "the document is not well-formed JSON (one finding, with the line and column)"},
	finding.Rule{Code: schemas.CodeSchema, Severity: finding.Error, When: "the document breaks its JSON Schema (one finding per violation, path at the violating value)"},
	finding.Rule{Code: "number.not-finite", Severity: finding.Error, When: "a number is too large to work with, or the result of a calculation would be"},

	finding.Rule{Code: "id.invalid", Severity: finding.Error, When: "a framework, dimension or question id is empty or not a short id of letters, digits, dots, hyphens and underscores"},
	finding.Rule{Code: "framework.duplicate-id", Severity: finding.Error, When: "two dimensions or questions share an id (dimensions and questions share one set of ids)"},
	finding.Rule{Code: "scale.invalid", Severity: finding.Error, When: "the scale's highest rating is not above its lowest, or a rating lies beyond ±1,000,000"},
	finding.Rule{Code: "scale.labels", Severity: finding.Error, When: "the scale has labels, but not exactly one for each point"},
	finding.Rule{Code: "dimensions.missing", Severity: finding.Error, When: "the framework has no dimensions"},
	finding.Rule{Code: "questions.missing", Severity: finding.Error, When: "a dimension has no questions"},
	finding.Rule{Code: "weight.invalid", Severity: finding.Error, When: "a weight is not a number above 0 and at most 1,000,000"},
	finding.Rule{Code: "bands.missing", Severity: finding.Error, When: "the framework has no bands"},
	finding.Rule{Code: "bands.start", Severity: finding.Error, When: "the first band does not start at 0"},
	finding.Rule{Code: "bands.order", Severity: finding.Error, When: "a band does not start above the band before it (bands are in ascending order)"},
	finding.Rule{Code: "bands.range", Severity: finding.Error, When: "a band starts below 0 or above 100"},
	finding.Rule{Code: "dimension.no-advice", Severity: finding.Info, When: "a dimension has no advice for when it scores in the lowest band"},

	finding.Rule{Code: "framework.unknown", Severity: finding.Error, When: "a score request names a built-in framework that does not exist"},
	finding.Rule{Code: "assessments.mismatch", Severity: finding.Error, When: "a score request's assessments are of two partnerships, or of two versions of the framework, so cannot be combined"},
	finding.Rule{Code: "framework.mismatch", Severity: finding.Error, When: "an assessment answers a framework with another id"},
	finding.Rule{Code: "framework.version-mismatch", Severity: finding.Error, When: "an assessment and its framework both give a version, and they differ"},
	finding.Rule{Code: "answer.unknown-question", Severity: finding.Error, When: "an answer is for a question the framework does not have"},
	finding.Rule{Code: "answer.out-of-scale", Severity: finding.Error, When: "an answer lies outside the framework's scale"},
	finding.Rule{Code: "answer.not-applicable", Severity: finding.Error, When: "an answer is null (not applicable) but the framework does not allow it"},

	finding.Rule{Code: "indicator.target-equals-baseline", Severity: finding.Error, When: "an indicator's target equals its baseline, so progress cannot be measured"},
	finding.Rule{Code: "indicator.dates", Severity: finding.Error, When: "an indicator's deadline is on or before its start, or a date is missing"},
	finding.Rule{Code: "indicator.no-date", Severity: finding.Error, When: "neither the indicator nor the document gives the date of the actual value (asOf)"},

	finding.Rule{Code: "effect.sd", Severity: finding.Error, When: "a group's standard deviation is not above 0"},
	finding.Rule{Code: "effect.n", Severity: finding.Error, When: "a group has fewer than 2 pupils"},

	finding.Rule{Code: CodeStageAhead, Severity: finding.Warning, When: "the partnership's stage is beyond the first phase that is not complete (readiness by phase)"},
)

// Rules returns every finding code the package reports, with its severity
// and when it fires: first those for any document, then frameworks,
// assessments, indicators and effect sizes. It returns a copy, which the
// caller may change.
func Rules() []finding.Rule { return rules.Rules() }

// findings collects findings.
type findings []finding.Finding

func (fs *findings) add(code, path, msg string) {
	*fs = append(*fs, finding.Finding{Code: code, Severity: rules.Severity(code), Path: path, Message: msg})
}

// checkFramework applies the framework rules.
func checkFramework(f *Framework) []finding.Finding {
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
