package finding

import (
	"fmt"
	"slices"

	"github.com/partnerkit/partnerkit/internal/pointer"
)

// Severity says how much a finding matters. The zero Severity is Error.
type Severity uint8

// The severities, the zero value first.
const (
	// Error makes the document invalid.
	Error Severity = iota
	// Warning is a weakness the guidance advises against; the document is
	// still valid.
	Warning
	// Info is a suggestion.
	Info
)

var severityNames = [...]string{Error: "error", Warning: "warning", Info: "info"}

// String returns "error", "warning" or "info".
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// MarshalText writes the severity's name. A severity beyond Info is an
// error, never a silent "error".
func (s Severity) MarshalText() ([]byte, error) {
	if int(s) >= len(severityNames) {
		return nil, fmt.Errorf("finding: no severity %d", uint8(s))
	}
	return []byte(severityNames[s]), nil
}

// UnmarshalText reads "error", "warning" or "info".
func (s *Severity) UnmarshalText(b []byte) error {
	for sev, name := range severityNames {
		if name == string(b) {
			*s = Severity(sev)
			return nil
		}
	}
	return fmt.Errorf("finding: %q is not a severity (error, warning or info)", b)
}

// Finding is one thing a check found in a document.
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
	return !slices.ContainsFunc(findings, func(f Finding) bool { return f.Severity == Error })
}

// Prefixed returns findings with base put before every path: it places the
// findings of a checked part within the document that holds it.
func Prefixed(findings []Finding, base string) []Finding {
	for i := range findings {
		findings[i].Path = base + findings[i].Path
	}
	return findings
}
