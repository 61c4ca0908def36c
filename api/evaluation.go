package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/pointer"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/schemas"
)

// ScoreResult is the answer to POST /v1/evaluations/score: one score for
// each assessment, in order, and for two or more, their combination. It is
// what `partnerkit evaluate score --json` prints for several assessments,
// without the file names, and has this shape for one assessment too.
type ScoreResult struct {
	Results  []*evaluation.Score  `json:"results"`
	Combined *evaluation.Combined `json:"combined,omitempty"`
}

// score scores {"framework": ID or framework, "assessments": [...]}.
func (h *handler) score(w http.ResponseWriter, r *http.Request, _ string) {
	doc, n, p := h.readJSON(r)
	if p != nil {
		h.problem(w, r, p)
		return
	}
	res, p := scoreRequest(doc, max(minAnswerBudget, answerFactor*n))
	if p != nil {
		h.problem(w, r, p)
		return
	}
	h.writeJSON(w, r, http.StatusOK, "application/json", res)
}

// scoreRequest scores a request; budget is the largest answer it may
// give, in bytes.
func scoreRequest(doc any, budget int) (*ScoreResult, *Problem) {
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, invalidRequest(schemas.Violation{Path: "", Keyword: "type", Message: `send an object with "framework" (a built-in framework's id, or a framework) and "assessments" (a list of assessments)`})
	}
	var vs []schemas.Violation
	for _, k := range sortedKeys(obj) {
		if k != "framework" && k != "assessments" && k != "$schema" {
			vs = append(vs, schemas.Violation{Path: pointer.Join("", k), Keyword: "additionalProperties", Message: fmt.Sprintf("%q is not a field here: send only framework and assessments", k)})
		}
	}
	fw, hasFW := obj["framework"]
	switch fw.(type) {
	case string, map[string]any:
	default:
		if !hasFW {
			vs = append(vs, schemas.Violation{Path: "/framework", Keyword: "required", Message: "framework is required: a built-in framework's id, such as " + strconv.Quote(evaluation.HealthCheck) + ", or a framework"})
		} else {
			vs = append(vs, schemas.Violation{Path: "/framework", Keyword: "type", Message: "framework must be a built-in framework's id, such as " + strconv.Quote(evaluation.HealthCheck) + ", or a framework object"})
		}
	}
	list, isList := obj["assessments"].([]any)
	switch _, has := obj["assessments"]; {
	case !has:
		vs = append(vs, schemas.Violation{Path: "/assessments", Keyword: "required", Message: "assessments is required: a list of one or more assessments"})
	case !isList:
		vs = append(vs, schemas.Violation{Path: "/assessments", Keyword: "type", Message: "assessments must be a list of assessments, even for one: [ {…} ]"})
	case len(list) == 0:
		vs = append(vs, schemas.Violation{Path: "/assessments", Keyword: "minItems", Message: "assessments is empty: send at least one assessment"})
	case len(list) > MaxAssessments:
		vs = append(vs, schemas.Violation{Path: "/assessments", Keyword: "maxItems", Message: fmt.Sprintf("send at most %d assessments in one request; this one has %s", MaxAssessments, thousands(len(list)))})
	}
	if id, ok := fw.(string); ok {
		if _, found := evaluation.Builtin(id); !found {
			vs = append(vs, schemas.Violation{Path: "/framework", Keyword: "enum", Message: fmt.Sprintf("no built-in framework is called %q; GET /v1/frameworks lists them", id)})
		}
	}
	if len(vs) > 0 {
		return nil, invalidRequest(vs...)
	}

	var f *evaluation.Framework
	var findings []finding.Finding
	switch fw := fw.(type) {
	case string:
		f, _ = evaluation.Builtin(fw)
	case map[string]any:
		var err error
		f, err = evaluation.ParseFrameworkValue(fw)
		if fs, ok := invalidFindings(err, "/framework"); ok {
			findings = append(findings, fs...)
		} else if err != nil {
			return nil, newProblem(ProblemInternal, "The framework could not be read.")
		}
	}
	assessments := make([]*evaluation.Assessment, len(list))
	for i, item := range list {
		a, err := evaluation.ParseAssessmentValue(item)
		if fs, ok := invalidFindings(err, pointer.Index("/assessments", i)); ok {
			findings = append(findings, fs...)
		} else if err != nil {
			return nil, newProblem(ProblemInternal, "An assessment could not be read.")
		}
		assessments[i] = a
	}
	if len(findings) > 0 {
		return nil, invalidDocument(findings)
	}
	res := &ScoreResult{Results: make([]*evaluation.Score, len(list))}
	estimated := false // whether the answer's size has been estimated
	for i, a := range assessments {
		s, err := f.Score(a)
		if fs, ok := invalidFindings(err, pointer.Index("/assessments", i)); ok {
			findings = append(findings, fs...)
		} else if err != nil {
			return nil, newProblem(ProblemInternal, "An assessment could not be scored.")
		}
		res.Results[i] = s
		if !estimated && s != nil {
			estimated = true
			// Every score of one framework, and their combination, has
			// about the same size: a score of each dimension, and the
			// band's advice.
			one, err := json.MarshalIndent(s, "    ", "  ")
			if err != nil {
				return nil, newProblem(ProblemInternal, "An assessment could not be scored.")
			}
			parts := len(list)
			if parts > 1 {
				parts++ // the combination
			}
			if total := len(one) * parts; total > budget {
				return nil, invalidRequest(schemas.Violation{Path: "/assessments", Keyword: "maxItems", Message: fmt.Sprintf(
					"the answer would be about %s for %d assessments of this framework, more than the %s this request may have; send fewer assessments at a time", about(total), len(list), about(budget))})
			}
		}
	}
	if len(findings) > 0 {
		return nil, invalidDocument(findings)
	}
	if len(res.Results) > 1 {
		comb := evaluation.NewCombiner(f)
		var first uuid.UUID // the partnership of the scores before
		for i, sc := range res.Results {
			err := comb.Add(sc)
			if errors.Is(err, evaluation.ErrMismatch) {
				return nil, invalidDocument([]finding.Finding{mismatch(i, sc, first)})
			}
			if err != nil {
				return nil, newProblem(ProblemInternal, "The scores could not be combined.")
			}
			if first == uuid.Nil {
				first = sc.Partnership
			}
		}
		res.Combined = comb.Result()
	}
	return res, nil
}

// mismatch is the finding for the assessment at index i, whose score s
// cannot be combined with those before it, of partnership first.
func mismatch(i int, s *evaluation.Score, first uuid.UUID) finding.Finding {
	const why = "only assessments of one partnership, made with one version of the framework, can be combined."
	f := finding.Finding{Code: "assessments.mismatch", Severity: finding.Error, Path: pointer.Index("/assessments", i),
		Message: fmt.Sprintf("Assessment %d cannot be combined with the ones before it: %s", i+1, why)}
	if s.Partnership != first && first != uuid.Nil {
		f.Path += "/partnership"
		f.Message = fmt.Sprintf("Assessment %d is of partnership %s, but the ones before it are of %s: %s", i+1, s.Partnership, first, why)
	}
	return f
}

// ProgressResult is the answer to POST /v1/evaluations/progress: each
// indicator's progress, in order, as `partnerkit evaluate progress --json`
// prints it.
type ProgressResult struct {
	Indicators []evaluation.IndicatorProgress `json:"indicators"`
}

// progress works out the progress of an indicators document.
func (h *handler) progress(w http.ResponseWriter, r *http.Request, _ string) {
	doc, _, p := h.readJSON(r)
	if p != nil {
		h.problem(w, r, p)
		return
	}
	if obj, ok := doc.(map[string]any); ok {
		if list, ok := obj["indicators"].([]any); ok && len(list) > MaxIndicators {
			h.problem(w, r, invalidRequest(schemas.Violation{Path: "/indicators", Keyword: "maxItems",
				Message: fmt.Sprintf("send at most %s indicators in one request; this one has %s", thousands(MaxIndicators), thousands(len(list)))}))
			return
		}
	}
	d, err := evaluation.ParseIndicatorsValue(doc)
	var prog []evaluation.IndicatorProgress
	if err == nil {
		prog, err = d.Progress()
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
	h.writeJSON(w, r, http.StatusOK, "application/json", ProgressResult{Indicators: prog})
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

// invalidRequest is a 422 for a request that is not the endpoint's shape.
func invalidRequest(vs ...schemas.Violation) *Problem {
	p := newProblem(ProblemInvalidRequest, "The request is JSON but not what this endpoint takes: see violations.")
	if len(vs) == 1 {
		p.Detail = sentence(vs[0].Message)
	}
	p.Violations = vs
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
		out[i].Message = fmt.Sprintf("And %s more %s findings like the ones above are not listed: put those right, then send the request again.", thousands(counts[code]-mou.MaxFindingsPerCode), code)
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

// sentence makes a message into a sentence: a capital letter and a full
// stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
