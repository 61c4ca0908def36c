package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyAssessments writes n assessments of the mini framework, one
// partnership, each its own file, and returns their names.
func manyAssessments(tb testing.TB, n int) []string {
	tb.Helper()
	dir := tb.TempDir()
	names := make([]string, n)
	for i := range names {
		names[i] = filepath.Join(dir, fmt.Sprintf("a%05d.json", i))
		doc := fmt.Sprintf(`{"framework": "mini-health-check", "frameworkVersion": "1.0.0", "partnership": "3f0e8f5e-4a8b-4b8e-9a59-2f1f7c1d9a10",
  "respondent": {"partner": "p%d", "review": "self"}, "answers": {"sg1": %d, "sg2": 3, "sg3": 2, "gv1": 2, "gv2": null}}`, i%7, 1+i%5)
		require.NoError(tb, os.WriteFile(names[i], []byte(doc), 0o644))
	}
	return names
}

// heapWatcher is standard output that notes the live heap, after a
// collection, when the first result has been written and when the last
// has.
type heapWatcher struct {
	bytes.Buffer
	results, at int
	writes      int // writes that carried a result
	first, last uint64
}

func (w *heapWatcher) Write(p []byte) (int, error) {
	k := bytes.Count(p, []byte(`"file":`))
	w.results += k
	if k > 0 {
		w.writes++
	}
	if w.results >= 1 && w.first == 0 || w.results == w.at && w.last == 0 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if w.first == 0 {
			w.first = m.HeapAlloc
		} else {
			w.last = m.HeapAlloc
		}
	}
	if w.Len() < 1<<16 {
		w.Buffer.Write(p) // the start, to check the shape
	}
	return len(p), nil
}

// evaluate score --json streams: each file is printed as it is scored and
// only the combination is kept, so the live heap after the last of 4,000
// files is about what it was after the first. Keeping every score, as the
// command once did, grows it by several megabytes.
func TestEvaluateScoreStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 4,000 files")
	}
	const n = 4000
	names := manyAssessments(t, n)
	w := &heapWatcher{at: n}
	code := run(append([]string{"evaluate", "score", "--json", "--framework", miniFramework}, names...), strings.NewReader(""), w, io.Discard)
	require.Equal(t, 0, code)
	require.Equal(t, n, w.results)
	require.Equal(t, n, w.writes, "each result is written as its file is scored, not all at the end")
	require.NotZero(t, w.last)
	growth := int64(w.last) - int64(w.first)
	t.Logf("live heap after the first result %d KiB, after the last %d KiB", w.first>>10, w.last>>10)
	assert.Less(t, growth, int64(1<<20), "the live heap grew by %d KiB over %d files", growth>>10, n)
	assert.True(t, strings.HasPrefix(w.String(), "{\n  \"results\": [\n    {\n      \"file\": "), "%.200s", w.String())
}

// The streamed JSON is one document: results in order, and the
// combination of all of them.
func TestEvaluateScoreStreamedJSON(t *testing.T) {
	names := manyAssessments(t, 3)
	code, stdout, stderr := evalRun(t, "", append([]string{"evaluate", "score", "--json", "--framework", miniFramework}, names...)...)
	require.Equal(t, 0, code, stderr)
	var got struct {
		Results []struct {
			File string `json:"file"`
		} `json:"results"`
		Combined struct {
			Respondents int `json:"respondents"`
		} `json:"combined"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &got), stdout)
	require.Len(t, got.Results, 3)
	for i, r := range got.Results {
		assert.Equal(t, names[i], r.File)
	}
	assert.Equal(t, 3, got.Combined.Respondents)
}

// BenchmarkEvaluateScoreJSON measures evaluate score --json over many
// files: B/op divided by the files is the memory each costs, which
// streaming keeps from adding up. Run with
// go test ./examples/partnerkit -run '^$' -bench EvaluateScoreJSON -benchmem
func BenchmarkEvaluateScoreJSON(b *testing.B) {
	for _, n := range []int{100, 1000} {
		names := manyAssessments(b, n)
		args := append([]string{"evaluate", "score", "--json", "--framework", miniFramework}, names...)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
					b.Fatal(code)
				}
			}
		})
	}
}
