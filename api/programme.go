package api

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/schemas"
)

// MaxScoreGroups is how many groups one POST /v1/evaluations/score-groups
// may hold.
const MaxScoreGroups = 1000

// programme serves GET /v1/programme: the programme view, for
// administrators, as JSON or (with ?format=csv) as CSV. The query's
// search, model, stage, type, sector, valid, band, attention, indicator,
// sort and desc filter and sort the rows (see register.ProgrammeQuery).
func (h *handler) programme(w http.ResponseWriter, r *http.Request, p register.Principal, _ []string) {
	v := r.URL.Query()
	q := register.ProgrammeQuery{Search: v.Get("search"), Model: v.Get("model"), Stage: v.Get("stage"), Type: v.Get("type"),
		Sector: v.Get("sector"), Valid: v.Get("valid"), Band: v.Get("band"), Attention: v.Get("attention"),
		Indicator: v.Get("indicator"), Sort: v.Get("sort"), Desc: v.Get("desc") == "true" || v.Get("desc") == "1"}
	prog, err := h.reg.Programme(r.Context(), p, q)
	if err != nil {
		h.regFail(w, r, err)
		return
	}
	switch v.Get("format") {
	case "", "json":
		h.ok(w, r, http.StatusOK, prog)
	case "csv":
		var buf bytes.Buffer
		if err := register.WriteProgrammeCSV(&buf, prog.Rows); err != nil {
			h.regFail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
		w.Header().Set("Content-Disposition", `attachment; filename="programme.csv"`)
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write(buf.Bytes())
		}
	default:
		h.problem(w, r, invalidRequest(schemas.Violation{Path: "/format", Keyword: "enum", Message: "format is json or csv"}))
	}
}

// GroupResult is one group's answer in POST /v1/evaluations/score-groups:
// its scores, or the problem that kept it from being scored.
type GroupResult struct {
	Partnership string             `json:"partnership,omitempty"`
	Result      *evaluation.Scores `json:"result,omitempty"`
	Problem     *Problem           `json:"problem,omitempty"`
}

// ScoreGroupsResult is the answer to POST /v1/evaluations/score-groups.
type ScoreGroupsResult struct {
	Groups []GroupResult `json:"groups"`
}

// scoreGroups scores {"framework": …, "groups": [{"partnership": …,
// "assessments": […]}]}: each group as POST /v1/evaluations/score scores
// one request, so that assessments of many partnerships are scored in one
// request, each partnership's apart. A group that cannot be scored gets
// its problem; the others are scored all the same.
func (h *handler) scoreGroups(w http.ResponseWriter, r *http.Request, _ string) {
	opts, doc, n, ok := readRequest(h, w, r, scoreOptions)
	if !ok {
		return
	}
	obj, _ := doc.(map[string]any)
	groups, isList := obj["groups"].([]any)
	var vs []schemas.Violation
	if obj == nil {
		vs = append(vs, schemas.Violation{Keyword: "type", Message: `send an object with "framework" and "groups", a list of {"partnership", "assessments"}`})
	} else {
		for k := range obj {
			if k != "framework" && k != "groups" && k != "$schema" {
				vs = append(vs, schemas.Violation{Path: "/" + k, Keyword: "additionalProperties", Message: k + " is not a field here: send only framework and groups"})
			}
		}
		if !isList {
			vs = append(vs, schemas.Violation{Path: "/groups", Keyword: "type", Message: `groups must be a list of {"partnership", "assessments"}`})
		} else if len(groups) > MaxScoreGroups {
			vs = append(vs, schemas.Violation{Path: "/groups", Keyword: "maxItems", Message: "send at most 1000 groups in one request"})
		}
	}
	if len(vs) > 0 {
		h.problem(w, r, invalidRequest(vs...))
		return
	}
	budget := max(minAnswerBudget, answerFactor*n)
	res := ScoreGroupsResult{Groups: []GroupResult{}}
	for i, g := range groups {
		gr := GroupResult{}
		gobj, ok := g.(map[string]any)
		if !ok {
			gr.Problem = invalidRequest(schemas.Violation{Path: "/groups/" + strconv.Itoa(i), Keyword: "type", Message: `a group is {"partnership", "assessments"}`})
			res.Groups = append(res.Groups, gr)
			continue
		}
		if id, ok := gobj["partnership"].(string); ok {
			gr.Partnership = id
		}
		req := map[string]any{"framework": obj["framework"], "assessments": gobj["assessments"]}
		if _, has := obj["framework"]; !has {
			delete(req, "framework")
		}
		if _, has := gobj["assessments"]; !has {
			delete(req, "assessments")
		}
		result, prob := scoreRequest(req, budget, opts)
		if prob != nil {
			gr.Problem = prob
		} else {
			gr.Result = result
		}
		res.Groups = append(res.Groups, gr)
	}
	h.ok(w, r, http.StatusOK, res)
}
