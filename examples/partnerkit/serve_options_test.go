package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeOptionsReachTheRegister runs the register's shared cases on
// `partnerkit serve` with the default options, then serves the same file
// again with other thresholds: the round's report and the progress per
// outcome follow the flags, over HTTP, with nothing stored changed.
func TestServeOptionsReachTheRegister(t *testing.T) {
	db := filepath.Join(t.TempDir(), "partnerkit.db")
	addr, out, interrupt := serveCommand(t, "--db", db)
	m := adminLink.FindStringSubmatch(out.String())
	require.NotNil(t, m, out.String())
	vars, err := apitest.RunRegister(http.DefaultClient, "http://"+addr, m[1])
	require.NoError(t, err)
	before := reportOf(t, addr, vars)
	require.Equal(t, exitOK, interrupt())

	addr, _, interrupt = serveCommand(t, "--db", db, "--anonymity-threshold", "1",
		"--off", "respondents.disagree", "--disagree-spread", "0.5", "--on-track-margin", "0.9", "--at-risk-margin", "0.95")
	after := reportOf(t, addr, vars)
	require.Equal(t, exitOK, interrupt())

	assert.EqualValues(t, 3, before.Threshold)
	assert.EqualValues(t, 1, after.Threshold, "--anonymity-threshold")
	assert.Contains(t, before.codes(), "respondents.disagree", "the shared cases' answers disagree")
	assert.NotContains(t, after.codes(), "respondents.disagree", "--off")
	assert.Len(t, before.Withheld, 3)
	assert.Empty(t, after.Withheld, "with a threshold of 1, every partner's own figures show")
	assert.Len(t, after.Partners, 3)
	assert.NotContains(t, after.statuses(), "off-track", "--on-track-margin 0.9: everything within 90 points is on track")
	assert.Contains(t, before.statuses(), "off-track")
}

// roundReport is what the test reads of GET /v1/rounds/{id}/report.
type roundReport struct {
	Threshold float64 `json:"anonymityThreshold"`
	Combined  struct {
		Flags []struct {
			Code string `json:"code"`
		} `json:"flags"`
	} `json:"combined"`
	Partners []json.RawMessage `json:"partners"`
	Withheld []string          `json:"withheld"`
	Outcomes []struct {
		Indicators []struct {
			Status string `json:"status"`
		} `json:"indicators"`
		Status string `json:"status"`
	} `json:"outcomes"`
}

func (r roundReport) codes() []string {
	var out []string
	for _, f := range r.Combined.Flags {
		out = append(out, f.Code)
	}
	return out
}

func (r roundReport) statuses() []string {
	var out []string
	for _, o := range r.Outcomes {
		out = append(out, o.Status)
		for _, i := range o.Indicators {
			out = append(out, i.Status)
		}
	}
	return out
}

func reportOf(t *testing.T, addr string, vars map[string]string) roundReport {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/v1/rounds/"+vars["round"]+"/report", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+vars["coord"])
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, string(body))
	var r roundReport
	require.NoError(t, json.Unmarshal(body, &r), string(body))
	return r
}
