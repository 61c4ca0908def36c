package form

import (
	"github.com/partnerkit/partnerkit/schemas"
)

// ForSchema compiles one of partnerkit's schemas, by name ("mou"), with
// the $refs between them resolved, and with what the form adds to it: in
// an MOU, the partner and objective fields pick from the document's own
// partners and objectives, and the data-protection details show only
// when personal data is used.
func ForSchema(name string) (*Field, error) {
	s, err := schemas.Lookup(name)
	if err != nil {
		return nil, err
	}
	return Compile(s.Bytes(), resolveBuiltin, builtinOptions(s.Name)...)
}

// builtinOptions are the options ForSchema compiles a schema with.
func builtinOptions(name string) []CompileOption {
	switch name {
	case schemas.MOU:
		const partners, objectives = "/partnership/partners/*/id", "/objectives/*/id"
		return []CompileOption{
			Reference("/partnership/leads/*/partner", partners, "name"),
			Reference("/activities/*/ledBy", partners, "name"),
			Reference("/activities/*/objectives/*", objectives, "statement"),
			Reference("/monitoring/collection/*/by", partners, "name"),
			Reference("/governance/members/*/partner", partners, "name"),
			Reference("/finance/contributions/*/partner", partners, "name"),
			Reference("/signatures/*/partner", partners, "name"),
			// The checks of mou say what is needed when personalData is
			// true (data-protection.missing); the form shows those
			// members only then.
			Also("/monitoring/dataProtection", []byte(`{
				"if": {"properties": {"personalData": {"const": true}}, "required": ["personalData"]},
				"then": {"properties": {"lawfulBasis": true, "consent": true, "sharing": true, "retention": true, "security": true}}
			}`)),
		}
	case schemas.Partnership:
		return []CompileOption{Reference("/leads/*/partner", "/partners/*/id", "name")}
	}
	return nil
}

// resolveBuiltin resolves a $ref to another of partnerkit's schemas.
func resolveBuiltin(id string) ([]byte, error) {
	s, err := schemas.Lookup(id)
	if err != nil {
		return nil, err
	}
	return s.Bytes(), nil
}
