// Package evaluation reviews school partnerships: it scores
// self-assessments against a framework, combines several respondents'
// scores, tracks Theory of Change indicators and computes effect sizes.
//
// Guidance for schools says effective partnerships rest on shared goals,
// mutual benefit and respect, using each partner's strengths, open
// communication and trust, governance that does not depend on one person,
// resources in proportion to the work, and measuring impact from the
// start. A health check asks each partner's respondents to rate statements
// on a Likert scale; this package turns the answers into scores with
// bands and advice, and compares partners and self-review with peer
// review.
//
// Every document is JSON, as the contract and the schemas in package
// schemas describe it. Parsing checks the JSON syntax, the schema and the
// rules together; a problem with the input is always an *[InvalidError]
// whose findings carry a stable code, a JSON Pointer path such as
// /answers/sg2 and a message in plain English. [Rules] lists every code.
//
// # Frameworks
//
// A [Framework] is a questionnaire: a rating scale with labels, dimensions
// of questions with weights and advice, and score bands. Two are built in
// ([Builtin], [Builtins]): the partnership health check
// ("partnership-health-check") and the peer-review readiness review
// ("peer-review-readiness"), whose dimensions follow a peer-review
// programme's build, embed and sustain phases. Others are parsed:
//
//	f, err := evaluation.ParseFramework(data)
//	var inv *evaluation.InvalidError
//	if errors.As(err, &inv) {
//		for _, finding := range inv.Findings {
//			fmt.Println(finding) // error bands[2].min: List the bands in ascending order … (bands.order)
//		}
//	}
//
// Each Parse function has a Value twin ([ParseFrameworkValue],
// [ParseAssessmentValue], [ParseIndicatorsValue], [ParseStudyValue]) for a
// document already decoded, as schemas.Decode decodes it: parts of a
// larger document, such as an API request, need not be encoded again.
//
// [CheckFramework] returns the findings without failing, and
// [Framework.Check] applies the rules to a framework built in Go.
//
// # Scoring
//
// [Framework.Score] validates an assessment against the framework (the
// framework id and version, unknown questions, answers off the scale, not
// applicable where it is not allowed) and scores it:
//
//	a, err := evaluation.ParseAssessment(data)
//	…
//	s, err := f.Score(a)
//	fmt.Println(*s.Overall, s.Band) // 50 Borderline
//
// An answer v on a scale min..max scores (v - min) / (max - min) × 100, or
// 100 minus that for a reverse-coded question. A dimension scores the
// weighted mean of its answered questions, and the overall score is the
// weighted mean of the dimensions that have a score. Not applicable (null)
// leaves a question out altogether; an unanswered question (no key)
// counts against coverage only. When nothing at all is answered, the
// overall score and band are null. Flags mark low coverage (under 0.6) and
// each dimension in the lowest band. The [Score]'s JSON is shaped like the
// contract's score.expected.json.
//
// # Combining
//
// [Combine] combines several respondents' scores of one partnership: each
// dimension's mean and spread (largest minus smallest), each partner's
// mean overall score, and self-review against peer review, with the flags
// respondents.disagree, partners.imbalance and review.gap. A [Combiner]
// does the same one score at a time, in constant memory:
//
//	c := evaluation.NewCombiner(f)
//	for _, s := range scores {
//		if err := c.Add(s); err != nil { … } // another framework: ErrMismatch
//	}
//	combined := c.Result()
//
// # Options
//
// Every threshold above is a default a programme can change: [Options]
// holds the flags' thresholds (coverage 0.6, disagreement 25, imbalance
// 20, review gap 20), the indicators' margins (0.1 and 0.25) and flags
// switched off; its zero value is the contract's defaults. The functions
// above apply the defaults; Options has the same ones for a programme's:
//
//	o := evaluation.Options{ReviewGap: 15, Off: []string{evaluation.FlagConcern}}
//	res, err := o.ScoreRequest(doc) // res.Options names the options in force
//
// An option out of range, or a flag that does not exist, is a
// *partnership.OptionError with a JSON Pointer to it, such as /reviewGap.
//
// # Readiness by phase
//
// [Framework.Readiness] judges a score of a phased framework, such as the
// peer-review readiness review, phase by phase: each phase (build, embed,
// sustain) is scored and is complete when its score reaches the start of
// the second-highest band, none of its dimensions is in the lowest band
// and every one of them has a score. The verdict names the phase the
// partnership is ready for and what stands in the way; given the
// partnership's stage, a stage beyond readiness raises readiness.stage-ahead:
//
//	r, err := f.Readiness(s, evaluation.ReadinessOptions{Stage: partnership.StageEmbed})
//	fmt.Println(r.Verdict) // Not ready for the next phase yet. Build is not complete yet: …
//
// # Indicators and effect sizes
//
// [Progress] measures an [Indicator] against its target and the time
// passed, and gives a [Status]: met, on-track, at-risk or off-track.
// [Indicators.ProgressByOutcome] groups the indicators by the outcome they
// measure, each outcome taking the worst status of its indicators.
// [ParseIndicators] reads an indicators document. [Effect] compares an
// intervention group with a comparison group: Hedges' g with a 95%
// confidence interval, and [Months] of additional progress on the
// Education Endowment Foundation's scale.
//
//	p, err := evaluation.Progress(ind, partnership.MustParseDate("2027-01-31"))
//	e, err := evaluation.Effect(evaluation.Group{Mean: 104.2, SD: 14.8, N: 86}, evaluation.Group{Mean: 100.1, SD: 15.3, N: 91})
//
// The package does no input or output, and no function but the Must ones
// panics, whatever its input; it is compiled to WebAssembly for the
// browser form.
package evaluation
