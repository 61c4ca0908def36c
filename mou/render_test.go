package mou

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/partnership"
	"github.com/partnerkit/partnerkit/schemas"
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

// hostile is text that would make Markdown blocks if it were not escaped:
// a heading, a list, a numbered list, a quote, a table, a code fence, an
// indented code block and a setext underline, each on a line of its own.
const hostile = "Bay\n# Injected heading\n- injected item\n1. injected step\n2) another\n> quoted\n| a | b |\n|---|---|\n```\n    indented code\n===\n---\n<b>bold</b> & `tick` [link](x)\r\n+ plus\n* star"

// hostileMOU puts hostile text in every string an MOU has, ids and
// signature names included.
func hostileMOU() *MOU {
	h := hostile
	return &MOU{
		Title:            h,
		MissionStatement: h,
		Partnership: partnership.Partnership{
			Name: h, Description: h, Model: partnership.Model(h), Stage: partnership.Stage(h),
			FocusAreas: []partnership.FocusArea{partnership.FocusArea(h), "teaching"},
			Partners: []partnership.Partner{
				{ID: "a", Name: h, Type: partnership.PartnerType(h), Phase: partnership.Phase(h), Sector: partnership.Sector(h), URN: h},
				{ID: h, Name: "", Type: "school"},
			},
			Leads: []partnership.Lead{{Partner: "a", Name: h, Role: h, Email: h, Phone: h}, {Partner: h, Name: h}},
		},
		Objectives: []Objective{
			{ID: h, Statement: h, Measure: &Measure{Indicator: h, Unit: h, Baseline: ptr(1), Target: ptr(2)}, YearGroups: []string{h}, Subjects: []string{h}, FocusArea: partnership.FocusArea(h)},
			{ID: "", Statement: h},
		},
		Activities: []Activity{
			{ID: h, Title: h, Description: h, LedBy: h, Objectives: []string{h, h}, YearGroups: []string{h}, Subjects: []string{h}, Frequency: h},
			{ID: "x", Title: "", LedBy: "a"},
		},
		Monitoring:  &Monitoring{Reporting: h, Evidence: []Evidence{Evidence(h)}, DataProtection: &DataProtection{PersonalData: true, LawfulBasis: h, Consent: h, Sharing: h, Retention: h}},
		Governance:  &Governance{Body: h, MeetingFrequency: h, DecisionMaking: h, Members: []Member{{Name: h, Partner: h, Role: h}, {Name: h, Partner: "a"}}},
		Finance:     &Finance{Currency: h, Budget: ptr(10), Contributions: []Contribution{{Partner: h, Amount: ptr(10), InKind: h}}},
		Alterations: h,
		Dissolution: &Dissolution{Process: h},
		Signatures:  []Signature{{Partner: "a", Name: h, Role: h}, {Partner: h, Name: h, Role: h}, {Partner: "zz", Name: h}},
	}
}

func ptr(f float64) *float64 { return &f }

// Newlines in any text, ids and names included, cannot make a heading, a
// list, a quote, a table or code: the only blocks in the Markdown are
// Render's own.
func TestRenderMarkdownHostile(t *testing.T) {
	out, err := Render(hostileMOU(), Markdown)
	require.NoError(t, err)
	renderGolden(t, "hostile.md", out)
	headings := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		switch {
		case line == "", line == "_Not yet agreed._", line == "Signed: ______________________________":
		case strings.HasPrefix(line, "# "), strings.HasPrefix(line, "## "), strings.HasPrefix(line, "### "):
			level, _, _ := strings.Cut(line, " ")
			headings[level]++
		case strings.HasPrefix(line, "- **"):
			assert.Regexp(t, `^- \*\*[A-Z][a-z ]+:\*\* `, line, "line %d is one of Render's labelled values", i+1)
		case strings.HasPrefix(line, "| "):
			assert.Regexp(t, `^\|( ([^|\\]|\\.)* \|)+$`, line, "line %d is one table row", i+1)
			assert.True(t, strings.Count(line, " | ") == 2 || strings.Count(line, " | ") == 3 || strings.Count(line, " | ") == 4, "line %d: a row has Render's columns", i+1)
		case strings.HasPrefix(line, "Name: "), strings.HasPrefix(line, "Role: "), strings.HasPrefix(line, "Date: "):
		default:
			assert.False(t, blockStart(line), "line %d starts a Markdown block: %q", i+1, line)
		}
	}
	// One title; the partners, the eight parts and the signatures; the
	// objectives, the activities, data protection, alterations,
	// dissolution and three signature blocks.
	assert.Equal(t, map[string]int{"#": 1, "##": 10, "###": 2 + 2 + 1 + 2 + 3}, headings)
	title, rest, _ := strings.Cut(string(out), "\n")
	assert.True(t, strings.HasPrefix(title, `# Bay \# Injected heading - injected item 1. injected step`), title)
	assert.True(t, strings.HasSuffix(title, `\[link\](x) + plus \* star`), "the whole title is on one line: %s", title)
	assert.True(t, strings.HasPrefix(rest, "\nThis Memorandum"))
}

// blockStart reports whether a line of CommonMark (with GitHub's tables)
// would start a block other than a paragraph.
func blockStart(line string) bool {
	if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
		return true // indented code
	}
	t := strings.TrimLeft(line, " ")
	if t == "" {
		return false
	}
	switch t[0] {
	case '#', '>', '|', '<', '`', '~', '=':
		return true
	case '-', '+', '*', '_':
		return true // a list item, a thematic break or a setext underline
	}
	digits := strings.TrimLeft(t, "0123456789")
	return len(digits) < len(t) && (strings.HasPrefix(digits, ".") || strings.HasPrefix(digits, ")"))
}

func TestRenderHTMLHostile(t *testing.T) {
	out, err := Render(hostileMOU(), HTML)
	require.NoError(t, err)
	renderGolden(t, "hostile.html", out)
	assert.NotContains(t, string(out), "<b>")
	assert.Equal(t, 1, strings.Count(string(out), "<h1>"))
	assert.Equal(t, 10, strings.Count(string(out), "<h2>"))
}

// Capitals are put on the first letter, not the first byte: Welsh text
// stays valid UTF-8.
func TestCapitalInAnyScript(t *testing.T) {
	for in, want := range map[string]string{
		"ŵyr": "Ŵyr", "ŷd": "Ŷd", "ŵ": "Ŵ", "termly": "Termly", "éclair": "Éclair", "ǆungla": "ǅungla",
		"": "", "1st": "1st", "\xff": "\xff",
	} {
		assert.Equal(t, want, text.Capital(in), in)
	}
	for in, want := range map[string]string{"Ŵyr": "ŵyr", "Teaching": "teaching", "": "", "\xffx": "\xffx"} {
		assert.Equal(t, want, text.LowerFirst(in), in)
	}

	m := &MOU{
		Objectives: []Objective{{ID: "o1", Measure: &Measure{Indicator: "ŵyr ac wyresau sy'n darllen yn annibynnol", Unit: "%", Baseline: ptr(40), Target: ptr(60)}}},
		Activities: []Activity{{ID: "a1", Title: "Darllen", Frequency: "ŵythnosol"}},
		Governance: &Governance{Body: "Grŵp llywio", MeetingFrequency: "ŵyl"},
	}
	for _, f := range []Format{HTML, Markdown} {
		out, err := Render(m, f)
		require.NoError(t, err)
		assert.True(t, utf8.Valid(out), "%s is valid UTF-8", f)
		for _, want := range []string{"Ŵyr ac wyresau sy", "Ŵythnosol", "Ŵyl"} {
			assert.Contains(t, string(out), want, f)
		}
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

// Each partner's block takes the first signature for its id not yet
// taken; the signatures left over follow, in order.
func TestRenderMatchesSignaturesInOrder(t *testing.T) {
	m := &MOU{
		Partnership: partnership.Partnership{Partners: []partnership.Partner{{ID: "a", Name: "Ash"}, {ID: "a"}, {ID: "b", Name: "Birch"}, {ID: ""}}},
		Signatures: []Signature{
			{Partner: "a", Name: "S1"}, {Partner: "b", Name: "S2"}, {Partner: "a", Name: "S3"},
			{Partner: "a", Name: "S4"}, {Partner: "", Name: "S5"}, {Partner: "c", Name: "S6"},
		},
	}
	out, err := Render(m, Markdown)
	require.NoError(t, err)
	_, sigs, _ := strings.Cut(string(out), "## Signatures")
	var got []string
	for _, line := range strings.Split(sigs, "\n") {
		if h, ok := strings.CutPrefix(line, "### "); ok {
			got = append(got, h)
		}
		if n, ok := strings.CutPrefix(line, "Name: "); ok {
			got[len(got)-1] += "=" + strings.TrimSuffix(n, "\\")
		}
	}
	assert.Equal(t, []string{"Ash=S1", "a=S3", "Birch=S2", "=______________________________", "Ash=S4", "=S5", "c=S6"}, got)
}

// The rendered MOU names each enumerated value as the schemas' titles do
// (the form shows the same words), and every enumeration it names is in
// the schemas.
func TestLabelsComeFromTheSchemas(t *testing.T) {
	for name, labels := range map[string]func() map[string]string{
		"model": models, "stage": stages, "focusArea": focusAreas, "partnerType": partnerTypes,
		"phase": phases, "evidence": evidence, "lawfulBasis": lawfulBases,
	} {
		require.NotEmpty(t, labels(), name)
		assert.Equal(t, schemas.Labels("defs.json#/$defs/"+name), labels(), name)
	}
	assert.Equal(t, "Case studies", label(evidence, string(EvidenceCaseStudy)))
	assert.Equal(t, "CPD", label(focusAreas, string(partnership.FocusCPD)))
	assert.Equal(t, "not-a-value", label(evidence, "not-a-value"), "an unknown value is shown as it is")
}
