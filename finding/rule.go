package finding

import "fmt"

// Rule describes one code: its severity and when it fires.
type Rule struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	// Inherits is true for a code whose findings take the severity of
	// another code they stand for, such as findings.truncated; Severity
	// is then the most it can be.
	Inherits bool   `json:"inherits,omitempty"`
	When     string `json:"when"` // fires when …
}

// SeverityText is how a codes table shows the rule's severity: "error",
// or "as the code it stands for".
func (r Rule) SeverityText() string {
	if r.Inherits {
		return "as the code it stands for"
	}
	return r.Severity.String()
}

// Table is a checker's rules, in the order it reports them, found by code.
// A Table is immutable once made: Rules returns a copy.
type Table struct {
	rules []Rule
	index map[string]int
}

// NewTable returns a table of rules. Two rules with one code are a mistake
// in the program, and NewTable panics on them: tables are built once, when
// a package is initialised.
func NewTable(rules ...Rule) *Table {
	t := &Table{rules: clone(rules), index: make(map[string]int, len(rules))}
	for i, r := range t.rules {
		if _, dup := t.index[r.Code]; dup {
			panic("finding: two rules have the code " + r.Code)
		}
		t.index[r.Code] = i
	}
	return t
}

func clone(rs []Rule) []Rule { return append([]Rule(nil), rs...) }

// Rules returns a copy of the table's rules, in order.
func (t *Table) Rules() []Rule { return clone(t.rules) }

// Lookup returns the rule with the code, and whether there is one.
func (t *Table) Lookup(code string) (Rule, bool) {
	i, ok := t.index[code]
	if !ok {
		return Rule{}, false
	}
	return t.rules[i], true
}

// Severity returns the severity of a code. A code that is not in the table
// is a mistake in the checker (see the package's doc): in a test binary
// Severity panics; elsewhere it returns Error.
func (t *Table) Severity(code string) Severity {
	if i, ok := t.index[code]; ok {
		return t.rules[i].Severity
	}
	if strict() {
		panic("finding: no rule has the code " + code)
	}
	return Error
}

// List collects a checker's findings, taking each code's severity from its
// table. The zero List has no table: give it one with NewList.
type List struct {
	table    *Table
	Findings []Finding
}

// NewList returns an empty list that adds findings by the table's codes.
func NewList(t *Table) *List { return &List{table: t} }

// Add adds a finding with the code's severity, at path, with the message
// formatted as fmt.Sprintf does.
func (l *List) Add(code, path, format string, args ...any) {
	l.Findings = append(l.Findings, Finding{Code: code, Severity: l.table.Severity(code), Path: path, Message: fmt.Sprintf(format, args...)})
}
