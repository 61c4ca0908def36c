package form

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// allOfCases are schemas whose two allOf branches give the same keyword,
// each with a value that breaks only the second branch's (bad), the
// problem Problems reports for it, and a value that keeps both (good).
var allOfCases = []struct {
	name, schema string
	bad, good    string
	ptr, want    string
}{
	{"contains", `{"type": "array", "allOf": [{"contains": {"const": "a"}}, {"contains": {"const": "b"}}]}`,
		`["a", "c"]`, `["b", "a"]`, "", "Add “B” to the list."},
	{"maxContains", `{"type": "array", "allOf": [{"contains": {"const": "a"}}, {"contains": {"const": "b"}, "maxContains": 1}]}`,
		`["a", "b", "b"]`, `["a", "b"]`, "", "at most 1 item like “B”"},
	{"minContains of the second", `{"type": "array", "allOf": [{"contains": {"const": "a"}, "maxContains": 1}, {"contains": {"const": "b"}, "minContains": 2}]}`,
		`["a", "b"]`, `["b", "a", "b"]`, "", "at least 2 items"},
	{"pattern", `{"type": "string", "allOf": [{"pattern": "^a"}, {"pattern": "z$"}]}`,
		`"ab"`, `"az"`, "", "not in the form asked for"},
	{"pattern beside a $ref", `{"$defs": {"a": {"type": "string", "pattern": "^a"}}, "$ref": "#/$defs/a", "pattern": "z$"}`,
		`"ab"`, `"az"`, "", "not in the form asked for"},
	{"minimum", `{"type": "number", "allOf": [{"minimum": 1}, {"minimum": 5}]}`,
		`3`, `5`, "", "5 or more"},
	{"maximum", `{"type": "number", "allOf": [{"maximum": 10}, {"maximum": 5}]}`,
		`7`, `5`, "", "5 or less"},
	{"exclusiveMinimum", `{"type": "number", "allOf": [{"exclusiveMinimum": 1}, {"exclusiveMinimum": 5}]}`,
		`5`, `5.5`, "", "more than 5"},
	{"exclusiveMaximum", `{"type": "number", "allOf": [{"exclusiveMaximum": 10}, {"exclusiveMaximum": 5}]}`,
		`5`, `4`, "", "less than 5"},
	{"maxLength", `{"type": "string", "allOf": [{"maxLength": 10}, {"maxLength": 2}]}`,
		`"abc"`, `"ab"`, "", "2 characters or fewer"},
	{"multipleOf", `{"type": "integer", "allOf": [{"multipleOf": 2}, {"multipleOf": 3}]}`,
		`4`, `6`, "", "multiple of 3"},
	{"enum", `{"allOf": [{"enum": ["a", "b"]}, {"enum": ["b", "c"]}]}`,
		`"a"`, `"b"`, "", "This must be B."},
	{"const", `{"allOf": [{"enum": ["a", "b"]}, {"const": "b"}]}`,
		`"a"`, `"b"`, "", "This must be B."},
	{"enum and const with nothing in common", `{"allOf": [{"enum": ["a", "b"]}, {"const": "c"}]}`,
		`"a"`, ``, "", "Nothing is allowed here"},
	{"type", `{"allOf": [{"type": ["string", "integer"]}, {"type": "number"}]}`,
		`"a"`, `3`, "", "whole number"},
	{"types with nothing in common", `{"allOf": [{"type": "string"}, {"type": "integer"}]}`,
		`"a"`, ``, "", "Nothing is allowed here"},
	{"required", `{"type": "object", "properties": {"a": {}, "b": {}}, "allOf": [{"required": ["a"]}, {"required": ["b"]}]}`,
		`{"a": 1}`, `{"a": 1, "b": 2}`, "/b", "Fill in b."},
	{"not", `{"type": "string", "allOf": [{"not": {"const": "a"}}, {"not": {"const": "b"}}]}`,
		`"b"`, `"c"`, "", "This cannot be"},
	{"format", `{"type": "string", "allOf": [{"format": "email"}, {"format": "date"}]}`,
		`"a@b.org"`, ``, "", "Enter a date"},
	{"uniqueItems", `{"type": "array", "allOf": [{"items": {"type": "integer"}}, {"uniqueItems": true}]}`,
		`[1, 1]`, `[1, 2]`, "/1", "the same as item 1"},
	{"items", `{"type": "array", "allOf": [{"items": {"type": "integer"}}, {"items": {"maximum": 3}}]}`,
		`[1, 4]`, `[1, 3]`, "/1", "3 or less"},
	{"prefixItems", `{"type": "array", "allOf": [{"prefixItems": [{"type": "string"}]}, {"items": {"maxLength": 1}}]}`,
		`["ab"]`, `["a", "b"]`, "/0", "1 characters or fewer"},
	{"properties", `{"type": "object", "allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"a": {"maxLength": 1}}}]}`,
		`{"a": "ab"}`, `{"a": "b"}`, "/a", "1 characters or fewer"},
	{"additionalProperties", `{"type": "object", "allOf": [{"properties": {"b": {}}}, {"properties": {"a": {}}, "additionalProperties": false}]}`,
		`{"a": 1, "b": 1}`, `{"a": 1}`, "/b", "not one of the members here"},
	{"propertyNames", `{"type": "object", "additionalProperties": {"type": "integer"}, "allOf": [{"propertyNames": {"maxLength": 3}}, {"propertyNames": {"pattern": "^a"}}]}`,
		`{"bc": 1}`, `{"ab": 1}`, "/bc", "cannot be a name here"},
	{"dependentRequired", `{"type": "object", "properties": {"a": {}, "b": {}, "c": {}}, "allOf": [{"dependentRequired": {"a": ["b"]}}, {"dependentRequired": {"a": ["c"]}}]}`,
		`{"a": 1, "b": 1}`, `{"a": 1, "b": 1, "c": 1}`, "/c", "it goes with a"},
	{"dependentSchemas", `{"type": "object", "properties": {"a": {}, "b": {}}, "allOf": [{"dependentSchemas": {"a": {"properties": {"b": {"type": "string"}}}}}, {"dependentSchemas": {"a": {"properties": {"b": {"maxLength": 1}}}}}]}`,
		`{"a": 1, "b": "xy"}`, `{"a": 1, "b": "x"}`, "/b", "1 characters or fewer"},
	{"if and then in both", `{"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}, "allOf": [{"if": {"properties": {"a": {"const": 1}}}, "then": {"required": ["b"]}}, {"if": {"properties": {"a": {"const": 2}}}, "then": {"required": ["b"]}}]}`,
		`{"a": 2}`, `{"a": 3}`, "/b", "Fill in b."},
	{"additionalProperties in both", `{"type": "object", "allOf": [{"additionalProperties": {"type": "string"}}, {"additionalProperties": {"maxLength": 1}}]}`,
		`{"k": "xy"}`, `{"k": "x"}`, "/k", "1 characters or fewer"},
	{"draft-07 tuples", `{"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "allOf": [{"items": [{"type": "string"}], "additionalItems": false}, {"items": [{"maxLength": 1}]}]}`,
		`["ab"]`, `["a"]`, "/0", "1 characters or fewer"},
	{"maxItems", `{"type": "array", "allOf": [{"maxItems": 3}, {"maxItems": 1}]}`,
		`[1, 2]`, `[1]`, "", "at most 1 item"},
	{"minProperties", `{"type": "object", "additionalProperties": {"type": "integer"}, "allOf": [{"minProperties": 1}, {"minProperties": 2}]}`,
		`{"a": 1}`, `{"a": 1, "b": 2}`, "", "at least 2"},
	{"const objects", `{"allOf": [{"enum": [{"a": 1}, {"a": 2}]}, {"const": {"a": 2.0}}]}`,
		`{"a": 1}`, `{"a": 2}`, "", "This must be"},
	{"properties beside a $ref", `{"$defs": {"p": {"type": "object", "properties": {"a": {"type": "string"}}}}, "$ref": "#/$defs/p", "properties": {"a": {"maxLength": 1}}}`,
		`{"a": "xy"}`, `{"a": "x"}`, "/a", "1 characters or fewer"},
	{"conditions without a type", `{"properties": {"a": {}, "b": {}}, "allOf": [{"if": {"required": ["a"]}, "then": {"required": ["b"]}}]}`,
		`{"a": 1}`, `{"a": 1, "b": 1}`, "/b", "Fill in b."},
	{"anyOf", `{"allOf": [{"anyOf": [{"type": "string"}, {"type": "integer"}]}, {"anyOf": [{"type": "integer"}, {"type": "boolean"}]}]}`,
		`"a"`, `1`, "", "whole number"},
	{"oneOf", `{"allOf": [{"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"oneOf": [{"type": "string", "maxLength": 1}, {"type": "integer", "minimum": 5}]}]}`,
		`"ab"`, `"a"`, "", "characters or fewer"},
}

// inferred are the cases with no type, whose type the form infers from
// their keywords, as it does for any schema: on a value of another type
// it is stricter than the validator, never looser.
var inferred = map[string]bool{"conditions without a type": true}

// TestAllOfLive: a value that breaks only the second branch's keyword of
// an allOf has its problem reported as the user types it, and goes when
// it keeps both branches.
func TestAllOfLive(t *testing.T) {
	for _, tc := range allOfCases {
		t.Run(tc.name, func(t *testing.T) {
			f := compileForm(t, tc.schema, tc.bad)
			problems := f.Problems()
			require.NotEmpty(t, problems, "%s breaks the second branch", tc.bad)
			found := false
			for _, p := range problems {
				found = found || p.Path == tc.ptr && strings.Contains(p.Message, tc.want)
			}
			assert.True(t, found, "want %q at %q, got %v", tc.want, tc.ptr, problems)
			if tc.good != "" {
				f.Load(decodeJSON(t, []byte(tc.good)))
				assert.Empty(t, f.Problems(), "%s keeps both branches", tc.good)
			}
		})
	}
}

// TestAllOfAgreesWithTheValidator holds the form's verdict on each
// allOf case's values to jsonschema/v6's: the form never calls a value
// valid that the validator does not, nor the other way about. Each
// schema is a member's, as a developer's schema has them. An empty text
// box takes its member out, but "" in the document (a list's item, a
// loaded value) has its format checked, as the validator does.
func TestAllOfAgreesWithTheValidator(t *testing.T) {
	more := []string{`null`, `0`, `7`, `-1`, `2.5`, `""`, `"a"`, `"b"`, `"z"`, `"az"`, `"2027-01-01"`, `"a@b.org"`, `true`,
		`[]`, `[""]`, `["a"]`, `["b"]`, `["a", "b", "b"]`, `[1, 2, 2]`, `{}`, `{"a": 1}`, `{"a": "x", "b": 1}`, `{"a": 1, "c": 1}`}
	for _, tc := range allOfCases {
		t.Run(tc.name, func(t *testing.T) {
			agree(t, tc.schema, append([]string{tc.bad, tc.good}, more...), inferred[tc.name])
		})
	}
}

// TestAllOfUnmerged: what allOf's branches say that the form cannot
// merge is listed in Unsupported, not dropped.
func TestAllOfUnmerged(t *testing.T) {
	cases := []struct{ name, schema, want string }{
		{"a pattern Go cannot read, beside another", `{"type": "string", "allOf": [{"pattern": "^a"}, {"pattern": "(?=b)"}]}`, "pattern"},
		{"a format the form does not check, beside another", `{"type": "string", "allOf": [{"format": "email"}, {"format": "ipv4"}]}`, "format"},
		{"additionalProperties beside another branch's pattern", `{"type": "object", "allOf": [{"additionalProperties": {"type": "string"}}, {"patternProperties": {"^x": {}}}]}`, "additionalProperties"},
		{"a condition on text", `{"type": "string", "allOf": [{"if": {"maxLength": 2}, "then": {"pattern": "^a"}}]}`, "if"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root, err := Compile([]byte(`{"type": "object", "properties": {"x": `+tc.schema+`}}`), nil)
			require.NoError(t, err)
			x := root.Property("x")
			assert.Contains(t, x.Unsupported, tc.want)
			assert.Contains(t, New(root, "t").HTML(nil), "The form does not check")
		})
	}
}

// TestAllOfMergeIsBounded: two enums too long to compare are not
// compared, many branches naming one member compile, and a long chain
// of allOf compiles within the field budget.
func TestAllOfMergeIsBounded(t *testing.T) {
	var a, b strings.Builder
	for i := range 2000 {
		if i > 0 {
			a.WriteString(",")
			b.WriteString(",")
		}
		a.WriteString(`"a` + strconv.Itoa(i) + `"`)
		b.WriteString(`"a` + strconv.Itoa(i+1000) + `"`)
	}
	root, err := Compile([]byte(`{"allOf": [{"enum": [`+a.String()+`]}, {"enum": [`+b.String()+`]}]}`), nil)
	require.NoError(t, err)
	assert.Len(t, root.Options, maxOptions, "the first enum is shown, as far as it may be")
	assert.Contains(t, root.Unsupported, "enum", "the second, too long to check, is listed")

	// Many branches naming one member: one allOf of them all, not one
	// nested in the next; the same contains in each is checked once.
	branches := strings.Repeat(`{"properties": {"a": {"minimum": 1}}, "contains": {"const": 1}},`, 300)
	root, err = Compile([]byte(`{"allOf": [`+strings.TrimSuffix(branches, ",")+`]}`), nil)
	require.NoError(t, err)
	require.NotNil(t, root.Property("a"))
	assert.Equal(t, KindNumber, root.Property("a").Kind)
	assert.Empty(t, root.All)

	schema := strings.Repeat(`{"allOf": [{"minimum": 1}, `, 60) + `{"maximum": 2}` + strings.Repeat(`]}`, 60)
	root, err = Compile([]byte(schema), nil)
	require.NoError(t, err)
	require.NotNil(t, root.Checks)
	assert.Equal(t, 1.0, *root.Checks.Minimum)
	assert.Equal(t, 2.0, *root.Checks.Maximum)
}

// TestAllOfConditionsShowEither: a member that the then of each of two
// allOf branches asks for shows while either if holds, so that the form
// never asks for a member it hides.
func TestAllOfConditionsShowEither(t *testing.T) {
	const schema = `{"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "string"}},
	  "allOf": [{"if": {"properties": {"a": {"const": 1}}, "required": ["a"]}, "then": {"required": ["b"]}},
	            {"if": {"properties": {"a": {"const": 2}}, "required": ["a"]}, "then": {"required": ["b"]}}]}`
	for _, tc := range []struct {
		a    string
		show bool
	}{{"1", true}, {"2", true}, {"3", false}} {
		f := compileForm(t, schema, `{"a": `+tc.a+`}`)
		page := f.HTML(nil)
		if tc.show {
			assert.Contains(t, page, `id="t__b"`, "a = %s", tc.a)
			assert.Equal(t, "/b", f.Problems()[0].Path, "a = %s", tc.a)
		} else {
			assert.NotContains(t, page, `id="t__b"`, "a = %s", tc.a)
			assert.Empty(t, f.Problems(), "a = %s", tc.a)
		}
	}
}
