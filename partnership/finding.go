package partnership

import (
	"fmt"
	"slices"

	"github.com/partnerkit/partnerkit/internal/pointer"
)

// Severity says how much a finding matters.
type Severity uint8

const (
	// SeverityInfo is a suggestion.
	SeverityInfo Severity = iota + 1
	// SeverityWarning is a weakness the guidance advises against; the
	// document is still valid.
	SeverityWarning
	// SeverityError makes the document invalid.
	SeverityError
)

var severityNames = map[Severity]string{SeverityInfo: "info", SeverityWarning: "warning", SeverityError: "error"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) {
	if _, ok := severityNames[s]; !ok {
		return nil, fmt.Errorf("partnership: no severity %d", uint8(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads "error", "warning" or "info".
func (s *Severity) UnmarshalText(b []byte) error {
	for sev, name := range severityNames {
		if name == string(b) {
			*s = sev
			return nil
		}
	}
	return fmt.Errorf("partnership: %q is not a severity (error, warning or info)", b)
}

// Finding is one thing a check found in a document. Every partnerkit
// checker returns findings: the partnership rules here, the MOU checks in
// package mou and the framework checks in package evaluation.
type Finding struct {
	// Code is stable and names the rule, such as "lead.missing".
	Code string `json:"code"`
	// Severity is error, warning or info.
	Severity Severity `json:"severity"`
	// Path is a JSON Pointer to the value the finding is about.
	Path string `json:"path"`
	// Message says in plain words what to do.
	Message string `json:"message"`
}

// String shows the finding on one line:
// "error partnership.partners[1]: Name a lead for … (lead.missing)".
func (f Finding) String() string {
	return fmt.Sprintf("%s %s: %s (%s)", f.Severity, pointer.Dotted(f.Path), f.Message, f.Code)
}

// Valid reports whether findings has no error.
func Valid(findings []Finding) bool {
	return !slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == SeverityError })
}

// Prefixed returns findings with base put before every path: it places the
// findings of a checked part within the document that holds it.
func Prefixed(findings []Finding, base string) []Finding {
	for i := range findings {
		findings[i].Path = base + findings[i].Path
	}
	return findings
}
