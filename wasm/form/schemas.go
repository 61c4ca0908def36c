package form

import (
	"github.com/partnerkit/partnerkit/schemas"
)

// ForSchema compiles one of partnerkit's schemas, by name ("mou"), with
// the $refs between them resolved.
func ForSchema(name string) (*Field, error) {
	s, err := schemas.Lookup(name)
	if err != nil {
		return nil, err
	}
	return Compile(s.Bytes(), resolveBuiltin)
}

// resolveBuiltin resolves a $ref to another of partnerkit's schemas.
func resolveBuiltin(id string) ([]byte, error) {
	s, err := schemas.Lookup(id)
	if err != nil {
		return nil, err
	}
	return s.Bytes(), nil
}
