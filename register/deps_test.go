package register_test

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDependencies keeps package register free of HTTP and of SQLite:
// the HTTP layer stands on it, and the worker uses it over D1 without
// carrying modernc.org/sqlite.
func TestDependencies(t *testing.T) {
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	require.NoError(t, err)
	for dep := range strings.FieldsSeq(string(out)) {
		assert.NotEqual(t, "net/http", dep)
		assert.False(t, strings.HasPrefix(dep, "modernc.org/"), "register imports %s", dep)
	}
}
