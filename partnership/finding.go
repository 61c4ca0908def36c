package partnership

import "github.com/partnerkit/partnerkit/finding"

// The finding types moved to package finding. These aliases keep code
// written against the old names compiling while the branches that use
// them are merged; new code uses package finding.

// Finding is finding.Finding.
//
// Deprecated: use finding.Finding.
type Finding = finding.Finding

// Severity is finding.Severity.
//
// Deprecated: use finding.Severity.
type Severity = finding.Severity

// The severities.
//
// Deprecated: use finding.Error, finding.Warning and finding.Info.
const (
	SeverityError   = finding.Error
	SeverityWarning = finding.Warning
	SeverityInfo    = finding.Info
)

// Valid is finding.Valid.
//
// Deprecated: use finding.Valid.
func Valid(findings []Finding) bool { return finding.Valid(findings) }

// Prefixed is finding.Prefixed.
//
// Deprecated: use finding.Prefixed.
func Prefixed(findings []Finding, base string) []Finding { return finding.Prefixed(findings, base) }
