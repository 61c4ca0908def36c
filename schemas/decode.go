package schemas

import (
	"errors"
	"fmt"

	"github.com/partnerkit/partnerkit/internal/jsontree"
)

// SyntaxError reports JSON that is not well formed, with where it went wrong.
type SyntaxError struct {
	Line   int    // 1-based line
	Column int    // 1-based column, in characters
	Offset int    // byte offset from the start of the input
	Msg    string // what is wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Sentence says what is wrong as a sentence, for showing on its own:
// "The document is not valid JSON at line 3, column 14: … ."
func (e *SyntaxError) Sentence() string {
	return fmt.Sprintf("The document is not valid JSON at line %d, column %d: %s.", e.Line, e.Column, e.Msg)
}

// Decode decodes a JSON document into the form Validate takes: objects as
// map[string]any, arrays as []any, numbers as json.Number (exact), strings,
// bools and nil. Malformed JSON gives a *SyntaxError with a line and column.
func Decode(data []byte) (any, error) {
	v, err := jsontree.Parse(data)
	if err != nil {
		var e *jsontree.Error
		if errors.As(err, &e) {
			line, col := jsontree.Position(data, e.Offset)
			return nil, &SyntaxError{Line: line, Column: col, Offset: e.Offset, Msg: e.Msg}
		}
		return nil, err
	}
	return v, nil
}
