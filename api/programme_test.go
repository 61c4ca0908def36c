//go:build !js

package api_test

import (
	"net/http"
	"testing"

	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/stretchr/testify/require"
)

// TestProgrammeSharedCases runs the programme view's shared HTTP cases
// against the handler on a SQLite register; the edge worker's tests run
// the same cases on D1.
func TestProgrammeSharedCases(t *testing.T) {
	_, url, admin := registerServer(t, apitest.Options())
	_, err := apitest.RunProgramme(http.DefaultClient, url, admin)
	require.NoError(t, err)
}
