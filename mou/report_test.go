package mou_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/mou"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFindingsAreCappedPerCode checks thousands of empty objectives: the
// report lists the first MaxFindingsPerCode of each code, then one
// findings.truncated finding that counts the rest.
func TestFindingsAreCappedPerCode(t *testing.T) {
	const n = 5000
	doc := `{"objectives": [` + strings.Repeat(`{}, `, n-1) + `{}]}`
	r := mou.Check([]byte(doc))
	require.False(t, r.Valid)

	counts := map[string]int{}
	var truncated []finding.Finding
	for _, f := range r.Findings {
		counts[f.Code]++
		if f.Code == mou.CodeTruncated {
			truncated = append(truncated, f)
		}
	}
	for code, c := range counts {
		if code != mou.CodeTruncated {
			assert.LessOrEqual(t, c, mou.MaxFindingsPerCode, code)
		}
	}
	assert.Equal(t, mou.MaxFindingsPerCode, counts["objective.no-activity"])
	require.NotEmpty(t, truncated)

	// The summary of objective.no-activity: its severity, the path of the
	// first left out, and the count of the rest, right after the last kept.
	var summary finding.Finding
	kept := 0
	for _, f := range r.Findings {
		switch {
		case f.Code == "objective.no-activity":
			kept++
		case f.Code == mou.CodeTruncated && strings.Contains(f.Message, " objective.no-activity "):
			summary = f
			assert.Equal(t, mou.MaxFindingsPerCode, kept, "the summary follows the findings it stands for")
		}
	}
	assert.Equal(t, finding.Warning, summary.Severity)
	assert.Equal(t, "/objectives/20", summary.Path)
	assert.Equal(t, "And 4,980 more objective.no-activity findings like the ones above are not listed: put those right, then check again.", summary.Message)
	assert.Less(t, len(r.Findings), 200)
}

// TestValidCountsTheFindingsLeftOut: a report is not valid when an error
// was left out, and is when only warnings were.
func TestValidCountsTheFindingsLeftOut(t *testing.T) {
	r := mou.Check([]byte(`{"objectives": [` + strings.Repeat(`{}, `, 30) + `{}]}`))
	assert.False(t, r.Valid)
	assert.True(t, r.Has(mou.CodeTruncated))
}

func TestFewFindingsAreNotCapped(t *testing.T) {
	r := mou.Check([]byte(`{"objectives": [{}, {}]}`))
	assert.False(t, r.Has(mou.CodeTruncated))
	assert.NotEmpty(t, r.Findings)
}

// TestLongMessagesAreClipped: a message that quotes a long id is cut
// short, at a character boundary, so that the report does not repeat the
// document.
func TestLongMessagesAreClipped(t *testing.T) {
	id := strings.Repeat("é", 5000)
	r := mou.Check([]byte(`{"objectives": [{"id": "` + id + `"}]}`))
	require.NotEmpty(t, r.Findings)
	clipped := 0
	for _, f := range r.Findings {
		assert.LessOrEqual(t, len(f.Message), mou.MaxMessageBytes, f.Code)
		assert.True(t, utf8.ValidString(f.Message), f.Code)
		if strings.HasSuffix(f.Message, "…") {
			clipped++
		}
	}
	assert.Positive(t, clipped)

	assert.Equal(t, "short.", mou.ClipMessage("short."))
	long := strings.Repeat("a", mou.MaxMessageBytes-2) + "éé"
	got := mou.ClipMessage(long)
	assert.LessOrEqual(t, len(got), mou.MaxMessageBytes)
	assert.Equal(t, strings.Repeat("a", mou.MaxMessageBytes-3)+"…", got)
	mid := strings.Repeat("a", mou.MaxMessageBytes-4) + "ééé"
	assert.Equal(t, strings.Repeat("a", mou.MaxMessageBytes-4)+"…", mou.ClipMessage(mid), "not inside a character")
	exact := strings.Repeat("a", mou.MaxMessageBytes)
	assert.Equal(t, exact, mou.ClipMessage(exact))
}
