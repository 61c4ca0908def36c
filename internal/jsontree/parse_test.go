package jsontree

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMatchesEncodingJSON(t *testing.T) {
	tests := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e-3`, `-12E+4`, `"x"`,
		`{"a":[1,2,{"b":null}],"c":"\u00e9\ud83d\ude00\n\t\"\\\/"}`,
		" \r\n\t{ \"a\" : 1 , \"a\" : 2 } ",
		`"caf\u00e9 & Ysgol G\u0175yr"`,
		`"lone \ud800 surrogate"`,
		"\"bad utf8 \xff here\"",
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
			assert.False(t, json.Valid([]byte(tt.in)), "encoding/json agrees the input is invalid")
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
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Parse(data)
		valid := json.Valid(data)
		if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
			valid = json.Valid(data[3:])
		}
		if valid != (err == nil) {
			t.Fatalf("Parse error %v but json.Valid says %v", err, valid)
		}
		if err != nil {
			var e *Error
			require.ErrorAs(t, err, &e)
			require.True(t, e.Offset >= 0 && e.Offset <= len(data), "offset %d out of range", e.Offset)
			return
		}
		var want any
		d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
		d.UseNumber()
		require.NoError(t, d.Decode(&want))
		require.Equal(t, want, got)
	})
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
