package form

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeWithJSON is decodeOrdered as it was, on encoding/json's Decoder:
// the oracle decodeOrdered is held to.
func decodeWithJSON(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value func() (any, bool)
	value = func() (any, bool) {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		switch tok {
		case json.Delim('{'):
			o := newObject()
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, false
				}
				v, ok := value()
				if !ok {
					return nil, false
				}
				o.set(k.(string), v)
			}
			_, err := dec.Token()
			return o, err == nil
		case json.Delim('['):
			a := []any{}
			for dec.More() {
				v, ok := value()
				if !ok {
					return nil, false
				}
				a = append(a, v)
			}
			_, err := dec.Token()
			return a, err == nil
		}
		return tok, true
	}
	v, ok := value()
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return v, ok
}

func decodeAgrees(t *testing.T, data []byte) {
	t.Helper()
	if !utf8.Valid(data) || bytes.Contains(data, []byte(`\u`)) || bytes.Count(data, []byte("["))+bytes.Count(data, []byte("{")) > maxDepth+1 {
		return // jsontree refuses text that is not characters, where encoding/json puts U+FFFD
	}
	got, err := decodeOrdered(data)
	want, ok := decodeWithJSON(data)
	require.Equal(t, ok, err == nil, "%q: %v", data, err)
	if ok {
		assert.Equal(t, want, got, "%q", data)
	}
}

// decodeOrdered reads what encoding/json's Decoder read, in the same
// order, with duplicate members where the first was and the last value.
func TestDecodeOrderedAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range []string{
		`{"b": 1, "a": [true, false, null, "x", 1.5e3, -0], "c": {}}`, `{"a": 1, "b": 2, "a": 3}`, `[]`, `"s"`, `12`,
		`{"a": }`, `{"a": 1,}`, `[1 2]`, `{} {}`, ``, ` `, `{"a": "\t"}`, `01`, `{"a": [[[[]]]]}`, `nul`, `{"a" 1}`,
	} {
		decodeAgrees(t, []byte(s))
	}
	_, err := decodeOrdered([]byte(strings.Repeat("[", maxDepth+2) + strings.Repeat("]", maxDepth+2)))
	assert.ErrorIs(t, err, errDepth)
	_, err = decodeOrdered([]byte(strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)))
	assert.NoError(t, err)
	_, err = decodeOrdered([]byte("{\n  \"a\": tru\n}"))
	assert.EqualError(t, err, "line 2, column 8: unexpected 't'; did you mean true?", "the error says where")
}

func FuzzDecodeOrdered(f *testing.F) {
	for _, s := range []string{`{"b": 1, "a": [true, null, "x", 1.5e3]}`, `{"a": 1, "a": 2}`, `[1, {"x": []}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(decodeAgrees)
}

// isNumber is what encoding/json reads as exactly one number.
func TestIsNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "1.5", "1e9", "-1.5E-3", "", "01", "1.", ".5", "+1", " 1", "1 ", "1e", "--1", "0x1", "NaN"} {
		var n json.Number
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		var v any
		want := dec.Decode(&v) == nil
		n, ok := v.(json.Number)
		assert.Equal(t, want && ok && string(n) == s, isNumber(s), "%q", s)
	}
}

// Marshal writes the scalars it writes itself as encoding/json does.
func TestMarshalScalarsAsEncodingJSON(t *testing.T) {
	for _, v := range []any{true, false, int64(-42), int64(1) << 62, 7, 0, 1.5, "a\"<\u2028", nil, json.Number("1e3")} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		assert.Equal(t, want.String(), string((*Field)(nil).Marshal(v)), "%#v", v)
	}
}
