package schemas

import (
	"bytes"
	"io"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

// validateText decodes a document's text and validates it: the
// violations, or the *SyntaxError of text that is not well-formed JSON.
func validateText(s *Schema, data []byte) ([]Violation, error) {
	doc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return s.Validate(doc), nil
}
