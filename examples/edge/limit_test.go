package main

import (
	"flag"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/partnerkit/partnerkit/api"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite worker.mjs's copy of the handler's body limit")

// worker.mjs reads bodies itself and never hands Go one over the
// handler's limit, so it must know the limit before Go is running: its
// MAX_BODY_BYTES is written from api.DefaultMaxBodyBytes, the one source
// (main.go keeps the default), by this test with -update, and this test
// fails when the two differ:
//
//	go test ./examples/edge/ -run BodyLimit -update
func TestWorkerBodyLimitIsTheHandlers(t *testing.T) {
	const file = "worker.mjs"
	src, err := os.ReadFile(file)
	require.NoError(t, err)
	line := regexp.MustCompile(`(?m)^const MAX_BODY_BYTES = (.*);$`)
	m := line.FindSubmatchIndex(src)
	require.NotNil(t, m, "%s declares no MAX_BODY_BYTES", file)
	want := strconv.Itoa(api.DefaultMaxBodyBytes)
	if got := string(src[m[2]:m[3]]); got != want && *update {
		out := append(append(append([]byte{}, src[:m[2]]...), want...), src[m[3]:]...)
		require.NoError(t, os.WriteFile(file, out, 0o644))
		src = out
	}
	m = line.FindSubmatchIndex(src)
	require.Equal(t, want, string(src[m[2]:m[3]]), "%s's MAX_BODY_BYTES is not api.DefaultMaxBodyBytes: run this test with -update", file)
	main, err := os.ReadFile("main.go")
	require.NoError(t, err)
	require.NotContains(t, string(main), "MaxBodyBytes", "main.go must keep the handler's default body limit, which worker.mjs copies")
}
