//go:build partnerkit_nojsonschema

package schemas

// The browser form's build: report.go's reporter stands in for
// jsonschema/v6 (see report.go).

func compileReporter() error { return nil }

func (s *Schema) report(doc any) []Violation { return s.ownReport(doc) }
