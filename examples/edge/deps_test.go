package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWorkerLeavesSQLiteOut keeps modernc.org/sqlite (register/sqlite)
// out of the worker, whose register is D1 (register/d1): it would add
// megabytes to a bundle that must stay under 3 MiB gzipped.
func TestWorkerLeavesSQLiteOut(t *testing.T) {
	for _, tags := range []string{"", "partnerkit_edgetest"} {
		cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "list", "-deps", "-tags", tags, ".")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		require.NoError(t, err)
		deps := strings.Fields(string(out))
		assert.Contains(t, deps, "github.com/partnerkit/partnerkit/register/d1", tags)
		for _, dep := range deps {
			assert.False(t, strings.HasPrefix(dep, "modernc.org/"), "the worker (%s) imports %s", tags, dep)
			assert.NotEqual(t, "github.com/partnerkit/partnerkit/register/sqlite", dep, tags)
			assert.False(t, strings.HasPrefix(dep, "github.com/santhosh-tekuri/jsonschema"), "the worker (%s) links the test oracle %s", tags, dep)
		}
	}
}
