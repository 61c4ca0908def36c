package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/register"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// optionsTable renders the options a programme can set as the README's
// Markdown table: each option's flag, with its default and usage as the
// command line has them, its Go field and its query parameter.
func optionsTable() string {
	var b strings.Builder
	b.WriteString("| option | Go | HTTP query | command line | default | what it sets |\n| --- | --- | --- | --- | --- | --- |\n")
	row := func(fs *flag.FlagSet, goField, endpoint, commands string) {
		fs.VisitAll(func(f *flag.Flag) {
			param := ""
			for p, name := range optionFlag {
				if name == f.Name {
					param = p
				}
			}
			def := f.DefValue
			if def == "" || def == "[]" {
				def = "none"
			}
			_, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(&b, "| `%s` | `%s.%s` | `?%s=` on %s | `--%s` on %s | %s | %s |\n", param, goField, goName(param), param, endpoint, f.Name, commands, def, usage)
		})
	}
	fs := flag.NewFlagSet("mou", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	mouOptionFlags(fs)
	row(fs, "mou.Options", "`/v1/mou/check`", "`mou check`, `check`")
	fs = flag.NewFlagSet("score", flag.ContinueOnError)
	scoreOptionFlags(fs)
	row(fs, "evaluation.Options", "`/v1/evaluations/score`, `score-groups`", "`evaluate score`; `serve`, for the register (`register.Options.Scoring`)")
	fs = flag.NewFlagSet("progress", flag.ContinueOnError)
	progressOptionFlags(fs)
	row(fs, "evaluation.Options", "`/v1/evaluations/progress`", "`evaluate progress`; `serve`, for the register")
	fmt.Fprintf(&b, "| `anonymityThreshold` | `register.Options.AnonymityThreshold` | (the server's own) | `--anonymity-threshold` on `serve` | %d | the fewest respondents a partner needs before the register's reports show its own figures |\n",
		register.DefaultAnonymityThreshold)
	return b.String()
}

// goName is an option's Go field: missionWords is MissionWords.
func goName(param string) string {
	if param == "" {
		return ""
	}
	return strings.ToUpper(param[:1]) + param[1:]
}

func TestREADMEOptionsTable(t *testing.T) {
	const path = "../../README.md"
	const start, end = "<!-- options:start -->\n", "<!-- options:end -->"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	readme := string(data)
	i, j := strings.Index(readme, start), strings.Index(readme, end)
	require.True(t, i >= 0 && j > i, "README.md has the options markers")
	want := readme[:i+len(start)] + optionsTable() + readme[j:]
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, readme, "the README's options table is out of date: run go test ./examples/partnerkit -run TestREADME -update")
}
