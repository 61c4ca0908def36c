package evaluation

import (
	"math"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/internal/jsontree"

	"github.com/partnerkit/partnerkit/schemas"
)

// Group is one group's results: the mean and standard deviation of its
// scores, and how many pupils it has.
type Group struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
	N    int     `json:"n"`
}

// Study is an effect-size document: an outcome measured in an intervention
// group and a comparison group.
type Study struct {
	Schema       string `json:"$schema,omitempty"`
	Outcome      string `json:"outcome,omitempty"`
	Intervention Group  `json:"intervention"`
	Comparison   Group  `json:"comparison"`
}

// EffectSize is the difference between two groups in standard deviations,
// with its 95% confidence interval and the months of additional progress
// it is worth on the Education Endowment Foundation's scale.
type EffectSize struct {
	G      float64 `json:"g"`      // Hedges' g
	SE     float64 `json:"se"`     // its standard error
	CILow  float64 `json:"ciLow"`  // g - 1.96 SE
	CIHigh float64 `json:"ciHigh"` // g + 1.96 SE
	Months int     `json:"months"` // months of additional progress; negative for a negative g
}

// z95 is the normal quantile for a two-sided 95% confidence interval.
const z95 = 1.96

// Effect compares an intervention group with a comparison group, exactly
// as the contract says:
//
//	pooled SD = sqrt(((n1 - 1) sd1² + (n2 - 1) sd2²) / (n1 + n2 - 2))
//	g         = (mean1 - mean2) / pooled SD × (1 - 3 / (4 (n1 + n2) - 9))
//	SE        = sqrt((n1 + n2) / (n1 n2) + g² / (2 (n1 + n2)))
//	95% CI    = g ± 1.96 SE
//
// and Months gives the months of additional progress. A standard
// deviation that is not above 0, a group of fewer than 2 pupils or a
// number that is not finite gives an *[InvalidError] with paths such as
// /intervention/sd.
func Effect(intervention, comparison Group) (EffectSize, error) {
	var fs findings
	checkGroup(&fs, "intervention", intervention)
	checkGroup(&fs, "comparison", comparison)
	if len(fs) > 0 {
		return EffectSize{}, &InvalidError{Document: schemas.Effect, Findings: fs}
	}
	n1, n2 := float64(intervention.N), float64(comparison.N)
	pooled := math.Sqrt(((n1-1)*intervention.SD*intervention.SD + (n2-1)*comparison.SD*comparison.SD) / (n1 + n2 - 2))
	g := (intervention.Mean - comparison.Mean) / pooled * (1 - 3/(4*(n1+n2)-9))
	se := math.Sqrt((n1+n2)/(n1*n2) + g*g/(2*(n1+n2)))
	e := EffectSize{G: g, SE: se, CILow: g - z95*se, CIHigh: g + z95*se, Months: Months(g)}
	if !finite(pooled) || pooled == 0 || !finite(e.G) || !finite(e.CILow) || !finite(e.CIHigh) {
		fs.add("number.not-finite", "", "These numbers are too large or too small to work with: check the means and standard deviations.")
		return EffectSize{}, &InvalidError{Document: schemas.Effect, Findings: fs}
	}
	return e, nil
}

func checkGroup(fs *findings, name string, g Group) {
	at := "/" + name
	if !finite(g.Mean) {
		fs.add("number.not-finite", at+"/mean", "The mean is too large to work with: give it as an ordinary number.")
	}
	switch {
	case !finite(g.SD):
		fs.add("number.not-finite", at+"/sd", "The standard deviation is too large to work with: give it as an ordinary number.")
	case g.SD <= 0:
		fs.add("effect.sd", at+"/sd", "The standard deviation must be above 0 (it is "+formatNumber(g.SD)+").")
	}
	if g.N < 2 {
		fs.add("effect.n", at+"/n", "A group needs at least 2 pupils (it has "+strconv.Itoa(g.N)+").")
	}
}

// Effect computes the study's effect size, as the function Effect does.
func (s *Study) Effect() (EffectSize, error) { return Effect(s.Intervention, s.Comparison) }

// ParseStudy parses an effect-size document and checks it: the JSON
// syntax, the effect schema, and the rules Effect applies. When any
// finding is an error it returns an *[InvalidError] with them all.
func ParseStudy(data []byte) (*Study, error) {
	doc, fs, err := decode(data)
	if err != nil {
		return nil, &InvalidError{Document: schemas.Effect, Findings: fs, Err: err}
	}
	return ParseStudyValue(doc)
}

// ParseStudyValue is ParseStudy for a document already decoded, as
// schemas.Decode decodes it.
func ParseStudyValue(doc any) (*Study, error) {
	fs := validate(doc, schemas.Effect)
	o := jsontree.Object(doc)
	s := &Study{
		Schema:       jsontree.String(o, "$schema"),
		Outcome:      jsontree.String(o, "outcome"),
		Intervention: groupFromValue(o["intervention"]),
		Comparison:   groupFromValue(o["comparison"]),
	}
	var rules findings
	checkGroup(&rules, "intervention", s.Intervention)
	checkGroup(&rules, "comparison", s.Comparison)
	if err := invalid(schemas.Effect, merge(fs, rules)); err != nil {
		return nil, err
	}
	return s, nil
}

func groupFromValue(v any) Group {
	m := jsontree.Object(v)
	var g Group
	g.Mean, _ = number(m["mean"])
	g.SD, _ = number(m["sd"])
	n, _, _ := wholeNumber(m["n"])
	g.N = int(n)
	return g
}

// Months converts an effect size to months of additional progress on the
// Education Endowment Foundation's scale. g is first rounded to two
// decimals, half away from zero as it is written (0.095 gives 0.10, so 2
// months); then |g| up to 0.01 is 0 months, 0.02 to 0.09 is 1, 0.10 to
// 0.18 is 2, 0.19 to 0.26 is 3, 0.27 to 0.35 is 4, 0.36 to 0.44 is 5, 0.45
// to 0.52 is 6, 0.53 to 0.61 is 7, 0.62 to 0.69 is 8, 0.70 to 0.78 is 9,
// 0.79 to 0.87 is 10, 0.88 to 0.95 is 11, and 0.96 and above is 12. A
// negative g gives the same number of months, negative. NaN gives 0.
func Months(g float64) int {
	if math.IsNaN(g) {
		return 0
	}
	h := hundredths(math.Abs(g))
	months := 12
	for i, upTo := range monthsUpTo {
		if h <= upTo {
			months = i
			break
		}
	}
	if g < 0 {
		return -months
	}
	return months
}

// monthsUpTo[m] is the largest |g|, in hundredths, worth m months.
var monthsUpTo = [...]int{1, 9, 18, 26, 35, 44, 52, 61, 69, 78, 87, 95}

// hundredths rounds x ≥ 0 to a whole number of hundredths, half up, as x
// is written in its shortest decimal form: 0.095 (stored as
// 0.09500000000000000111) gives 10, 0.285 (0.28499999999999998) gives 29.
// Values of 1 and above give 100: only the rounding below 1 matters.
func hundredths(x float64) int {
	if !(x < 1) {
		return 100
	}
	s := strconv.FormatFloat(x, 'f', -1, 64) // "0.095"
	frac := ""
	if _, f, ok := strings.Cut(s, "."); ok {
		frac = f
	}
	frac += "000"
	h := int(frac[0]-'0')*10 + int(frac[1]-'0')
	if frac[2] >= '5' {
		h++
	}
	return h
}
