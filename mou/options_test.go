package mou

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// words returns a mission statement of n words.
func words(n int) string { return strings.TrimSpace(strings.Repeat("pupils ", n)) }

// withSchools gives the contract MOU's hub n schools, each with a lead.
func withSchools(n int) func(map[string]any) {
	return func(doc map[string]any) {
		p := doc["partnership"].(map[string]any)
		var partners, leads []any
		for i := range n {
			id := "s" + string(rune('a'+i))
			partners = append(partners, map[string]any{"id": id, "name": "School " + id, "type": "school", "role": map[bool]string{true: "lead", false: "member"}[i == 0]})
			leads = append(leads, map[string]any{"partner": id, "name": "Lead " + id, "email": id + "@school.example"})
		}
		p["partners"], p["leads"] = partners, leads
		delete(doc, "signatures")
		delete(doc, "activities")
		delete(doc, "governance")
		delete(doc, "finance")
	}
}

func others(r *Report, code string) []finding.Finding {
	var out []finding.Finding
	for _, f := range r.Findings {
		if f.Code != code {
			out = append(out, f)
		}
	}
	return out
}

func find(r *Report, code string) (finding.Finding, bool) {
	for _, f := range r.Findings {
		if f.Code == code {
			return f, true
		}
	}
	return finding.Finding{}, false
}

// Each option: the default is today's behaviour, and a changed value
// changes its rule's findings and nothing else.
func TestOptionsThresholds(t *testing.T) {
	tests := []struct {
		name   string
		change func(map[string]any)
		opts   Options
		code   string
		byDef  bool   // the code fires with the defaults
		with   bool   // … and with opts
		says   string // with opts, the message says
	}{
		{"51 words fire by default, not under 60", func(d map[string]any) { d["missionStatement"] = words(51) }, Options{MissionWords: 60}, "mission.too-long", true, false, ""},
		{"50 words pass by default", func(d map[string]any) { d["missionStatement"] = words(50) }, Options{MissionWords: 50}, "mission.too-long", false, false, ""},
		{"45 words fire over 40", func(d map[string]any) { d["missionStatement"] = words(45) }, Options{MissionWords: 40}, "mission.too-long", false, true, "45 words; shorten it to 40 or fewer"},
		{"41 words fire over 40", func(d map[string]any) { d["missionStatement"] = words(41) }, Options{MissionWords: 40}, "mission.too-long", false, true, ""},
		{"6 schools fire by default, not under 6", withSchools(6), Options{HubSchools: 6}, "model.hub-too-large", true, false, ""},
		{"5 schools pass by default", withSchools(5), Options{HubSchools: 5}, "model.hub-too-large", false, false, ""},
		{"4 schools fire over 3", withSchools(4), Options{HubSchools: 3}, "model.hub-too-large", false, true, "has 4 schools; the model works best with no more than 3"},
		{"3 schools pass under 3", withSchools(3), Options{HubSchools: 3}, "model.hub-too-large", false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := contractDoc(t)
			tt.change(doc)
			def := CheckValue(doc)
			zero, err := Options{}.CheckValue(doc)
			require.NoError(t, err)
			assert.Equal(t, def, zero, "the zero Options are the defaults")
			assert.Nil(t, def.Options, "a report with the defaults names no options")
			got, err := tt.opts.CheckValue(doc)
			require.NoError(t, err)
			assert.Equal(t, tt.byDef, def.Has(tt.code), "with the defaults")
			assert.Equal(t, tt.with, got.Has(tt.code), "with %+v", tt.opts)
			assert.Equal(t, others(def, tt.code), others(got, tt.code), "the option changes only %s", tt.code)
			if tt.says != "" {
				f, _ := find(got, tt.code)
				assert.Contains(t, f.Message, tt.says)
			}
			require.NotNil(t, got.Options)
			assert.Equal(t, tt.opts.Resolved(), *got.Options)
		})
	}
}

func TestOptionsRuleSettings(t *testing.T) {
	unsigned := func(d map[string]any) { delete(d, "signatures") }
	tests := []struct {
		name   string
		change func(map[string]any)
		opts   Options
		code   string
		sev    finding.Severity // with opts; ignored when off
		off    bool
		valid  bool // the report with opts is valid
	}{
		{"signature.missing off for drafts", unsigned, Options{Off: []string{"signature.missing"}}, "signature.missing", 0, true, true},
		{"signature.missing made an error", unsigned, Options{Severity: map[string]finding.Severity{"signature.missing": finding.Error}}, "signature.missing", finding.Error, false, false},
		{"signature.missing made info", unsigned, Options{Severity: map[string]finding.Severity{"signature.missing": finding.Info}}, "signature.missing", finding.Info, false, true},
		{"a partnership rule made info", withSchools(6), Options{Severity: map[string]finding.Severity{"model.hub-too-large": finding.Info}}, "model.hub-too-large", finding.Info, false, false},
		{"an error switched off makes the MOU valid", func(d map[string]any) { delete(d, "alterations") }, Options{Off: []string{"alterations.missing"}}, "alterations.missing", 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := contractDoc(t)
			tt.change(doc)
			def := CheckValue(doc)
			require.True(t, def.Has(tt.code), "the rule fires with the defaults")
			got, err := tt.opts.CheckValue(doc)
			require.NoError(t, err)
			assert.Equal(t, tt.valid, got.Valid)
			assert.Equal(t, others(def, tt.code), others(got, tt.code), "only %s changes", tt.code)
			if tt.off {
				assert.False(t, got.Has(tt.code))
				return
			}
			for i, f := range def.Findings {
				if f.Code == tt.code {
					f.Severity = tt.sev
					assert.Equal(t, f, got.Findings[i])
				}
			}
		})
	}
}

// The cap on findings of one code takes the severity the options give.
func TestOptionsSeverityCapped(t *testing.T) {
	doc := contractDoc(t)
	var objectives []any
	for range MaxFindingsPerCode + 5 {
		objectives = append(objectives, map[string]any{"id": "", "statement": "x"})
	}
	doc["objectives"] = objectives
	got, err := Options{Severity: map[string]finding.Severity{"objective.not-specific": finding.Warning}}.CheckValue(doc)
	require.NoError(t, err)
	n := 0
	for _, f := range got.Findings {
		if f.Code == CodeTruncated && strings.Contains(f.Message, "objective.not-specific") {
			assert.Equal(t, finding.Warning, f.Severity)
			n++
		}
		if f.Code == "objective.not-specific" {
			assert.Equal(t, finding.Warning, f.Severity)
		}
	}
	assert.Equal(t, 1, n)
}

func TestOptionsInvalid(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		option string
		says   string
	}{
		{"negative words", Options{MissionWords: -1}, "/missionWords", "not -1"},
		{"negative schools", Options{HubSchools: -3}, "/hubSchools", "not -3"},
		{"unknown code off", Options{Off: []string{"signature.missing", "signature.misisng"}}, "/off/1", `no rule has the code "signature.misisng"`},
		{"unknown code severity", Options{Severity: map[string]finding.Severity{"nope": finding.Info}}, "/severity/nope", `no rule has the code "nope"`},
		{"schema cannot be off", Options{Off: []string{"schema"}}, "/off/0", "cannot be changed"},
		{"syntax cannot change", Options{Severity: map[string]finding.Severity{"syntax": finding.Info}}, "/severity/syntax", "cannot be changed"},
		{"truncated cannot change", Options{Off: []string{CodeTruncated}}, "/off/0", "cannot be changed"},
		{"no such severity", Options{Severity: map[string]finding.Severity{"signature.missing": 9}}, "/severity/signature.missing", "is not a severity"},
		{"off and a severity", Options{Off: []string{"legally-binding"}, Severity: map[string]finding.Severity{"legally-binding": finding.Info}}, "/severity/legally-binding", "switched off"},
	}
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			var oe *partnership.OptionError
			require.True(t, errors.As(err, &oe), "%v", err)
			assert.Equal(t, tt.option, oe.Option)
			assert.Contains(t, err.Error(), tt.says)
			r, err2 := tt.opts.Check(data)
			assert.Nil(t, r)
			assert.Equal(t, err, err2)
			r, err2 = tt.opts.CheckValue(contractDoc(t))
			assert.Nil(t, r)
			assert.Equal(t, err, err2)
		})
	}
}

// The defaults give today's reports for every example, and a report names
// the options in force in its JSON.
func TestOptionsReport(t *testing.T) {
	for _, path := range []string{contractMOU, planMOU, tocMOU, "../examples/data/mou-coastal-draft.json"} {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		r, err := Options{}.Check(data)
		require.NoError(t, err)
		assert.Equal(t, Check(data), r, path)
	}
	r, err := Options{}.Check([]byte(`{"title": "x",}`))
	require.NoError(t, err)
	assert.Equal(t, Check([]byte(`{"title": "x",}`)), r)
	data, err := os.ReadFile("../examples/data/mou-coastal-draft.json")
	require.NoError(t, err)
	r, err = Options{MissionWords: 60, Off: []string{"signature.missing", "legally-binding", "signature.missing"}}.Check(data)
	require.NoError(t, err)
	b, err := json.Marshal(r.Options)
	require.NoError(t, err)
	assert.JSONEq(t, `{"missionWords": 60, "hubSchools": 5, "off": ["legally-binding", "signature.missing"]}`, string(b))
	assert.False(t, r.Has("mission.too-long"))
	assert.False(t, r.Has("signature.missing"))
	r, err = Options{Severity: map[string]finding.Severity{"finance.mismatch": finding.Info}}.Check([]byte(`{`))
	require.NoError(t, err)
	assert.True(t, r.Has("syntax"))
	require.NotNil(t, r.Options, "a report of malformed JSON names the options too")
	b, err = json.Marshal(r.Options)
	require.NoError(t, err)
	assert.JSONEq(t, `{"missionWords": 50, "hubSchools": 5, "severity": {"finance.mismatch": "info"}}`, string(b))
}
