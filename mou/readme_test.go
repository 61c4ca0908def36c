package mou

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the README's generated sections")

// codesTable renders Rules as the README's Markdown table.
func codesTable() string {
	var b strings.Builder
	b.WriteString("| code | severity | fires when |\n| --- | --- | --- |\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", r.Code, r.SeverityText(), r.When)
	}
	return b.String()
}

func TestREADMECodesTable(t *testing.T) {
	const path = "../README.md"
	const start, end = "<!-- codes:start -->\n", "<!-- codes:end -->"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	readme := string(data)
	i, j := strings.Index(readme, start), strings.Index(readme, end)
	require.True(t, i >= 0 && j > i, "README.md has the codes markers")
	want := readme[:i+len(start)] + codesTable() + readme[j:]
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, readme, "the README's finding codes table is out of date: run go test ./mou -run TestREADME -update")
}
