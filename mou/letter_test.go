package mou

import (
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/partnership"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func riversidePartnership(t *testing.T) *partnership.Partnership {
	t.Helper()
	m, err := Parse(mustRead(t, contractMOU))
	require.NoError(t, err)
	return &m.Partnership
}

func TestRenderLetterGolden(t *testing.T) {
	letters := map[string]Letter{
		// A new school, written to by name.
		"letter-invitation": {
			From: "st-aidans",
			To:   Recipient{Name: "Mrs Jo Evans", Role: "School Business Manager", Organisation: "Hillside Academy"},
			Date: partnership.MustParseDate("2026-05-11"),
			Proposal: "We propose fortnightly practical science sessions for Year 6 in St Aidan's laboratories, taught with your teachers, from September 2026 for one year.\n\n" +
				"The University of Riverside would train two of your teachers to lead practical science.",
			Aims:     []string{"Raise Year 6 attainment in science", "Build teachers' confidence in practical science"},
			Benefits: []string{"Laboratory time and technician support at no cost", "Training for two teachers", "A smoother move to secondary school for your pupils"},
			NextStep: "a short meeting in the week of 18 May",
		},
		// A partner already in the document, with nothing but the document:
		// the school business manager by default, focus areas as aims, and
		// prompts for what is missing.
		"letter-draft": {From: "uni-riverside", To: Recipient{Partner: "riverside-primary"}},
	}
	p := riversidePartnership(t)
	for name, l := range letters {
		t.Run(name, func(t *testing.T) {
			for _, f := range []Format{HTML, Markdown} {
				out, err := RenderLetter(p, l, f)
				require.NoError(t, err)
				renderGolden(t, name+map[Format]string{HTML: ".html", Markdown: ".md"}[f], out)
			}
		})
	}
}

func TestRenderLetterDefaults(t *testing.T) {
	p := riversidePartnership(t)
	md, err := RenderLetter(p, Letter{From: "uni-riverside", To: Recipient{Partner: "riverside-primary"}}, Markdown)
	require.NoError(t, err)
	s := string(md)
	assert.Contains(t, s, "Dear School Business Manager,")
	assert.Contains(t, s, "School Business Manager\\\nRiverside Primary School")
	assert.Contains(t, s, "- Teaching\n- Curriculum\n", "the focus areas stand in for aims")
	assert.Contains(t, s, "_\\[Say what you propose", "a prompt for the missing proposal")
	assert.Contains(t, s, "in which we work with St Aidan's School.", "the recipient is not listed among the others")
	assert.Contains(t, s, "Priya Shah\\\nWidening Participation Officer\\\nUniversity of Riverside", "the sender's lead signs")
	assert.Contains(t, s, "You can reach me at p.shah@uni-riverside.example.")

	p.Description = "Shared science teaching across Riverside."
	md, err = RenderLetter(p, Letter{From: "uni-riverside", To: Recipient{Partner: "riverside-primary", Name: "Mr Ade Bello"}}, Markdown)
	require.NoError(t, err)
	assert.Contains(t, string(md), "Shared science teaching across Riverside.", "the description stands in for the proposal")
	assert.Contains(t, string(md), "Dear Mr Ade Bello,")
	assert.NotContains(t, string(md), DefaultRecipientRole, "a named recipient is not given a role")
}

func TestRenderLetterEscapes(t *testing.T) {
	p := riversidePartnership(t)
	p.Name = `<script>alert("x")</script> & Co`
	p.Partners[0].Name = "# St Aidan's\n- injected"
	l := Letter{
		From:     "st-aidans",
		To:       Recipient{Name: "*Jo* [Evans](http://evil.example)", Organisation: "<b>Hillside</b>"},
		Proposal: "1. not a list\n> not a quote\n\n## not a heading\n---\n<img src=x onerror=alert(1)>",
		Aims:     []string{"- nested", "`code`"},
		Benefits: []string{"a | b", "\n\n"},
		NextStep: "<i>tea</i>",
	}
	h, err := RenderLetter(p, l, HTML)
	require.NoError(t, err)
	hs := string(h)
	for _, bad := range []string{"<script", "<b>", "<img", "<i>"} {
		assert.NotContains(t, hs, bad)
	}
	assert.Contains(t, hs, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co")
	assert.Contains(t, hs, "&lt;img src=x onerror=alert(1)&gt;")

	m, err := RenderLetter(p, l, Markdown)
	require.NoError(t, err)
	ms := string(m)
	for _, line := range strings.Split(ms, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			assert.Contains(t, []string{"## A proposed partnership: \\<script\\>alert(\"x\")\\</script\\> \\& Co", "## What we propose", "## Our aims", "## What \\<b\\>Hillside\\</b\\> would gain"}, line)
		case strings.HasPrefix(line, "- "):
			assert.Contains(t, []string{"- \\- nested", "- \\`code\\`", "- a \\| b"}, line)
		default:
			for _, marker := range []string{"#", ">", "-", "1.", "<", "*", "["} {
				assert.False(t, strings.HasPrefix(line, marker), "a line starts a block or markup: %q", line)
			}
		}
	}
	assert.Contains(t, ms, "\\*Jo\\* \\[Evans\\](http://evil.example)")
	assert.Contains(t, ms, "1\\. not a list\\\n\\> not a quote")
}

func TestRenderLetterErrors(t *testing.T) {
	p := riversidePartnership(t)
	_, err := RenderLetter(nil, Letter{From: "st-aidans"}, HTML)
	assert.Error(t, err)
	_, err = RenderLetter(p, Letter{From: "nobody"}, HTML)
	assert.EqualError(t, err, `mou: the letter's sender "nobody" is not a partner in "Riverside STEM Partnership"`)
	_, err = RenderLetter(p, Letter{From: "st-aidans", To: Recipient{Partner: "nobody"}}, HTML)
	assert.EqualError(t, err, `mou: the letter's recipient "nobody" is not a partner in "Riverside STEM Partnership"`)
	_, err = RenderLetter(p, Letter{From: "st-aidans"}, Format(9))
	assert.ErrorIs(t, err, ErrFormat)
}
