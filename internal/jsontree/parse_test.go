package jsontree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMatchesEncodingJSON(t *testing.T) {
	tests := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `-12E+4`, `"x"`,
		`{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00\n\t\"\\\/"}`,
		" \r\n\t{ \"a\" : 1 , \"a\" : 2 } ",
		`"caf\u00e9 & Ysgol G\u0175yr"`,
		"\"Ysgol Gŵyr \uFFFD \u00e9 é\"",
		`"\ud83d\ude00 \uD83D\uDE00 \udbff\udfff"`,
		`[[[[[]]]]]`,
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			got, err := Parse([]byte(in))
			require.NoError(t, err)
			var want any
			d := json.NewDecoder(bytes.NewReader([]byte(in)))
			d.UseNumber()
			require.NoError(t, d.Decode(&want))
			assert.Equal(t, want, got)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in           string
		line, column int
		msg          string
	}{
		{"", 1, 1, "the document is empty"},
		{"{\n  \"a\": 1,\n}", 2, 9, "trailing comma"},
		{"[1,\n]", 1, 3, "trailing comma"},
		{"{\n  \"a\" 1}", 2, 7, "expected ':'"},
		{"{'a': 1}", 1, 2, "JSON strings use double quotes"},
		{"[1, 2", 1, 6, "unexpected end of input inside an array"},
		{`{"a": tru}`, 1, 7, "did you mean true?"},
		{`{"a": 01}`, 1, 8, "expected ',' or '}'"},
		{`{"a": 1.}`, 1, 9, "after the decimal point"},
		{`{"a": "x`, 1, 7, "not closed"},
		{"{\"é\": \"ünïcode\" x}", 1, 17, "expected ',' or '}'"},
		{`{} {}`, 1, 4, "after the end of the JSON value"},
		{`"\x"`, 1, 2, "unknown escape"},
		{`"\u12"`, 1, 2, "four hexadecimal digits"},
		{"\"a\tb\"", 1, 3, "control character"},
		{"{\"name\": \"Ysgol G\xf5yr\"}", 1, 18, "not valid UTF-8: save the file as UTF-8"},
		{"[\"ok\",\n \"caf\xc3\"]", 2, 6, "not valid UTF-8"},
		{"{\"\xff\": 1}", 1, 3, "not valid UTF-8"},
		{"\"\xed\xa0\x80\"", 1, 2, "not valid UTF-8"}, // a surrogate written in UTF-8
		{"\"\\u00e9\xe9\"", 1, 8, "not valid UTF-8"},  // Latin-1 é after an escape
		{"\xff", 1, 1, "byte 0xff (not UTF-8)"},
		{`"lone \ud800 surrogate"`, 1, 7, `\ud800 is half of a pair`},
		{`"low first \udc00\ud800"`, 1, 12, `\udc00 is half of a pair`},
		{`{"a": "x\ud83d"}`, 1, 9, `\ud83d is half of a pair`},
		{`"\ud83d\u0041"`, 1, 2, `\ud83d is half of a pair`},
		{`"\ud83d\ud83d\ude00"`, 1, 2, `\ud83d is half of a pair`},
		{`"\ud83d\`, 1, 2, `\ud83d is half of a pair`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			var e *Error
			require.ErrorAs(t, err, &e)
			line, col := Position([]byte(tt.in), e.Offset)
			assert.Equal(t, tt.line, line, "line")
			assert.Equal(t, tt.column, col, "column")
			assert.Contains(t, e.Msg, tt.msg)
			if json.Valid([]byte(tt.in)) {
				assert.False(t, textOnly([]byte(tt.in)), "encoding/json accepts only text that stands for characters")
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	deep := bytes.Repeat([]byte("["), MaxDepth+1)
	_, err := Parse(deep)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nested too deeply")
}

func TestParseSkipsByteOrderMark(t *testing.T) {
	v, err := Parse([]byte("\xEF\xBB\xBF{\"a\":true}"))
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"a": true}, v)
}

func TestAccessors(t *testing.T) {
	v, err := Parse([]byte(`{"s":"x","n":2.5,"b":true,"a":["p",1,"q"],"o":{}}`))
	require.NoError(t, err)
	m := Object(v)
	assert.Equal(t, "x", String(m, "s"))
	assert.Equal(t, "", String(m, "n"), "a number is not a string")
	assert.True(t, Bool(m, "b"))
	require.NotNil(t, NumberPtr(m, "n"))
	assert.Equal(t, 2.5, *NumberPtr(m, "n"))
	assert.Nil(t, NumberPtr(m, "s"))
	assert.Equal(t, []string{"p", "q"}, Strings(m, "a"))
	assert.NotNil(t, Object(m["o"]))
	assert.Nil(t, Array(m["o"]))
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,"b",null,true]}`, `"\ud83d\ude00"`, `-1.2e+3`, `[`, `{"a":}`} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("../../examples/data/mou-riverside.json"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{"\"\xff\"", `"\ud800"`, `"\udc00\ud800"`, `["\ud83d\ude00","\\ud800"]`, "\"\xed\xa0\x80\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Parse(data)
		text := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		// Valid JSON is what encoding/json accepts, less strings that
		// are not text: invalid UTF-8 or a lone surrogate escape.
		valid := json.Valid(text) && textOnly(text)
		if valid != (err == nil) {
			t.Fatalf("Parse error %v but json.Valid and textOnly say %v", err, valid)
		}
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			require.True(t, e.Offset >= 0 && e.Offset <= len(data), "offset %d out of range", e.Offset)
			return
		}
		var want any
		d := json.NewDecoder(bytes.NewReader(text))
		d.UseNumber()
		require.NoError(t, d.Decode(&want))
		require.Equal(t, want, got)
		tree, err := ParseTree(data)
		require.NoError(t, err)
		require.Equal(t, want, FromAny(got).Root().Any(), "FromAny makes the tree ParseTree does")
		if !tree.HasDuplicates() {
			require.Equal(t, tree.Root().Any(), FromAny(got).Root().Any())
		}
	})
}

// textOnly reports whether every string in well-formed JSON stands for
// characters: the bytes are UTF-8 (outside strings, well-formed JSON is
// ASCII), and every \u escape of a surrogate is the first half of a pair
// followed by the second. It is the fuzz test's oracle, so it is written
// independently of Parse.
func textOnly(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case inString && c == '\\':
			if data[i+1] != 'u' {
				i++ // a one-character escape: skip what it escapes
				continue
			}
			r, _ := strconv.ParseUint(string(data[i+2:i+6]), 16, 32)
			i += 5
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return false // a second half first
			case r >= 0xD800 && r <= 0xDBFF:
				if i+6 >= len(data) || data[i+1] != '\\' || data[i+2] != 'u' {
					return false
				}
				r2, _ := strconv.ParseUint(string(data[i+3:i+7]), 16, 32)
				if r2 < 0xDC00 || r2 > 0xDFFF {
					return false
				}
				i += 6
			}
		}
	}
	return true
}

// Strings come back exactly as written, whatever their script.
func TestParseKeepsTextExactly(t *testing.T) {
	for _, s := range []string{"Ysgol Gŵyr", "ŵyr", "Ÿ ẅ ŷ", "\U0001F600", "\uFFFD", "a\u2028b", "\x7f"} {
		data, err := json.Marshal(map[string]string{s: s})
		require.NoError(t, err)
		v, err := Parse(data)
		require.NoError(t, err)
		assert.Equal(t, map[string]any{s: s}, v)
	}
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../../examples/data/mou-riverside.json")
	if err != nil {
		b.Skip("contract not found")
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTree(b *testing.B) {
	data, err := os.ReadFile("../../examples/data/mou-riverside.json")
	if err != nil {
		b.Skip("contract not found")
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseTree(data); err != nil {
			b.Fatal(err)
		}
	}
}

// A Tree reads as the decoded document does: Any is Parse's result, Get
// finds the last member of a name as a map keeps it, and FromAny makes
// the same tree of a decoded document.
func TestTree(t *testing.T) {
	for _, in := range []string{
		`{"a":[1,"x",{"b":null}],"c":true,"d":false,"e":-1.5e3,"f":{}}`,
		`[]`, `"ŵyr"`, `0`, `{"a":1,"a":2}`, `[[],[[]],{}]`,
		`{"G\u0175yr":"a\nb","":"","\"":"\/"}`, `["\ud83d\ude00",""]`,
	} {
		tree, err := ParseTree([]byte(in))
		require.NoError(t, err, in)
		v, err := Parse([]byte(in))
		require.NoError(t, err, in)
		assert.Equal(t, v, tree.Root().Any(), in)
		assert.Equal(t, v, FromAny(v).Root().Any(), in)
	}
	tree, err := ParseTree([]byte(`{"id":"a","n":7,"list":["x",1,"y"],"obj":{"k":"v"},"id":"b","yes":true}`))
	require.NoError(t, err)
	root := tree.Root()
	assert.True(t, tree.HasDuplicates())
	assert.Equal(t, "b", root.GetString("id"), "the last of a name, as Parse keeps it")
	assert.Equal(t, []string{"x", "y"}, root.GetStrings("list"))
	assert.Equal(t, 3, root.Get("list").Len())
	assert.Equal(t, 0, root.Get("obj").Len(), "Len counts an array's elements only")
	assert.Equal(t, 7.0, *root.GetNumber("n"))
	assert.Nil(t, root.GetNumber("id"))
	assert.True(t, root.GetBool("yes"))
	assert.False(t, root.GetBool("n"))
	obj, ok := root.Object("obj")
	require.True(t, ok)
	assert.Equal(t, "v", obj.GetString("k"))
	_, ok = root.Object("list")
	assert.False(t, ok)
	assert.Equal(t, KindAbsent, root.Get("missing").Kind())
	assert.Equal(t, KindAbsent, root.Get("list").Get("x").Kind(), "an array has no members")
	assert.Equal(t, KindAbsent, (*Tree)(nil).Root().Kind())
	var keys []string
	for k := range root.Members() {
		keys = append(keys, k)
	}
	assert.Equal(t, []string{"id", "n", "list", "obj", "id", "yes"}, keys, "in document order")
	for range obj.Items() {
		t.Fatal("an object has no items")
	}
	var wide strings.Builder
	for i := range 20 {
		fmt.Fprintf(&wide, `,"m%d":%d`, i, i)
	}
	for _, tt := range []struct {
		in  string
		dup bool
	}{{`{"m19":0` + wide.String() + `}`, true}, {`{"z":0` + wide.String() + `}`, false}} {
		tree, err := ParseTree([]byte(tt.in))
		require.NoError(t, err)
		assert.Equal(t, tt.dup, tree.HasDuplicates(), "a wide object, looked through a map")
		assert.Equal(t, "19", tree.Root().Get("m19").Text())
	}
	unique, err := ParseTree([]byte(`{"a":{"x":1,"y":2},"b":{"x":3}}`))
	require.NoError(t, err)
	assert.False(t, unique.HasDuplicates(), "the same name in two objects is no duplicate")
}
