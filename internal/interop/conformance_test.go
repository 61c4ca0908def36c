package interop

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/internal/corpus"
	"github.com/partnerkit/partnerkit/internal/testenv"
	"github.com/partnerkit/partnerkit/schemas"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type ajvVerdicts struct {
	Schemas []struct {
		Schema string `json:"schema"`
		Valid  bool   `json:"valid"`
		Errors string `json:"errors"`
	} `json:"schemas"`
	Documents []struct {
		File   string   `json:"file"`
		Schema string   `json:"schema"`
		Valid  bool     `json:"valid"`
		Errors []string `json:"errors"`
	} `json:"documents"`
}

func needNode(t *testing.T) {
	t.Helper()
	_, err := os.Stat("node_modules/ajv")
	if err == nil {
		_, err = exec.LookPath("node")
	}
	if err != nil {
		testenv.Missing(t, testenv.Interop, fmt.Sprintf("ajv cannot run (%v): run npm ci in interop/", err))
	}
}

// Every corpus document gets the same verdict from partnerkit's engine in
// Go and from ajv in Node, and every schema is valid against the 2020-12
// metaschema in ajv.
func TestConformanceWithAjv(t *testing.T) {
	needNode(t)
	seeds, err := corpus.LoadSeeds("../..")
	require.NoError(t, err)
	// Every variant, not a sample: it takes a second or two.
	docs, err := corpus.Generate(seeds, corpus.Options{PerSeed: -1})
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(docs), 300)
	dir := t.TempDir()
	require.NoError(t, corpus.Write(dir, docs))

	cmd := exec.Command("node", "ajv.mjs", "verdicts", filepath.Join(dir, "manifest.json"))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	require.NoError(t, err)
	var ajv ajvVerdicts
	require.NoError(t, json.Unmarshal(out, &ajv))

	require.Len(t, ajv.Schemas, len(schemas.Names()))
	for _, s := range ajv.Schemas {
		assert.True(t, s.Valid, "ajv: schema %s breaks the 2020-12 metaschema: %s", s.Schema, s.Errors)
	}
	// jsonschema/v6 checks each against the metaschema too, in package
	// schemas' tests (requireOracle).
	require.NoError(t, schemas.Precompile(), "partnerkit's engine compiles every schema")

	require.Len(t, ajv.Documents, len(docs))
	agree, valid := 0, 0
	var disagreements []string
	for i, d := range docs {
		a := ajv.Documents[i]
		require.Equal(t, d.File, a.File)
		doc, err := schemas.Decode(d.Data)
		require.NoError(t, err, d.File)
		vs := schemas.MustLookup(d.Schema).Validate(doc)
		goValid := len(vs) == 0
		if goValid == a.Valid {
			agree++
			if goValid {
				valid++
			}
			continue
		}
		var goMsgs []string
		for _, v := range vs {
			goMsgs = append(goMsgs, v.String())
		}
		disagreements = append(disagreements, strings.Join([]string{
			d.File + " (" + d.Mutation + " at " + d.Path + ")",
			"  document: " + string(d.Data),
			"  partnerkit: " + verdict(goValid) + " " + strings.Join(goMsgs, "; "),
			"  ajv:        " + verdict(a.Valid) + " " + strings.Join(a.Errors, "; "),
		}, "\n"))
	}
	t.Logf("%d documents (%d valid, %d invalid); %d agree", len(docs), valid, agree-valid, agree)
	assert.Empty(t, disagreements, "partnerkit and ajv disagree on %d documents:\n%s", len(disagreements), strings.Join(disagreements, "\n\n"))
	assert.Positive(t, valid, "the corpus has valid documents")
	assert.Positive(t, agree-valid, "the corpus has invalid documents")
}

func verdict(valid bool) string {
	if valid {
		return "valid"
	}
	return "invalid"
}
