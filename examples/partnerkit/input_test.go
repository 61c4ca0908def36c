package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endless is standard input that never ends: the same byte for ever. It
// counts what is read of it.
type endless struct {
	b    byte
	read int64
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.b
	}
	e.read += int64(len(p))
	return len(p), nil
}

// TestInputLimit: a command reads at most --max-bytes of a file, and says
// which file broke which limit, with exit status 2.
func TestInputLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	require.NoError(t, os.WriteFile(big, []byte(`{"title": "`+strings.Repeat("x", 200)+`"}`), 0o644))
	values := filepath.Join(dir, "values.json")
	require.NoError(t, os.WriteFile(values, []byte(`{"objectives": [`+strings.Repeat("0,", 20_000)+`0]}`), 0o644))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{name: "a file over the limit", args: []string{"mou", "check", "--max-bytes", "100", big}, code: exitUsage,
			stderr: "partnerkit: mou check: " + big + " is larger than 100 bytes, the most partnerkit reads of one file: check a smaller file, or raise the limit with --max-bytes"},
		{name: "the limit raised", args: []string{"mou", "check", "--max-bytes", "1000", big}, code: exitInvalid, stdout: "big.json: not valid"},
		{name: "standard input over the limit", stdin: `{"title": "` + strings.Repeat("x", 2000) + `"}`, args: []string{"mou", "check", "--max-bytes", "1024", "-"}, code: exitUsage,
			stderr: "<stdin> is larger than 1 KiB"},
		{name: "exactly the limit", stdin: `{"title": "x"}`, args: []string{"mou", "check", "--max-bytes", "14", "-"}, code: exitInvalid, stdout: "<stdin>: not valid"},
		{name: "too many values", args: []string{"mou", "check", "--max-bytes", "1048576", values}, code: exitUsage, stderr: "values.json holds more than 20,000 JSON values"},
		{name: "more values with a higher limit", args: []string{"mou", "check", "--max-bytes", "2097152", values}, code: exitInvalid, stdout: "values.json: not valid"},
		{name: "an assessment over the limit", args: []string{"evaluate", "score", "--framework", "partnership-health-check", "--max-bytes", "100", big}, code: exitUsage, stderr: "is larger than 100 bytes"},
		{name: "indicators over the limit", args: []string{"evaluate", "progress", "--max-bytes", "100", big}, code: exitUsage, stderr: "is larger than 100 bytes"},
		{name: "a study over the limit", args: []string{"evaluate", "effect", "--max-bytes", "100", big}, code: exitUsage, stderr: "is larger than 100 bytes"},
		{name: "the limit is in the help", args: []string{"mou", "check", "--help"}, code: exitOK, stdout: "-max-bytes BYTES"},
		{name: "a byte order mark, then a bad character", stdin: "\uFEFF \n é and more", args: []string{"mou", "check", "-"}, code: exitInvalid,
			stdout: "The document is not valid JSON at line 2, column 2: unexpected 'é'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cliRun(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code, "stdout: %s\nstderr: %s", stdout, stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

// TestInputFailsEarly: a stream whose first byte cannot start JSON is
// reported at line 1, column 1 without being read to its end, and an
// endless stream of white space stops at the limit.
func TestInputFailsEarly(t *testing.T) {
	for _, tt := range []struct {
		name   string
		b      byte
		code   int
		stdout string
		stderr string
	}{
		{"NULs", 0, exitInvalid, `line 1, column 1: unexpected control character '\x00'`, ""},
		{"spaces", ' ', exitUsage, "", "<stdin> is larger than 16 MiB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := &endless{b: tt.b}
			var out, errOut bytes.Buffer
			code := run([]string{"mou", "check", "-"}, in, &out, &errOut)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut.String())
			assert.Contains(t, out.String(), tt.stdout)
			assert.Contains(t, errOut.String(), tt.stderr)
			assert.LessOrEqual(t, in.read, int64(defaultMaxBytes+64<<10), "bytes read")
			if tt.b == 0 {
				assert.LessOrEqual(t, in.read, int64(64<<10), "bytes read")
			}
		})
	}
}

// TestBinaryInputLimit runs the built binary on a file over --max-bytes and
// on a gigabyte-long stream of NULs: both end at once, with their exit
// status.
func TestBinaryInputLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "partnerkit")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)

	cmd := exec.Command(bin, "mou", "check", "--max-bytes", "1000", riverside)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, exitUsage, exit.ExitCode())
	assert.Contains(t, stderr.String(), "mou-evaluation-plan.json is larger than 1000 bytes")

	cmd = exec.Command(bin, "mou", "check", "-")
	cmd.Stdin = io.LimitReader(&endless{}, 1<<30)
	out, err = cmd.Output()
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, exitInvalid, exit.ExitCode())
	assert.Contains(t, string(out), "line 1, column 1")
}
