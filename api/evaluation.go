package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
)

// score scores {"framework": ID or framework, "assessments": [...]}: see
// evaluation.ScoreRequest. The answer is an *evaluation.Scores.
func (h *handler) score(w http.ResponseWriter, r *http.Request, _ string) {
	opts, doc, n, ok := readRequest(h, w, r, scoreOptions)
	if !ok {
		return
	}
	res, p := scoreRequest(doc, max(minAnswerBudget, answerFactor*n), opts)
	if p != nil {
		h.problem(w, r, p)
		return
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", res)
}

// CodeTooLarge is the code of the finding for a request whose answer would
// be larger than it may be, or that holds more than a limit allows.
const CodeTooLarge = "request.too-large"

// scoreRequest scores a request with valid options; budget is the largest
// answer it may give, in bytes.
func scoreRequest(doc any, budget int, opts evaluation.Options) (*evaluation.Scores, *Problem) {
	res, err := opts.ScoreRequest(doc)
	var inv *evaluation.InvalidError
	switch {
	case errors.As(err, &inv) && inv.Document == schemas.ScoreRequest && !errors.Is(err, evaluation.ErrMismatch):
		return nil, requestFindings(inv.Findings...)
	case errors.As(err, &inv):
		return nil, invalidDocument(inv.Findings)
	case err != nil:
		return nil, newProblem(ProblemInternal, "The assessments could not be scored.")
	}
	// Every score of one framework, and their combination, has about the
	// same size: a score of each dimension, and the band's advice.
	one, err := json.MarshalIndent(res.Results[0], "    ", "  ")
	if err != nil {
		return nil, newProblem(ProblemInternal, "The assessments could not be scored.")
	}
	parts := len(res.Results)
	if parts > 1 {
		parts++ // the combination
	}
	if total := len(one) * parts; total > budget {
		return nil, requestFindings(finding.Finding{Code: CodeTooLarge, Path: "/assessments", Message: fmt.Sprintf(
			"The answer would be about %s for %d assessments of this framework, more than the %s this request may have: send fewer assessments at a time.", about(total), len(res.Results), about(budget))})
	}
	return res, nil
}

// ProgressResult is the answer to POST /v1/evaluations/progress: each
// indicator's progress, in order, as `partnerkit evaluate progress --json`
// prints it.
type ProgressResult struct {
	Indicators []evaluation.IndicatorProgress `json:"indicators"`
	// Options are the options in force when the query set any.
	Options *evaluation.Options `json:"options,omitempty"`
}

// progress works out the progress of an indicators document.
func (h *handler) progress(w http.ResponseWriter, r *http.Request, _ string) {
	opts, doc, _, ok := readRequest(h, w, r, progressOptions)
	if !ok {
		return
	}
	if obj, ok := doc.(map[string]any); ok {
		if list, ok := obj["indicators"].([]any); ok && len(list) > MaxIndicators {
			h.problem(w, r, requestFindings(finding.Finding{Code: CodeTooLarge, Path: "/indicators",
				Message: fmt.Sprintf("Send at most %s indicators in one request; this one has %s.", text.Thousands(MaxIndicators), text.Thousands(len(list)))}))
			return
		}
	}
	d, err := evaluation.ParseIndicatorsValue(doc)
	var prog []evaluation.IndicatorProgress
	if err == nil {
		prog, err = opts.Progress(d)
	}
	if fs, ok := invalidFindings(err, ""); ok {
		h.problem(w, r, invalidDocument(fs))
		return
	} else if err != nil {
		h.problem(w, r, newProblem(ProblemInternal, "The indicators could not be read."))
		return
	}
	if prog == nil {
		prog = []evaluation.IndicatorProgress{}
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", ProgressResult{Indicators: prog, Options: opts.InForce()})
}

// effect computes the effect size of an effect-size document: the answer
// is an [evaluation.EffectSize], as `partnerkit evaluate effect --json`
// prints it.
func (h *handler) effect(w http.ResponseWriter, r *http.Request, _ string) {
	doc, _, p := h.readJSON(r)
	if p != nil {
		h.problem(w, r, p)
		return
	}
	s, err := evaluation.ParseStudyValue(doc)
	var e evaluation.EffectSize
	if err == nil {
		e, err = s.Effect()
	}
	if fs, ok := invalidFindings(err, ""); ok {
		h.problem(w, r, invalidDocument(fs))
		return
	} else if err != nil {
		h.problem(w, r, newProblem(ProblemInternal, "The effect size could not be worked out."))
		return
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", e)
}

// FrameworkInfo describes one built-in framework in the answer to
// GET /v1/frameworks: what `partnerkit framework list --json` prints, and
// where this API serves the framework.
type FrameworkInfo struct {
	ID         string `json:"id"`
	Version    string `json:"version"`
	Title      string `json:"title"`
	Dimensions int    `json:"dimensions"` // how many dimensions it has
	Questions  int    `json:"questions"`  // how many questions in all
	URL        string `json:"url"`        // where this API serves it: /v1/frameworks/{id}
}

func (h *handler) frameworkList(w http.ResponseWriter, r *http.Request, _ string) {
	list := []FrameworkInfo{}
	for _, f := range evaluation.Builtins() {
		list = append(list, FrameworkInfo{
			ID: f.ID, Version: f.Version, Title: f.Title,
			Dimensions: len(f.Dimensions), Questions: f.Questions(), URL: "/v1/frameworks/" + f.ID,
		})
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", list)
}

// framework serves one built-in framework as a framework document.
func (h *handler) framework(w http.ResponseWriter, r *http.Request, id string) {
	f, ok := evaluation.Builtin(id)
	if !ok {
		h.problem(w, r, newProblem(ProblemNotFound, fmt.Sprintf("No built-in framework is called %q. GET /v1/frameworks lists them.", id)))
		return
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", f)
}

// invalidRequest is a 422 for a request that is not the endpoint's shape,
// from schema violations: each becomes a "schema" finding, so that every
// 422 answers findings.
func invalidRequest(vs ...schemas.Violation) *Problem {
	fs := make([]finding.Finding, len(vs))
	for i, v := range vs {
		fs[i] = v.Finding()
	}
	return requestFindings(fs...)
}

// requestFindings is a 422 for a request that is not the endpoint's shape.
func requestFindings(fs ...finding.Finding) *Problem {
	p := newProblem(ProblemInvalidRequest, "The request is JSON but not what this endpoint takes: see findings.")
	if len(fs) == 1 {
		p.Detail = fs[0].Message
	}
	p.Findings = fs
	return p
}

// invalidDocument is a 422 for documents that break their schema or rules.
func invalidDocument(fs []finding.Finding) *Problem {
	p := newProblem(ProblemInvalidDocument, "A document in the request has errors: see findings.")
	errs := 0
	for _, f := range fs {
		if f.Severity == finding.Error {
			errs++
		}
	}
	if errs == 1 {
		for _, f := range fs {
			if f.Severity == finding.Error {
				p.Detail = f.Message
			}
		}
	} else {
		p.Detail = fmt.Sprintf("The documents in the request have %d errors: see findings.", errs)
	}
	p.Findings = capFindings(fs)
	return p
}

// capFindings keeps at most mou.MaxFindingsPerCode findings of each code,
// as an MOU's report does: after them, one mou.CodeTruncated finding, with
// the severity of the code and the path of the first left out, says how
// many more there are. Messages are clipped to mou.MaxMessageBytes.
func capFindings(fs []finding.Finding) []finding.Finding {
	counts := map[string]int{}
	summary := map[string]int{}
	var out []finding.Finding
	for _, f := range fs {
		counts[f.Code]++
		if counts[f.Code] <= mou.MaxFindingsPerCode {
			f.Message = mou.ClipMessage(f.Message)
			out = append(out, f)
			continue
		}
		if _, ok := summary[f.Code]; !ok {
			summary[f.Code] = len(out)
			out = append(out, finding.Finding{Code: mou.CodeTruncated, Severity: f.Severity, Path: f.Path})
		}
	}
	for code, i := range summary {
		out[i].Message = fmt.Sprintf("And %s more %s findings like the ones above are not listed: put those right, then send the request again.", text.Thousands(counts[code]-mou.MaxFindingsPerCode), code)
	}
	return out
}

// invalidFindings returns the findings of an *evaluation.InvalidError,
// with base put before their paths, and whether err is one.
func invalidFindings(err error, base string) ([]finding.Finding, bool) {
	var inv *evaluation.InvalidError
	if !errors.As(err, &inv) {
		return nil, false
	}
	return finding.Prefixed(slices.Clone(inv.Findings), base), true
}

// about writes a byte count roughly, as people say it: 1.2 MiB, 300 KiB.
func about(n int) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10:
		return strconv.Itoa(n>>10) + " KiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// CodeNotPhased is the code of the finding for a readiness request whose
// framework has no phases: no dimension is tagged build, embed or sustain.
const CodeNotPhased = "framework.not-phased"

// ReadinessResult is the answer to POST /v1/evaluations/readiness: each
// assessment's readiness by phase, in order, as `partnerkit evaluate
// readiness --json` prints it (there each result has its file too).
type ReadinessResult struct {
	Results []*evaluation.Readiness `json:"results"`
}

// readiness scores a score request, as POST /v1/evaluations/score does,
// and judges each score's readiness phase by phase: the framework must be
// phased, such as the built-in peer-review-readiness. ?stage= gives the
// partnership's stage, for the readiness.stage-ahead finding.
func (h *handler) readiness(w http.ResponseWriter, r *http.Request, _ string) {
	opts, doc, n, ok := readRequest(h, w, r, readinessOptions)
	if !ok {
		return
	}
	res, p := scoreRequest(doc, max(minAnswerBudget, answerFactor*n), evaluation.Options{})
	if p != nil {
		h.problem(w, r, p)
		return
	}
	// The request is valid: its framework is a built-in's id or a valid
	// framework.
	fw := doc.(map[string]any)["framework"]
	f, ok := evaluation.Builtin(fmt.Sprint(fw))
	if obj, isDoc := fw.(map[string]any); isDoc {
		var err error
		f, err = evaluation.ParseFrameworkValue(obj)
		ok = err == nil
	}
	if !ok {
		h.problem(w, r, newProblem(ProblemInternal, "The readiness could not be worked out."))
		return
	}
	out := ReadinessResult{Results: make([]*evaluation.Readiness, len(res.Results))}
	for i, s := range res.Results {
		rd, err := f.Readiness(s, opts)
		switch {
		case errors.Is(err, evaluation.ErrNotPhased):
			h.problem(w, r, requestFindings(finding.Finding{Code: CodeNotPhased, Path: "/framework", Message: fmt.Sprintf(
				"The framework %q has no phases: readiness needs one whose dimensions are tagged build, embed or sustain, such as %q.", f.ID, evaluation.PeerReviewReadiness)}))
			return
		case err != nil:
			h.problem(w, r, newProblem(ProblemInternal, "The readiness could not be worked out."))
			return
		}
		out.Results[i] = rd
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", out)
}
