package mou

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/partnership"
)

// renderGolden compares got with testdata/render/name, or rewrites it
// with -update.
func renderGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "render", name)
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./mou -run TestRender -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs; run with -update if the change is intended", path)
}

func TestRenderGolden(t *testing.T) {
	contract, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	draft, err := os.ReadFile("../examples/data/mou-coastal-draft.json")
	require.NoError(t, err)
	plan, err := os.ReadFile(planMOU)
	require.NoError(t, err)
	toc, err := os.ReadFile(tocMOU)
	require.NoError(t, err)
	docs := map[string][]byte{
		"contract": contract,
		"plan":     plan,
		"toc":      toc,
		"draft":    draft,
		"empty":    []byte(`{}`),
		"none":     []byte(`{"partnership": {"name": "Bay Schools", "partners": [{"id": "a", "name": "Bay Primary"}]}, "finance": {"none": true}, "legallyBinding": true, "dissolution": {"noticeDays": 1}, "missionStatement": "Line one\nline two\n\nA second paragraph."}`),
	}
	for name, data := range docs {
		t.Run(name, func(t *testing.T) {
			m, err := Parse(data)
			require.NoError(t, err)
			for _, f := range []Format{HTML, Markdown} {
				out, err := Render(m, f)
				require.NoError(t, err)
				ext := map[Format]string{HTML: ".html", Markdown: ".md"}[f]
				renderGolden(t, name+ext, out)
			}
		})
	}
}

// TestRenderPartsInOrder holds Render to the guidance: the eight parts in
// its order, then a signature block for every partner.
func TestRenderPartsInOrder(t *testing.T) {
	m, err := Parse(mustRead(t, contractMOU))
	require.NoError(t, err)
	parts := []string{"Mission statement", "Aims and objectives", "Planned activities", "Monitoring and evaluation",
		"Partnership leads", "Governance and oversight", "Financial contributions", "Alterations and dissolution", "Signatures"}
	for _, f := range []Format{HTML, Markdown} {
		out, err := Render(m, f)
		require.NoError(t, err)
		s := string(out)
		last := 0
		for i, part := range parts {
			heading := part
			if i < 8 {
				heading = string(rune('1'+i)) + ". " + part
			}
			at := strings.Index(s, heading)
			require.GreaterOrEqual(t, at, 0, "%s: %q is missing", f, heading)
			assert.Greater(t, at, last, "%s: %q is out of order", f, heading)
			last = at
		}
		signatures := s[strings.Index(s, "Signatures"):]
		for _, who := range []string{"St Aidan's School", "Riverside Primary School", "University of Riverside"} {
			block := "### " + who
			if f == HTML {
				block = "<h3>" + strings.ReplaceAll(who, "'", "&#39;") + "</h3>"
			}
			assert.Contains(t, signatures, block, "%s: a signature block for %s", f, who)
		}
		assert.Contains(t, s, "16 July 2027")
		assert.Contains(t, s, "£8,000")
		assert.Contains(t, s, "from 62% to 75%")
	}
}

// TestRenderEscapes puts markup in every text the MOU has: none of it may
// survive as markup.
func TestRenderEscapes(t *testing.T) {
	const evil = `<img src=x onerror=alert(1)>"'&`
	m := &MOU{
		Title:            evil,
		MissionStatement: evil,
		Partnership: partnership.Partnership{
			Name:        evil,
			Description: evil,
			Partners:    []partnership.Partner{{ID: "a", Name: evil, URN: evil}},
			Leads:       []partnership.Lead{{Partner: "a", Name: evil, Role: evil, Email: evil, Phone: evil}},
		},
		Objectives:  []Objective{{ID: evil, Statement: evil, Measure: &Measure{Indicator: evil, Unit: evil}, YearGroups: []string{evil}, Subjects: []string{evil}}},
		Activities:  []Activity{{ID: "x", Title: evil, Description: evil, LedBy: "a", Objectives: []string{evil}, Frequency: evil}},
		Monitoring:  &Monitoring{Reporting: evil, DataProtection: &DataProtection{PersonalData: true, LawfulBasis: evil, Consent: evil, Sharing: evil, Retention: evil}},
		Governance:  &Governance{Body: evil, MeetingFrequency: evil, DecisionMaking: evil, Members: []Member{{Name: evil, Partner: evil, Role: evil}}},
		Finance:     &Finance{Currency: evil, Contributions: []Contribution{{Partner: evil, InKind: evil}}},
		Alterations: evil,
		Dissolution: &Dissolution{Process: evil},
		Signatures:  []Signature{{Partner: "a", Name: evil, Role: evil}, {Partner: evil, Name: evil}},
	}
	out, err := Render(m, HTML)
	require.NoError(t, err)
	assert.NotContains(t, string(out), "<img")
	assert.NotContains(t, string(out), `"'&<`)
	assert.Contains(t, string(out), "&lt;img src=x onerror=alert(1)&gt;&#34;&#39;&amp;")

	out, err = Render(m, Markdown)
	require.NoError(t, err)
	assert.NotRegexp(t, `(^|[^\\])[<&]`, string(out), "every < and & is escaped")
	assert.Contains(t, string(out), `\<img src=x onerror=alert(1)\>"'\&`)
}

func TestRenderMarkdownEscapes(t *testing.T) {
	tests := map[string]string{
		"*bold* _it_ [link](x) `code`": `\*bold\* \_it\_ \[link\](x) \` + "`code\\`",
		"# not a heading":              `\# not a heading`,
		"- not a list":                 `\- not a list`,
		"1. not a list":                `1\. not a list`,
		"a | b":                        `a \| b`,
		"plain, with - and 1.5":        "plain, with - and 1.5",
	}
	for in, want := range tests {
		assert.Equal(t, want, mdInline(in), in)
	}
}

func TestRenderErrors(t *testing.T) {
	_, err := Render(nil, HTML)
	assert.Error(t, err)
	_, err = Render(&MOU{}, Format(9))
	assert.ErrorIs(t, err, ErrFormat)
	assert.Equal(t, "Format(9)", Format(9).String())
	assert.Equal(t, "html", HTML.String())
	assert.Equal(t, "markdown", Markdown.String())
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return data
}

func ExampleRender() {
	m, err := Parse([]byte(`{
	  "missionStatement": "Together we widen access to specialist science teaching.",
	  "partnership": {"name": "Riverside STEM Partnership", "partners": [{"id": "st-aidans", "name": "St Aidan's School", "type": "school"}]},
	  "finance": {"none": true}
	}`))
	if err != nil {
		panic(err)
	}
	out, err := Render(m, Markdown)
	if err != nil {
		panic(err)
	}
	lines := strings.Split(string(out), "\n")
	fmt.Println(strings.Join(lines[:3], "\n"))
	_, mission, _ := strings.Cut(string(out), "## 1. ")
	mission, _, _ = strings.Cut(mission, "## 2. ")
	fmt.Print("## 1. " + mission)
	// Output:
	// # Riverside STEM Partnership: Memorandum of Understanding
	//
	// This Memorandum of Understanding (MOU) sets out how the partners below will work together as Riverside STEM Partnership. It is not legally binding.
	// ## 1. Mission statement
	//
	// Together we widen access to specialist science teaching.
	//
}
