package finding

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSeverityText(t *testing.T) {
	tests := []struct {
		sev  Severity
		name string
	}{{Error, "error"}, {Warning, "warning"}, {Info, "info"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.sev.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.name, string(b))
			var back Severity
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, tt.sev, back)
		})
	}
	_, err := Severity(9).MarshalText()
	require.Error(t, err, "a severity beyond info does not marshal")
	assert.Equal(t, "Severity(9)", Severity(9).String())
	var s Severity
	require.Error(t, s.UnmarshalText([]byte("fatal")))
}

// The zero Severity is an error: a finding built without one counts
// against the document and says so in JSON.
func TestZeroSeverityIsError(t *testing.T) {
	var f Finding
	assert.False(t, Valid([]Finding{f}))
	b, err := json.Marshal(Finding{Code: "x", Path: "/a", Message: "Fix it."})
	require.NoError(t, err)
	assert.JSONEq(t, `{"code": "x", "severity": "error", "path": "/a", "message": "Fix it."}`, string(b))
}

func TestFindingString(t *testing.T) {
	f := Finding{Code: "lead.missing", Severity: Warning, Path: "/partners/1", Message: "Name a lead."}
	assert.Equal(t, "warning partners[1]: Name a lead. (lead.missing)", f.String())
}

func TestValidAndPrefixed(t *testing.T) {
	fs := []Finding{{Code: "a", Severity: Warning, Path: "/x"}, {Code: "b", Severity: Info, Path: ""}}
	assert.True(t, Valid(fs))
	assert.Equal(t, []string{"/p/x", "/p"}, []string{Prefixed(fs, "/p")[0].Path, fs[1].Path})
	assert.False(t, Valid(append(fs, Finding{Severity: Error})))
}

func TestTable(t *testing.T) {
	tab := NewTable(
		Rule{Code: "a.one", Severity: Warning, When: "one"},
		Rule{Code: "b.two", Severity: Info, When: "two"},
		Rule{Code: "findings.truncated", Severity: Error, Inherits: true, When: "more than the cap"},
	)
	rules := tab.Rules()
	require.Len(t, rules, 3)
	rules[0].Severity = Error
	assert.Equal(t, Warning, tab.Severity("a.one"), "Rules returns a copy")
	assert.Equal(t, "as the code it stands for", rules[2].SeverityText())
	assert.Equal(t, "info", rules[1].SeverityText())
	r, ok := tab.Lookup("b.two")
	assert.True(t, ok)
	assert.Equal(t, "two", r.When)
	_, ok = tab.Lookup("c")
	assert.False(t, ok)

	assert.PanicsWithValue(t, "finding: two rules have the code a", func() { NewTable(Rule{Code: "a"}, Rule{Code: "a"}) })
}

func TestListAdd(t *testing.T) {
	l := NewList(NewTable(Rule{Code: "a.one", Severity: Warning}))
	l.Add("a.one", "/x/0", "Item %d needs a name.", 1)
	l.Add("a.one", "/y", "All 100%% sure.")
	assert.Equal(t, []Finding{
		{Code: "a.one", Severity: Warning, Path: "/x/0", Message: "Item 1 needs a name."},
		{Code: "a.one", Severity: Warning, Path: "/y", Message: "All 100% sure."},
	}, l.Findings)
	// In a test binary an unknown code is a panic, so that a test finds it.
	assert.PanicsWithValue(t, "finding: no rule has the code z.unknown", func() { l.Add("z.unknown", "", "x") })
}

// Moved from package partnership with the type.
func TestSeverityTextMoved(t *testing.T) {
	for _, s := range []Severity{Info, Warning, Error} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back Severity
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	assert.Equal(t, "error", Error.String())
	assert.Equal(t, "Severity(9)", Severity(9).String())
	_, err := Severity(9).MarshalText()
	assert.Error(t, err)
	var s Severity
	assert.ErrorContains(t, s.UnmarshalText([]byte("fatal")), `"fatal" is not a severity`)
}

func TestFindingMoved(t *testing.T) {
	f := Finding{Code: "lead.missing", Severity: Error, Path: "/partnership/partners/1", Message: "Name a lead."}
	assert.Equal(t, "error partnership.partners[1]: Name a lead. (lead.missing)", f.String())
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"lead.missing","severity":"error","path":"/partnership/partners/1","message":"Name a lead."}`, string(b))
	assert.False(t, Valid([]Finding{f}))
	assert.True(t, Valid([]Finding{{Severity: Warning}}))
	assert.True(t, Valid(nil))
	assert.Equal(t, "/partnership/partners/1", Prefixed([]Finding{{Path: "/partners/1"}}, "/partnership")[0].Path)
}
