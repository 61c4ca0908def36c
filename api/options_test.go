package api_test

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func withoutCode(fs []finding.Finding, code string) []finding.Finding {
	out := []finding.Finding{}
	for _, f := range fs {
		if f.Code != code {
			out = append(out, f)
		}
	}
	return out
}

func severities(fs []finding.Finding, code string) []string {
	var out []string
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f.Severity.String())
		}
	}
	return out
}

// Each MOU option through the API: with no query the report is today's,
// and an option changes its rule's findings and nothing else.
func TestMOUCheckOptions(t *testing.T) {
	h := api.New(api.Options{})
	draft, err := os.ReadFile("../examples/data/mou-coastal-draft.json") // 57 words; 3 schools; one partner unsigned
	require.NoError(t, err)
	check := func(query string) mou.Report {
		res, body := serve(t, h, post("/v1/mou/check"+query, "application/json", string(draft)))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
		var r mou.Report
		require.NoError(t, json.Unmarshal(body, &r))
		return r
	}
	def := check("")
	assert.Equal(t, *mou.Check(draft), def, "without a query, the defaults")
	assert.Nil(t, def.Options)
	tests := []struct {
		query   string
		code    string
		byDef   []string // the code's severities with the defaults
		with    []string // … and with the query
		options string   // the report's options
	}{
		{"?missionWords=57", "mission.too-long", []string{"warning"}, nil, `{"missionWords": 57, "hubSchools": 5}`},
		{"?missionWords=56", "mission.too-long", []string{"warning"}, []string{"warning"}, `{"missionWords": 56, "hubSchools": 5}`},
		{"?hubSchools=2", "model.hub-too-large", nil, []string{"warning"}, `{"missionWords": 50, "hubSchools": 2}`},
		{"?hubSchools=3", "model.hub-too-large", nil, nil, `{"missionWords": 50, "hubSchools": 3}`},
		{"?off=signature.missing", "signature.missing", []string{"warning"}, nil, `{"missionWords": 50, "hubSchools": 5, "off": ["signature.missing"]}`},
		{"?severity=signature.missing=error", "signature.missing", []string{"warning"}, []string{"error"}, `{"missionWords": 50, "hubSchools": 5, "severity": {"signature.missing": "error"}}`},
		{"?severity=legally-binding:info", "legally-binding", []string{"warning"}, []string{"info"}, `{"missionWords": 50, "hubSchools": 5, "severity": {"legally-binding": "info"}}`},
		{"?off=legally-binding,evaluation-plan.no-tools&off=legally-binding", "legally-binding", []string{"warning"}, nil, `{"missionWords": 50, "hubSchools": 5, "off": ["evaluation-plan.no-tools", "legally-binding"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := check(tt.query)
			assert.Equal(t, tt.byDef, severities(def.Findings, tt.code))
			assert.Equal(t, tt.with, severities(got.Findings, tt.code))
			other := withoutCode(got.Findings, tt.code)
			if strings.Contains(tt.query, "no-tools") {
				other = withoutCode(other, "evaluation-plan.no-tools")
				assert.Equal(t, withoutCode(withoutCode(def.Findings, tt.code), "evaluation-plan.no-tools"), other)
			} else {
				assert.Equal(t, withoutCode(def.Findings, tt.code), other, "only %s changes", tt.code)
			}
			b, err := json.Marshal(got.Options)
			require.NoError(t, err)
			assert.JSONEq(t, tt.options, string(b))
		})
	}
}

// Each scoring option through the API, on the contract's self and peer
// assessments: their combination has a review gap of 25 on governance.
func TestScoreOptions(t *testing.T) {
	h := api.New(api.Options{})
	self, peer := apitest.Doc("assessment-self"), apitest.Doc("assessment-peer")
	envelope := func(assessments ...string) string {
		return `{"framework": ` + apitest.Doc("framework-mini") + `, "assessments": [` + strings.Join(assessments, ", ") + `]}`
	}
	// One answer of five: coverage 0.2.
	sparse := strings.Replace(self, `"sg2": 3, "sg3": 2, "gv1": 2, "gv2": null`, `"gv2": null`, 1)
	require.NotEqual(t, self, sparse)
	score := func(body, query string) evaluation.Scores {
		res, b := serve(t, h, post("/v1/evaluations/score"+query, "application/json", body))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", b)
		var s evaluation.Scores
		require.NoError(t, json.Unmarshal(b, &s))
		return s
	}
	flags := func(s evaluation.Scores, code string) (n int) {
		for _, r := range s.Results {
			for _, f := range r.Flags {
				if f.Code == code {
					n++
				}
			}
		}
		for _, f := range s.Combined.Flags {
			if f.Code == code {
				n++
			}
		}
		return n
	}
	// Self 50 overall (shared goals 62.5, governance 25), peer 66.7
	// (87.5, 25): shared goals spread 25 with a review gap of 25, the
	// partners 16.7 apart, governance of concern to both.
	both := envelope(self, peer)
	tests := []struct {
		body, query string
		code        string
		byDef, got  int
	}{
		{envelope(sparse, peer), "?lowCoverage=0.2", evaluation.FlagLowCoverage, 1, 0},
		{envelope(sparse, peer), "?lowCoverage=0.21", evaluation.FlagLowCoverage, 1, 1},
		{both, "?off=dimension.concern", evaluation.FlagConcern, 2, 0},
		{both, "?disagreeSpread=26", evaluation.FlagDisagree, 1, 0},
		{both, "?disagreeSpread=25", evaluation.FlagDisagree, 1, 1},
		{both, "?reviewGap=25.5", evaluation.FlagReviewGap, 1, 0},
		{both, "?reviewGap=10&off=review.gap", evaluation.FlagReviewGap, 1, 0},
		{both, "?imbalanceGap=16", evaluation.FlagImbalance, 0, 1},
		{both, "?imbalanceGap=17", evaluation.FlagImbalance, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			def, got := score(tt.body, ""), score(tt.body, tt.query)
			assert.Nil(t, def.Options)
			assert.Equal(t, tt.byDef, flags(def, tt.code))
			assert.Equal(t, tt.got, flags(got, tt.code))
			require.NotNil(t, got.Options)
			strip := func(s evaluation.Scores) evaluation.Scores {
				for _, r := range s.Results {
					r.Flags = without(r.Flags, tt.code)
				}
				s.Combined.Flags = without(s.Combined.Flags, tt.code)
				s.Options = nil
				return s
			}
			assert.Equal(t, strip(def), strip(got), "only %s changes", tt.code)
		})
	}
}

func without(flags []evaluation.Flag, code string) []evaluation.Flag {
	out := []evaluation.Flag{}
	for _, f := range flags {
		if f.Code != code {
			out = append(out, f)
		}
	}
	return out
}

func TestProgressOptions(t *testing.T) {
	h := api.New(api.Options{})
	progress := func(query string) api.ProgressResult {
		res, b := serve(t, h, post("/v1/evaluations/progress"+query, "application/json", apitest.Doc("indicators")))
		require.Equal(t, http.StatusOK, res.StatusCode, "%s", b)
		var p api.ProgressResult
		require.NoError(t, json.Unmarshal(b, &p))
		return p
	}
	def := progress("")
	assert.Nil(t, def.Options)
	wide := progress("?onTrackMargin=1&atRiskMargin=1")
	require.NotNil(t, wide.Options)
	assert.Equal(t, 1.0, wide.Options.OnTrackMargin)
	for i, p := range wide.Indicators {
		if p.Status != evaluation.StatusMet {
			assert.Equal(t, evaluation.StatusOnTrack, p.Status, "within a margin of 1 every indicator is on track")
		}
		p.Status, def.Indicators[i].Status = "", ""
		assert.Equal(t, def.Indicators[i], p, "only the status changes")
	}
}

// A bad option is a 400 problem with a finding at its pointer, before the
// body is read.
func TestInvalidOptions(t *testing.T) {
	h := api.New(api.Options{})
	mouDoc, score := apitest.Doc("mou-valid"), `{"framework": "partnership-health-check", "assessments": [{}]}`
	tests := []struct {
		path, body string
		pointer    string
		says       string
	}{
		{"/v1/mou/check?missionWords=many", mouDoc, "/missionWords", `missionWords is a whole number, such as 50, not \"many\"`},
		{"/v1/mou/check?missionWords=-2", mouDoc, "/missionWords", "not -2"},
		{"/v1/mou/check?missionWords=40&missionWords=45", mouDoc, "/missionWords", "Give missionWords once, not 2 times."},
		{"/v1/mou/check?hubSchools=-1", mouDoc, "/hubSchools", "not -1"},
		{"/v1/mou/check?off=signature.missing&off=signature.misisng", mouDoc, "/off/1", `No rule has the code \"signature.misisng\"`},
		{"/v1/mou/check?off=schema", mouDoc, "/off/0", "cannot be changed"},
		{"/v1/mou/check?severity=signature.missing", mouDoc, "/severity", "CODE=LEVEL"},
		{"/v1/mou/check?severity=signature.missing=fatal", mouDoc, "/severity/signature.missing", `error, warning or info, not \"fatal\"`},
		{"/v1/mou/check?severity=nope=info", mouDoc, "/severity/nope", `No rule has the code \"nope\"`},
		{"/v1/mou/check?mission=40", mouDoc, "/mission", `This endpoint has no option called \"mission\"`},
		{"/v1/evaluations/score?lowCoverage=2", score, "/lowCoverage", "not 2"},
		{"/v1/evaluations/score?lowCoverage=NaN", score, "/lowCoverage", "from 0 to 1"},
		{"/v1/evaluations/score?reviewGap=x", score, "/reviewGap", `reviewGap is a number, such as 0.5, not \"x\"`},
		{"/v1/evaluations/score?off=review.gpa", score, "/off/0", `No flag has the code \"review.gpa\"`},
		{"/v1/evaluations/score?missionWords=3", score, "/missionWords", "no option called"},
		{"/v1/evaluations/score-groups?imbalanceGap=101", `{"framework": "partnership-health-check", "groups": []}`, "/imbalanceGap", "not 101"},
		{"/v1/evaluations/progress?onTrackMargin=0.5", apitest.Doc("indicators"), "/atRiskMargin", "below the on-track margin (0.5)"},
		{"/v1/evaluations/progress?lowCoverage=0.5", apitest.Doc("indicators"), "/lowCoverage", "no option called"},
		{"/v1/evaluations/readiness?stage=grow", score, "/stage", `build, embed or sustain, not \"grow\"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := serve(t, h, post(tt.path, "application/json", tt.body))
			p := problemOf(t, res, body)
			assert.Equal(t, http.StatusBadRequest, res.StatusCode)
			assert.Equal(t, api.ProblemInvalidOption, p.Type)
			require.Len(t, p.Findings, 1, "%s", body)
			assert.Equal(t, api.CodeInvalidOption, p.Findings[0].Code)
			assert.Equal(t, tt.pointer, p.Findings[0].Path)
			assert.Contains(t, string(body), tt.says)
		})
	}
}

// The readiness endpoint answers what evaluation's Readiness gives, for
// each assessment, with the stage from the query.
func TestReadinessMatchesGo(t *testing.T) {
	h := api.New(api.Options{})
	f, ok := evaluation.Builtin(evaluation.PeerReviewReadiness)
	require.True(t, ok)
	answers := func(build, rest int) *evaluation.Assessment {
		a := &evaluation.Assessment{Framework: f.ID, Answers: map[string]evaluation.Answer{}}
		for _, d := range f.Dimensions {
			for _, q := range d.Questions {
				v := rest
				if d.Phase == "build" {
					v = build
				}
				if q.Reverse {
					v = 5 - v
				}
				a.Answers[q.ID] = evaluation.Rating(v)
			}
		}
		return a
	}
	tests := []struct {
		name  string
		stage string
		as    []*evaluation.Assessment
		ahead bool
	}{
		{"build complete, in build", "build", []*evaluation.Assessment{answers(4, 2)}, false},
		{"build complete, in embed", "embed", []*evaluation.Assessment{answers(4, 2)}, false},
		{"build complete, in sustain", "sustain", []*evaluation.Assessment{answers(4, 2)}, true},
		{"build not complete, in embed", "embed", []*evaluation.Assessment{answers(2, 2)}, true},
		{"no stage", "", []*evaluation.Assessment{answers(2, 2), answers(4, 4)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := json.Marshal(tt.as)
			require.NoError(t, err)
			query := ""
			if tt.stage != "" {
				query = "?stage=" + tt.stage
			}
			res, body := serve(t, h, post("/v1/evaluations/readiness"+query, "application/json", `{"framework": "peer-review-readiness", "assessments": `+string(list)+`}`))
			require.Equal(t, http.StatusOK, res.StatusCode, "%s", body)
			var got api.ReadinessResult
			require.NoError(t, json.Unmarshal(body, &got))
			require.Len(t, got.Results, len(tt.as))
			for i, a := range tt.as {
				s, err := f.Score(a)
				require.NoError(t, err)
				want, err := f.Readiness(s, evaluation.ReadinessOptions{Stage: partnership.Stage(tt.stage)})
				require.NoError(t, err)
				assert.Equal(t, want, got.Results[i])
				assert.Equal(t, tt.ahead, len(got.Results[i].Findings) == 1 && got.Results[i].Findings[0].Code == evaluation.CodeStageAhead)
			}
		})
	}
}
