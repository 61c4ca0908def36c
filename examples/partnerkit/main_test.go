package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	riverside = "../data/mou-evaluation-plan.json" // the contract MOU with a full evaluation plan: no finding
	draft     = "../data/mou-coastal-draft.json"
)

// cliRun runs the command in-process and returns its exit status and output.
func cliRun(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

func TestMOUCheck(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdout   string // a part of standard output
		stderr   string // a part of standard error
		goldenAs string
	}{
		{name: "valid", args: []string{"mou", "check", riverside}, code: 0, stdout: "mou-evaluation-plan.json: valid, nothing to report"},
		{name: "draft with problems", args: []string{"mou", "check", draft}, code: 1, goldenAs: "mou-check-draft"},
		{name: "valid and invalid together", args: []string{"mou", "check", riverside, draft}, code: 1, stdout: "mou-coastal-draft.json: not valid (7 errors, 13 warnings, 2 suggestions)"},
		{name: "stdin", stdin: "{\"title\": 1,}", args: []string{"mou", "check", "-"}, code: 1, stdout: "<stdin>: not valid (1 error)"},
		{name: "malformed JSON gives line and column", stdin: "{\n  \"title\": \"x\"\n  \"term\": {}\n}", args: []string{"mou", "check", "-"}, code: 1, stdout: "The document is not valid JSON at line 3, column 3"},
		{name: "missing file", args: []string{"mou", "check", "nope.json"}, code: 2, stderr: "partnerkit: mou check: open nope.json: no such file or directory"},
		{name: "missing file among good ones", args: []string{"mou", "check", riverside, "nope.json"}, code: 2, stdout: "valid, nothing to report"},
		{name: "no files", args: []string{"mou", "check"}, code: 2, stderr: "name at least one FILE"},
		{name: "stdin twice", stdin: "{}", args: []string{"mou", "check", "-", "-"}, code: 2, stderr: "standard input (-) can be read only once"},
		{name: "help", args: []string{"mou", "check", "--help"}, code: 0, stdout: "Exit status: 0 when every MOU is valid"},
		{name: "bad flag", args: []string{"mou", "check", "--jsn", riverside}, code: 2, stderr: "flag provided but not defined: -jsn"},
		{name: "mou help", args: []string{"mou", "--help"}, code: 0, stdout: "partnerkit mou check [--json] FILE..."},
		{name: "mou without command", args: []string{"mou"}, code: 2, stderr: "Usage:"},
		{name: "unknown mou command", args: []string{"mou", "render"}, code: 2, stderr: `unknown command "render"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code, "exit status; stderr: %s", stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
			if tt.goldenAs != "" {
				golden(t, tt.goldenAs, stdout)
			}
		})
	}
}

func TestMOUCheckJSON(t *testing.T) {
	code, stdout, _ := cliRun(t, "", "mou", "check", riverside, "--json", draft)
	require.Equal(t, 1, code)
	var reports []struct {
		File     string `json:"file"`
		Valid    bool   `json:"valid"`
		Findings []struct {
			Code, Severity, Path, Message string
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &reports))
	require.Len(t, reports, 2)
	assert.Equal(t, riverside, reports[0].File)
	assert.True(t, reports[0].Valid)
	assert.NotNil(t, reports[0].Findings)
	assert.Empty(t, reports[0].Findings)
	assert.False(t, reports[1].Valid)
	assert.Len(t, reports[1].Findings, 22)
	first := reports[1].Findings[0]
	assert.Equal(t, "schema", first.Code)
	assert.Equal(t, "error", first.Severity)
	assert.Equal(t, "/objectives/0/deadline", first.Path)
	assert.Contains(t, stdout, `"path": "/partnership/partners/3"`)
	golden(t, "mou-check-draft.json", stdout)
}

func TestSchemaCommand(t *testing.T) {
	code, stdout, _ := cliRun(t, "", "schema")
	require.Equal(t, 0, code)
	for _, name := range []string{"partnership", "mou", "framework", "assessment", "indicators", "effect", "defs"} {
		assert.Contains(t, stdout, name)
	}
	assert.Contains(t, stdout, "Memorandum of Understanding")

	code, stdout, _ = cliRun(t, "", "schema", "mou")
	require.Equal(t, 0, code)
	var s map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &s))
	assert.Equal(t, "https://partnerkit.github.io/schemas/v1/mou.json", s["$id"])

	code, _, stderr := cliRun(t, "", "schema", "contract")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `no schema is called "contract"`)

	code, stdout, _ = cliRun(t, "", "schema", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "partnerkit schema NAME")
}

func TestTopLevel(t *testing.T) {
	code, _, stderr := cliRun(t, "")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "Commands:")
	code, stdout, _ := cliRun(t, "", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, stdout, "mou        check Memoranda of Understanding")
	code, _, stderr = cliRun(t, "", "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, `unknown command "frobnicate"`)
}

// The built binary behaves as the in-process runs do: a user's view.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "partnerkit")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	cmd := exec.Command(bin, "mou", "check", "--json", "-")
	cmd.Stdin = strings.NewReader(mustRead(t, riverside))
	out, err = cmd.Output()
	require.NoError(t, err)
	assert.JSONEq(t, `[{"file":"<stdin>","valid":true,"findings":[]}]`, string(out))

	cmd = exec.Command(bin, "mou", "check", draft)
	out, err = cmd.Output()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 1, exit.ExitCode())
	assert.Contains(t, string(out), "Cliff Top Primary has not signed yet")
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}
