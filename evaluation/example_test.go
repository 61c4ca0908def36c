package evaluation_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/partnership"
)

func ExampleFramework_Score() {
	framework, _ := os.ReadFile("../examples/data/framework-mini.json")
	f, err := evaluation.ParseFramework(framework)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, err := evaluation.ParseAssessment([]byte(`{
		"framework": "mini-health-check",
		"answers": {"sg1": 4, "sg2": 3, "sg3": 2, "gv1": 2, "gv2": null}
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := f.Score(a)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("overall %.1f (%s), coverage %.0f%%\n", *s.Overall, s.Band, s.Coverage*100)
	for _, d := range s.Dimensions {
		fmt.Printf("%s: %.1f (%s)\n", d.ID, *d.Score, d.Band)
	}
	for _, flag := range s.Flags {
		fmt.Println("flag:", flag.Code, flag.Dimension)
	}
	// Output:
	// overall 50.0 (Borderline), coverage 100%
	// shared-goals: 62.5 (Borderline)
	// governance: 25.0 (Concern)
	// flag: dimension.concern governance
}

func ExampleFramework_Score_invalid() {
	f, _ := evaluation.Builtin(evaluation.HealthCheck)
	_, err := f.Score(&evaluation.Assessment{
		Framework: evaluation.HealthCheck,
		Answers:   map[string]evaluation.Answer{"sg1": evaluation.Rating(7), "zz9": evaluation.Rating(3)},
	})
	var inv *evaluation.InvalidError
	if errors.As(err, &inv) {
		for _, finding := range inv.Findings {
			fmt.Println(finding.Path, finding.Message)
		}
	}
	// Output:
	// /answers/sg1 The answer 7 is outside the scale: give a rating from 1 to 5.
	// /answers/zz9 The framework "partnership-health-check" has no question "zz9": check the id, or remove the answer.
}

func ExampleCombine() {
	f, _ := evaluation.Builtin(evaluation.HealthCheck)
	respondents := []struct {
		partner string
		review  evaluation.Review
		rating  int
	}{
		{"riverside-primary", evaluation.ReviewSelf, 5},
		{"riverside-primary", evaluation.ReviewSelf, 4},
		{"st-aidans", evaluation.ReviewPeer, 2},
	}
	var scores []*evaluation.Score
	for _, r := range respondents {
		// Every statement rated the same; reverse-coded ones the other way.
		a := &evaluation.Assessment{
			Framework:  evaluation.HealthCheck,
			Respondent: evaluation.Respondent{Partner: r.partner, Review: r.review},
			Answers:    map[string]evaluation.Answer{},
		}
		for _, d := range f.Dimensions {
			for _, q := range d.Questions {
				v := r.rating
				if q.Reverse {
					v = 6 - v
				}
				a.Answers[q.ID] = evaluation.Rating(v)
			}
		}
		s, err := f.Score(a)
		if err != nil {
			fmt.Println(err)
			return
		}
		scores = append(scores, s)
	}
	c, err := evaluation.Combine(f, scores)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := c.Dimensions[0]
	fmt.Printf("%s: mean %.1f, spread %.0f, self %.1f, peer %.0f\n", d.ID, *d.Mean, *d.Spread, *d.Self, *d.Peer)
	for _, p := range c.Partners {
		fmt.Printf("%s: %.1f\n", p.Partner, p.Overall)
	}
	fmt.Println(len(c.Flags), "flags, the last:", c.Flags[len(c.Flags)-1].Code, c.Flags[len(c.Flags)-1].Dimension)
	// Output:
	// shared-goals: mean 66.7, spread 75, self 87.5, peer 25
	// riverside-primary: 87.5
	// st-aidans: 25.0
	// 17 flags, the last: review.gap inclusion
}

func ExampleProgress() {
	absence := evaluation.Indicator{
		ID:       "persistent-absence",
		Baseline: 18, // per cent of pupils
		Target:   12, // lower is better
		Actual:   15,
		Start:    partnership.MustParseDate("2026-09-01"),
		Deadline: partnership.MustParseDate("2027-07-16"),
	}
	p, err := evaluation.Progress(absence, partnership.MustParseDate("2027-01-31"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("progress %.2f, expected %.2f: %s\n", p.Progress, p.Expected, p.Status)

	absence.Target = absence.Baseline
	_, err = evaluation.Progress(absence, partnership.MustParseDate("2027-01-31"))
	fmt.Println(err)
	// Output:
	// progress 0.50, expected 0.48: on-track
	// evaluation: invalid indicators: target: the target equals the baseline (18), so progress cannot be measured: set the value you aim to reach by the deadline
}

func ExampleEffect() {
	e, err := evaluation.Effect(
		evaluation.Group{Mean: 104.2, SD: 14.8, N: 86}, // the pupils who took part
		evaluation.Group{Mean: 100.1, SD: 15.3, N: 91}, // similar pupils who did not
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("g = %.2f (95%% CI %.2f to %.2f): %d months of additional progress\n", e.G, e.CILow, e.CIHigh, e.Months)
	// Output:
	// g = 0.27 (95% CI -0.03 to 0.57): 4 months of additional progress
}

func ExampleMonths() {
	for _, g := range []float64{0.01, 0.015, 0.095, 0.44, -0.3} {
		fmt.Println(g, evaluation.Months(g))
	}
	// Output:
	// 0.01 0
	// 0.015 1
	// 0.095 2
	// 0.44 5
	// -0.3 -4
}

func ExampleParseFramework_invalid() {
	_, err := evaluation.ParseFramework([]byte(`{
		"id": "check", "title": "Check",
		"scale": {"min": 1, "max": 5},
		"dimensions": [{"id": "d", "title": "D", "advice": "Talk.", "questions": [{"id": "d", "text": "Q."}]}],
		"bands": [{"min": 0, "label": "Low"}, {"min": 0, "label": "High"}]
	}`))
	var inv *evaluation.InvalidError
	if errors.As(err, &inv) {
		for _, f := range inv.Findings {
			fmt.Println(f)
		}
	}
	// Output:
	// error dimensions[0].questions[0].id: The id "d" is already used at dimensions[0].id: give each dimension and question its own id. (framework.duplicate-id)
	// error bands[1].min: List the bands in ascending order: this band starts at 0, which is not above the band before it (0). (bands.order)
}

func ExampleBuiltins() {
	for _, f := range evaluation.Builtins() {
		fmt.Printf("%s: %s, %d dimensions, %d questions\n", f.ID, f.Title, len(f.Dimensions), f.Questions())
	}
	// Output:
	// partnership-health-check: Partnership health check, 8 dimensions, 44 questions
	// peer-review-readiness: Peer review readiness, 6 dimensions, 25 questions
}
