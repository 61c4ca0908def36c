package mou

import (
	"fmt"
	"unicode/utf8"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/jsontree"
	"github.com/partnerkit/partnerkit/internal/text"
	"github.com/partnerkit/partnerkit/schemas"
)

// MaxFindingsPerCode is how many findings of one code a report lists in
// full. A document with more, such as thousands of empty objectives, gets
// the first MaxFindingsPerCode of that code and then one finding with the
// code CodeTruncated that says how many more there are, so that a report
// stays a small multiple of the document's size however the document is
// built. The same fix usually puts right all the findings of one code.
const MaxFindingsPerCode = 20

// MaxMessageBytes is the longest a finding's message may be, in bytes of
// UTF-8. A message that quotes a long value from the document (an id of
// thousands of characters, say) is cut short at a character boundary and
// ends with "…", so that the report does not repeat the document many
// times over.
const MaxMessageBytes = 1000

// CodeTruncated is the code of the finding that stands for the findings of
// one code past MaxFindingsPerCode: it has that code's severity, the path
// of the first finding left out, and a message that names the code and
// says how many were left out.
const CodeTruncated = "findings.truncated"

// Report is the result of checking one MOU.
type Report struct {
	// Valid is true when no finding is an error. It is worked out on every
	// finding, those left out by MaxFindingsPerCode included.
	Valid bool `json:"valid"`
	// Findings lists what the check found: schema violations first, then
	// the guidance's rules in the order of the MOU's parts. At most
	// MaxFindingsPerCode findings of one code are listed; a
	// CodeTruncated finding after them stands for the rest. No message
	// is longer than MaxMessageBytes.
	Findings []finding.Finding `json:"findings"`
	// Options are the options in force (see [Options.Resolved]) when a
	// programme set any; absent for the defaults.
	Options *Options `json:"options,omitempty"`
}

// Count returns how many findings have the given severity.
func (r *Report) Count(s finding.Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Has reports whether the report has a finding with the given code.
func (r *Report) Has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Check checks an MOU document in one pass: the JSON syntax, then the
// schema, then the guidance's rules on whatever could be read, so that one
// check tells the user everything. It never fails: malformed JSON is
// reported as a "syntax" finding with the line and column.
//
// Check applies the guidance's defaults; [Options.Check] a programme's.
func Check(data []byte) *Report {
	r, _ := Options{}.Check(data) // the zero Options are valid
	return r
}

// CheckValue checks an MOU document that is already decoded into any, as
// schemas.Decode or encoding/json produce it.
func CheckValue(doc any) *Report {
	r, _ := Options{}.CheckValue(doc)
	return r
}

// checkData checks a document's text with valid options. The text is
// decoded into a jsontree.Tree, one slice of nodes; a document the
// schema's fast path confirms valid, the common case, is read into the
// MOU from it, with no map or boxed value for its members. Any other is
// decoded as CheckValue takes it, for the schema's report.
func checkData(data []byte, o settings) *Report {
	// The tree shares data's bytes while the fast path reads it: the
	// rules' findings are written afresh (fmt and concatenation), so none
	// keeps a string of the document. The schema's report may quote one,
	// so the other path gives the tree its own text first.
	tree, err := jsontree.ParseTreeShared(data)
	defer tree.Release() // nothing below keeps a Value of it
	if err != nil {
		_, err = schemas.Decode(data) // the same error, with its line and column
		return newReport([]finding.Finding{schemas.SyntaxFinding(err)})
	}
	if schemas.MustLookup(schemas.MOU).ValidTree(tree) {
		m := fromTree(tree.Root())
		fs := m.rules(o)
		kept := fs[:0]
		for _, f := range fs {
			if o.apply(&f) {
				kept = append(kept, f)
			}
		}
		return newReport(kept)
	}
	tree.Own()
	return checkBoth(tree.Root().Any(), tree, o)
}

// checkBoth checks a document given both ways, with valid options:
// decoded, for the schema, and as a tree of the same document, for the MOU.
func checkBoth(doc any, tree *jsontree.Tree, o settings) *Report {
	var c capped
	broken := map[string]bool{}
	for _, v := range schemas.MustLookup(schemas.MOU).Validate(doc) {
		broken[v.Path] = true
		if c.room(schemas.CodeSchema, finding.Error, v.Path) {
			c.add(v.Finding())
		}
	}
	m := fromTree(tree.Root())
	for _, f := range m.rules(o) {
		// A value the schema rejected reads as absent; the schema's
		// message at that path already says what to put right.
		if o.apply(&f) && !broken[f.Path] && c.room(f.Code, f.Severity, f.Path) {
			c.add(f)
		}
	}
	return c.report()
}

func newReport(findings []finding.Finding) *Report {
	if len(findings) <= MaxFindingsPerCode {
		// No code can pass its cap: the findings as they are, as capped
		// would list them.
		valid := true
		for i := range findings {
			findings[i].Message = ClipMessage(findings[i].Message)
			valid = valid && findings[i].Severity != finding.Error
		}
		if findings == nil {
			findings = []finding.Finding{}
		}
		return &Report{Valid: valid, Findings: findings}
	}
	var c capped
	for _, f := range findings {
		if c.room(f.Code, f.Severity, f.Path) {
			c.add(f)
		}
	}
	return c.report()
}

// capped collects a report's findings, at most MaxFindingsPerCode of each
// code, and counts the rest.
type capped struct {
	findings []finding.Finding
	counts   map[string]int // findings of each code, those left out too
	summary  map[string]int // index in findings of each code's CodeTruncated finding
	errors   bool           // whether any finding, kept or not, is an error
}

// room reports whether a finding of code may be added in full; when it may
// not, it counts the finding, the first such with a CodeTruncated finding
// at path.
func (c *capped) room(code string, sev finding.Severity, path string) bool {
	if sev == finding.Error {
		c.errors = true
	}
	if c.counts == nil {
		c.counts, c.summary = map[string]int{}, map[string]int{}
	}
	c.counts[code]++
	if c.counts[code] <= MaxFindingsPerCode {
		return true
	}
	if _, ok := c.summary[code]; !ok {
		c.summary[code] = len(c.findings)
		c.findings = append(c.findings, finding.Finding{Code: CodeTruncated, Severity: sev, Path: path})
	}
	return false
}

func (c *capped) add(f finding.Finding) {
	if c.findings == nil {
		c.findings = make([]finding.Finding, 0, 16)
	}
	f.Message = ClipMessage(f.Message)
	c.findings = append(c.findings, f)
}

// ClipMessage returns msg, or when it is longer than MaxMessageBytes, as
// much of it as fits, cut at a character boundary, followed by "…".
func ClipMessage(msg string) string {
	if len(msg) <= MaxMessageBytes {
		return msg
	}
	const ellipsis = "…"
	cut := MaxMessageBytes - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + ellipsis
}

// report returns the report, with the CodeTruncated findings' messages.
func (c *capped) report() *Report {
	for code, i := range c.summary {
		n := c.counts[code] - MaxFindingsPerCode
		c.findings[i].Message = fmt.Sprintf("And %s more %s findings like the ones above are not listed: put those right, then check again.", text.Thousands(n), code)
	}
	if c.findings == nil {
		c.findings = []finding.Finding{}
	}
	return &Report{Valid: !c.errors, Findings: c.findings}
}
