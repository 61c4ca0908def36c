package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type jsonReport struct {
	File     string            `json:"file"`
	Valid    bool              `json:"valid"`
	Findings []finding.Finding `json:"findings"`
	Options  *mou.Options      `json:"options"`
}

func checkJSON(t *testing.T, args ...string) (int, []jsonReport) {
	t.Helper()
	code, out, errOut := cliRun(t, "", args...)
	require.Empty(t, errOut)
	var reports []jsonReport
	require.NoError(t, json.Unmarshal([]byte(out), &reports), out)
	return code, reports
}

func severitiesOf(fs []finding.Finding, code string) []string {
	var out []string
	for _, f := range fs {
		if f.Code == code {
			out = append(out, f.Severity.String())
		}
	}
	return out
}

func withoutCode(fs []finding.Finding, codes ...string) []finding.Finding {
	out := []finding.Finding{}
	for _, f := range fs {
		if !contains(codes, f.Code) {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Each MOU option through the command line, on mou check and check: the
// draft has 57 words, three schools in its hub and a partner unsigned.
func TestMOUCheckOptions(t *testing.T) {
	tests := []struct {
		flags      []string
		code       string
		byDef      []string
		with       []string
		valid      bool
		optionsSay string
	}{
		{[]string{"--mission-words", "57"}, "mission.too-long", []string{"warning"}, nil, false, `"missionWords":57`},
		{[]string{"--mission-words=56"}, "mission.too-long", []string{"warning"}, []string{"warning"}, false, `"missionWords":56`},
		{[]string{"--hub-schools", "2"}, "model.hub-too-large", nil, []string{"warning"}, false, `"hubSchools":2`},
		{[]string{"--hub-schools", "3"}, "model.hub-too-large", nil, nil, false, `"hubSchools":3`},
		{[]string{"--off", "signature.missing"}, "signature.missing", []string{"warning"}, nil, false, `"off":["signature.missing"]`},
		{[]string{"--severity", "signature.missing=error"}, "signature.missing", []string{"warning"}, []string{"error"}, false, `"severity":{"signature.missing":"error"}`},
		{[]string{"--severity", "lead.missing=warning"}, "lead.missing", []string{"error"}, []string{"warning"}, false, `"lead.missing":"warning"`},
		{[]string{"--off", "lead.missing,model.lead-count", "--off", "objective.not-time-bound"}, "lead.missing", []string{"error"}, nil, false, `"off":["lead.missing","model.lead-count","objective.not-time-bound"]`},
	}
	for _, cmd := range [][]string{{"mou", "check"}, {"check"}} {
		_, def := checkJSON(t, append(cmd, "--json", draft)...)
		require.Len(t, def, 1)
		assert.Nil(t, def[0].Options, "with the defaults no options are named")
		for _, tt := range tests {
			t.Run(strings.Join(cmd, " ")+" "+strings.Join(tt.flags, " "), func(t *testing.T) {
				args := append(append(append([]string{}, cmd...), tt.flags...), "--json", draft)
				code, got := checkJSON(t, args...)
				require.Len(t, got, 1)
				assert.Equal(t, tt.byDef, severitiesOf(def[0].Findings, tt.code))
				assert.Equal(t, tt.with, severitiesOf(got[0].Findings, tt.code))
				changed := []string{tt.code}
				if len(tt.flags) > 2 {
					changed = []string{"lead.missing", "model.lead-count", "objective.not-time-bound"}
				}
				assert.Equal(t, withoutCode(def[0].Findings, changed...), withoutCode(got[0].Findings, changed...), "only %s changes", tt.code)
				assert.Equal(t, tt.valid, got[0].Valid)
				assert.Equal(t, map[bool]int{true: exitOK, false: exitInvalid}[tt.valid], code)
				b, err := json.Marshal(got[0].Options)
				require.NoError(t, err)
				assert.Contains(t, string(b), tt.optionsSay)
			})
		}
	}
	code, out, errOut := cliRun(t, "", "mou", "check", "--json", "--off", "schema", draft)
	assert.Equal(t, exitUsage, code, "schema cannot be switched off")
	assert.Empty(t, out)
	assert.Contains(t, errOut, "--off: the rule schema cannot be changed or switched off")
}

func TestMOUCheckOptionsText(t *testing.T) {
	code, out, _ := cliRun(t, "", "mou", "check", "--mission-words", "60", "--off", "signature.missing", "--severity", "legally-binding=info", draft)
	assert.Equal(t, exitInvalid, code)
	assert.NotContains(t, out, "[mission.too-long]")
	assert.NotContains(t, out, "[signature.missing]")
	assert.Contains(t, out, "Options in force: --mission-words 60, --off signature.missing, --severity legally-binding=info.\n")
	assert.Contains(t, out, "  i legallyBinding\n")
	_, out, _ = cliRun(t, "", "mou", "check", draft)
	assert.NotContains(t, out, "Options in force")
}

func TestOptionFlagsInvalid(t *testing.T) {
	tests := []struct {
		args []string
		says string
	}{
		{[]string{"mou", "check", "--off", "signature.misisng", draft}, `partnerkit mou check: --off: no rule has the code "signature.misisng"`},
		{[]string{"mou", "check", "--severity", "signature.missing", draft}, "--severity: give CODE=LEVEL"},
		{[]string{"mou", "check", "--severity", "signature.missing=fatal", draft}, `--severity: the severity of signature.missing is error, warning or info, not "fatal"`},
		{[]string{"mou", "check", "--severity", "nope=info", draft}, `--severity: no rule has the code "nope"`},
		{[]string{"mou", "check", "--mission-words", "-4", draft}, "--mission-words: the most words in a mission statement is a whole number of 1 or more (0 means 50), not -4"},
		{[]string{"mou", "check", "--mission-words", "0", draft}, "--mission-words: give a whole number of 1 or more"},
		{[]string{"mou", "check", "--mission-words", "many", draft}, `invalid value "many" for flag -mission-words`},
		{[]string{"check", "--hub-schools", "-1", draft}, "partnerkit check: --hub-schools:"},
		{[]string{"evaluate", "score", "--framework", miniFramework, "--low-coverage", "1.5", lead}, "partnerkit evaluate score: --low-coverage: lowCoverage is a share of the questions from 0 to 1"},
		{[]string{"evaluate", "score", "--framework", miniFramework, "--review-gap", "0", lead}, "--review-gap: give a number above 0"},
		{[]string{"evaluate", "score", "--framework", miniFramework, "--off", "review.gpa", lead}, `--off: no flag has the code "review.gpa"`},
		{[]string{"evaluate", "progress", "--on-track-margin", "0.5", evalData + "indicators.json"}, "--at-risk-margin: the at-risk margin (0.25) is below the on-track margin (0.5)"},
		{[]string{"evaluate", "readiness", "--stage", "grow", lead}, `--stage is build, embed or sustain, not "grow"`},
		{[]string{"serve", "--anonymity-threshold", "0"}, "--anonymity-threshold is a number of respondents, 1 or more"},
		{[]string{"serve", "--disagree-spread", "101"}, "partnerkit serve: --disagree-spread: disagreeSpread is a number of points from 0 to 100"},
		{[]string{"serve", "--off", "review.gpa"}, `partnerkit serve: --off: no flag has the code "review.gpa"`},
		{[]string{"serve", "--on-track-margin", "0.5"}, "partnerkit serve: --at-risk-margin: the at-risk margin (0.25) is below the on-track margin (0.5)"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := cliRun(t, "", tt.args...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.says)
		})
	}
}

type scoresJSON struct {
	Results []struct {
		File  string            `json:"file"`
		Flags []evaluation.Flag `json:"flags"`
	} `json:"results"`
	Combined *struct {
		Flags []evaluation.Flag `json:"flags"`
	} `json:"combined"`
	Options *evaluation.Options `json:"options"`
}

func (s scoresJSON) count(code string) int {
	n := 0
	for _, r := range s.Results {
		for _, f := range r.Flags {
			if f.Code == code {
				n++
			}
		}
	}
	if s.Combined != nil {
		for _, f := range s.Combined.Flags {
			if f.Code == code {
				n++
			}
		}
	}
	return n
}

func (s scoresJSON) without(code string) scoresJSON {
	strip := func(fs []evaluation.Flag) []evaluation.Flag {
		out := []evaluation.Flag{}
		for _, f := range fs {
			if f.Code != code {
				out = append(out, f)
			}
		}
		return out
	}
	for i := range s.Results {
		s.Results[i].Flags = strip(s.Results[i].Flags)
	}
	if s.Combined != nil {
		s.Combined.Flags = strip(s.Combined.Flags)
	}
	s.Options = nil
	return s
}

// Each scoring option through evaluate score. The lead, governor and peer:
// shared goals spread 68.75 with a review gap of 50, governance 37.5 and
// 25; the partners 41.7 apart. The health-check lead covers 81%.
func TestEvaluateScoreOptions(t *testing.T) {
	three := []string{"--framework", miniFramework, lead, governor, peer}
	one := []string{"--framework", "partnership-health-check", evalData + "health-check-lead.json"}
	tests := []struct {
		files      []string
		flags      []string
		code       string
		byDef, got int
	}{
		{one, []string{"--low-coverage", "0.9"}, evaluation.FlagLowCoverage, 0, 1},
		{one, []string{"--low-coverage", "0.8"}, evaluation.FlagLowCoverage, 0, 0},
		{three, []string{"--disagree-spread", "40"}, evaluation.FlagDisagree, 2, 1},
		{three, []string{"--disagree-spread", "70"}, evaluation.FlagDisagree, 2, 0},
		{three, []string{"--review-gap", "30"}, evaluation.FlagReviewGap, 2, 1},
		{three, []string{"--review-gap", "25"}, evaluation.FlagReviewGap, 2, 2},
		{three, []string{"--imbalance-gap", "45"}, evaluation.FlagImbalance, 1, 0},
		{three, []string{"--off", "dimension.concern"}, evaluation.FlagConcern, 3, 0},
	}
	run := func(t *testing.T, args ...string) scoresJSON {
		code, out, errOut := cliRun(t, "", append([]string{"evaluate", "score", "--json"}, args...)...)
		require.Equal(t, exitOK, code, errOut)
		var s scoresJSON
		require.NoError(t, json.Unmarshal([]byte(out), &s), out)
		return s
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.flags, " "), func(t *testing.T) {
			def, got := run(t, tt.files...), run(t, append(tt.flags, tt.files...)...)
			assert.Nil(t, def.Options)
			require.NotNil(t, got.Options)
			assert.Equal(t, tt.byDef, def.count(tt.code))
			assert.Equal(t, tt.got, got.count(tt.code))
			assert.Equal(t, def.without(tt.code), got.without(tt.code), "only %s changes", tt.code)
		})
	}
	_, out, _ := cliRun(t, "", append([]string{"evaluate", "score", "--low-coverage", "0.9"}, one...)...)
	assert.Contains(t, out, "That is under 90%, so read these scores with care.")
	assert.Contains(t, out, "Options in force: --low-coverage 0.9.\n")
}

func TestEvaluateProgressOptions(t *testing.T) {
	file := evalData + "indicators.json" // ks2 on track by 0.017, absence off track by 0.272, mentors met, clubs at risk by 0.228
	tests := []struct {
		flags []string
		want  []evaluation.Status
	}{
		{nil, []evaluation.Status{"on-track", "off-track", "met", "at-risk"}},
		{[]string{"--at-risk-margin", "0.3"}, []evaluation.Status{"on-track", "at-risk", "met", "at-risk"}},
		{[]string{"--on-track-margin", "0.01"}, []evaluation.Status{"at-risk", "off-track", "met", "at-risk"}},
		{[]string{"--on-track-margin", "0.25"}, []evaluation.Status{"on-track", "off-track", "met", "on-track"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.flags, " "), func(t *testing.T) {
			code, out, errOut := cliRun(t, "", append(append([]string{"evaluate", "progress", "--json"}, tt.flags...), file)...)
			require.Equal(t, exitOK, code, errOut)
			var got struct {
				Indicators []evaluation.IndicatorProgress `json:"indicators"`
				Options    *evaluation.Options            `json:"options"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			var statuses []evaluation.Status
			for _, p := range got.Indicators {
				statuses = append(statuses, p.Status)
			}
			assert.Equal(t, tt.want, statuses)
			assert.Equal(t, tt.flags == nil, got.Options == nil)
		})
	}
}
