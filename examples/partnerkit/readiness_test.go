package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const readyBuild = evalData + "readiness-build.json" // build Leading; embed and sustain in Early days

func TestEvaluateReadiness(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
		golden string
	}{
		{name: "stage ahead", args: []string{"--stage", "sustain", readyBuild}, golden: "readiness-sustain"},
		{name: "no stage", args: []string{readyBuild}, stdout: "Ready for the embed phase: build is complete."},
		{name: "stage where it can be", args: []string{"--stage", "embed", readyBuild}, stdout: "Stage: embed. The partnership is where its readiness says it can be.\n"},
		{name: "framework without phases", args: []string{"--framework", miniFramework, lead}, code: exitInvalid, stderr: `the framework "mini-health-check" has no phases`},
		{name: "assessment of another framework", args: []string{lead}, code: exitInvalid, stderr: "riverside-lead.json"},
		{name: "no files", args: []string{"--stage", "build"}, code: exitUsage, stderr: "name at least one ASSESSMENT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := cliRun(t, "", append([]string{"evaluate", "readiness"}, tt.args...)...)
			assert.Equal(t, tt.code, code, errOut)
			if tt.golden != "" {
				evalGolden(t, tt.golden, out)
			}
			assert.Contains(t, out, tt.stdout)
			assert.Contains(t, errOut, tt.stderr)
		})
	}
}

// --json prints what evaluation's Readiness gives, with each file, as the
// HTTP API answers.
func TestEvaluateReadinessJSON(t *testing.T) {
	f, ok := evaluation.Builtin(evaluation.PeerReviewReadiness)
	require.True(t, ok)
	data, err := os.ReadFile(readyBuild)
	require.NoError(t, err)
	a, err := evaluation.ParseAssessment(data)
	require.NoError(t, err)
	s, err := f.Score(a)
	require.NoError(t, err)
	for _, stage := range []partnership.Stage{"", partnership.StageBuild, partnership.StageEmbed, partnership.StageSustain} {
		t.Run(string(stage), func(t *testing.T) {
			want, err := f.Readiness(s, evaluation.ReadinessOptions{Stage: stage})
			require.NoError(t, err)
			args := []string{"evaluate", "readiness", "--json", readyBuild, readyBuild}
			if stage != "" {
				args = append(args, "--stage", string(stage))
			}
			code, out, errOut := cliRun(t, "", args...)
			require.Equal(t, exitOK, code, errOut)
			var got struct {
				Results []struct {
					File string `json:"file"`
					evaluation.Readiness
				} `json:"results"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &got), out)
			require.Len(t, got.Results, 2)
			for _, r := range got.Results {
				assert.Equal(t, readyBuild, r.File)
				assert.Equal(t, *want, r.Readiness)
			}
			assert.Equal(t, stage == partnership.StageSustain, len(want.Findings) == 1)
		})
	}
}
