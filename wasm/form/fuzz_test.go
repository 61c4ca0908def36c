package form

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/partnerkit/partnerkit/internal/htmlcheck"
)

// FuzzCompile holds Compile to never panicking on any input, and the form
// it makes to rendering well-formed HTML (unique ids, labels and
// descriptions that name elements on the page) for any document, and to
// taking any edit without panicking.
func FuzzCompile(f *testing.F) {
	files, _ := filepath.Glob("testdata/keywords/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(f, err)
		f.Add(data, []byte(`{"a": [1, {"b": "c"}], "objectives": [{}]}`), "/a/1/b", "x")
	}
	f.Add([]byte(`{"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`), []byte(`null`), "", "")
	f.Add([]byte(`{"oneOf": [{"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"type": "object"}]}`), []byte(`3`), "", "4")
	f.Add([]byte(`{"allOf": [{"$ref": "#"}]}`), []byte(`{}`), "/x", "1")
	f.Add([]byte(`{"not": {"not": {"contains": {"oneOf": [{}, {"not": {}}]}, "maxContains": 0}}}`), []byte(`[1, [2]]`), "/0", "")
	f.Add([]byte(`{"type": "object", "properties": {"f": {"type": "string", "format": "data-url", "maxLength": 3}}}`), []byte(`{}`), "/f", "data:,abcdef")
	// allOf branches that give the same keywords, merged.
	for _, tc := range allOfCases {
		f.Add([]byte(tc.schema), []byte(tc.bad), "", "x")
	}
	f.Add([]byte(`{"allOf": [{"properties": {"a": {}}, "additionalProperties": false, "patternProperties": {"^x": {}}}, {"properties": {"b": {}}, "additionalProperties": {"type": "string"}, "patternProperties": {"^y": {}, "(": {}}}]}`), []byte(`{"a": 1, "b": "c", "xa": 2, "yb": 3}`), "/b", "d")
	f.Add([]byte(`{"allOf": [{"items": [{"type": "string"}], "additionalItems": false}, {"prefixItems": [{}, {}, true], "items": false, "contains": {"type": "string"}, "maxContains": 0}]}`), []byte(`["a", 1]`), "/1", "2")
	f.Add([]byte(`{"allOf": [{"enum": [{"a": 1}, [1], null]}, {"const": {"a": 1.0}}, {"type": ["object", "null"]}, {"type": "array"}]}`), []byte(`{"a": 1}`), "/a", "1")
	f.Add([]byte(`{"allOf": [{"oneOf": [{"type": "string"}]}, {"anyOf": [{"type": "integer"}]}, {"if": {}, "then": false}, {"dependencies": {"a": ["b"]}}, {"dependencies": {"a": {"required": ["c"]}}}]}`), []byte(`"x"`), "", "y")
	// JSON text boxes, patterns, "" and schemas with no type, checked.
	for _, cases := range [][]liveCase{jsonBoxCases, foundCases, untypedCases, patternCases, emptyTextCases} {
		for _, tc := range cases {
			f.Add([]byte(tc.schema), []byte(tc.bad), "/a", "")
		}
	}
	for name, schema := range hostileSchemas() {
		if len(schema) < 20000 {
			f.Add([]byte(schema), []byte(`{"a": {"a": "x"}, "x": 1, "b": [{}]}`), "/a/a", name)
		}
	}
	f.Fuzz(func(t *testing.T, schema, doc []byte, ptr, raw string) {
		root, err := Compile(schema, nil)
		if err != nil {
			return
		}
		form := New(root, "z")
		if v, err := decodeOrdered(doc); err == nil {
			form.Load(plain(v))
		}
		_ = form.Input(ptr, raw)
		_ = form.Toggle(ptr, raw, true)
		_, _ = form.Rename(ptr, raw)
		form.Visit(ptr)
		_, _ = form.Add(ptr)
		_, _ = form.Move(ptr, -1)
		_ = form.Choose(ptr, 1)
		_ = form.Remove(ptr)
		_ = form.RefuseFile(ptr, int64(len(raw)))
		place := form.Place(ptr)
		assert.True(t, strings.HasPrefix(ptr, place), "a finding is placed on %q or a field that holds it, not %q", ptr, place)
		_ = form.Target(place)
		_, _, _ = form.Fragment(ptr, nil)
		for _, p := range form.Reshaped() {
			_, _, err := form.Fragment(p, nil)
			assert.NoError(t, err, "a reshaped member can be rendered again")
		}
		for _, p := range form.Problems() {
			assert.True(t, strings.HasPrefix(p.Path, form.Place(p.Path)), "a problem is placed on its field or one that holds it")
		}
		_ = form.Visible(Messages{place: nil})
		page := form.HTML(Messages{place: {{Severity: finding.Error, Message: raw}}})
		assert.Empty(t, htmlcheck.References(page))
		assert.NotContains(t, page, "<script")
		_ = form.JSON()
	})
}

// FuzzWriteString holds the JSON string writer to encoding/json's output.
func FuzzWriteString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" and \\ back", "\n\r\t\x00\x1f", "é ✓ \u2028\u2029", "\xff\xfe bad", "<b>&</b>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got bytes.Buffer
		writeString(&got, s)
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		assert.Equal(t, strings.TrimSuffix(want.String(), "\n"), got.String())
	})
}
