package form

import (
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// liveCase is a schema with a value that breaks it (bad), the problem
// Problems reports for it (want, found at ptr; any problem there when
// want is ""), and a value that keeps it (good, or "" for none).
type liveCase struct {
	name, schema string
	bad, good    string
	ptr, want    string
}

// jsonBoxCases are schemas the form can show only as a JSON text box,
// whose keywords Problems checks all the same.
var jsonBoxCases = []liveCase{
	{"required with no members", `{"type": "object", "required": ["a"]}`, `{}`, `{"a": 1}`, "/a", "Fill in a."},
	{"an object's type", `{"type": "object", "required": ["a"]}`, `"a"`, ``, "", "This should be a group of members (a JSON object)."},
	{"null where an object is asked for", `{"type": "object", "required": ["a"]}`, `null`, ``, "", "a group of members"},
	{"null allowed", `{"type": ["object", "null"], "required": ["a"]}`, `{"b": 1}`, `null`, "/a", "Fill in a."},
	{"minProperties", `{"type": "object", "minProperties": 2}`, `{"a": 1}`, `{"a": 1, "b": 2}`, "", "Fill in at least 2 of these."},
	{"maxProperties", `{"type": "object", "maxProperties": 1}`, `{"a": 1, "b": 2}`, `{"a": 1}`, "", "Fill in no more than 1 of these."},
	{"minProperties with no type", `{"minProperties": 1}`, `{}`, `"any text"`, "", "Fill in at least 1 of these."},
	{"required with no type", `{"required": ["a"]}`, `{"b": 1}`, `[1]`, "/a", "Fill in a."},
	{"propertyNames with no members", `{"type": "object", "propertyNames": {"maxLength": 2}}`, `{"abc": 1}`, `{"ab": 1}`, "/abc", "cannot be a name here"},
	{"dependentRequired with no members", `{"type": "object", "dependentRequired": {"a": ["b"]}}`, `{"a": 1}`, `{"a": 1, "b": 1}`, "/b", "it goes with a"},
	{"not on a box", `{"type": "object", "required": ["a"], "not": {"required": ["b"]}}`, `{"a": 1, "b": 1}`, `{"a": 1}`, "", "not allowed here"},
	{"items false", `{"type": "array", "items": false}`, `[1]`, `[]`, "/0", "Nothing is allowed here"},
	{"items false, not a list", `{"type": "array", "items": false}`, `{}`, ``, "", "This should be a list (a JSON array)."},
	{"maxItems 0", `{"type": "array", "maxItems": 0}`, `["a"]`, `[]`, "/0", "Nothing is allowed here"},
	{"uniqueItems with no type", `{"uniqueItems": true}`, `[1, 1]`, `"any text"`, "/1", "the same as item 1"},
	{"enum of several types", `{"enum": ["a", 1]}`, `2`, `1`, "", "Choose one of the options."},
	{"const object", `{"const": {"a": 1}}`, `{"a": 2}`, `{"a": 1.0}`, "", "This must be"},
	{"types and a oneOf", `{"type": ["string", "integer"], "oneOf": [{"type": "string", "maxLength": 1}, {"type": "integer"}]}`,
		`"ab"`, `"a"`, "", "1 characters or fewer"},
	{"types and a oneOf, the wrong type", `{"type": ["string", "integer"], "oneOf": [{"type": "string", "maxLength": 1}, {"type": "integer"}]}`,
		`true`, `7`, "", ""},
	{"types and an anyOf", `{"type": ["string", "integer"], "anyOf": [{"type": "string"}, {"type": "boolean"}]}`,
		`7`, `"a"`, "", ""},
	{"oneOf and anyOf", `{"oneOf": [{"type": "string"}, {"type": "integer"}], "anyOf": [{"type": "string", "maxLength": 1}, {"type": "integer", "minimum": 5}]}`,
		`"ab"`, `"a"`, "", ""},
	{"oneOf and anyOf, the other", `{"oneOf": [{"type": "string"}, {"type": "integer"}], "anyOf": [{"type": "string", "maxLength": 1}, {"type": "integer", "minimum": 5}]}`,
		`3`, `6`, "", ""},
	{"propertyNames false", `{"type": "object", "properties": {"a": {}}, "propertyNames": false}`, `{"a": 1}`, `{}`, "/a", "cannot be a name here"},
	{"propertyNames not", `{"type": "object", "properties": {"a": {}}, "propertyNames": {"not": {"const": "b"}}}`, `{"b": 1}`, `{"a": 1}`, "/b", "cannot be a name here"},
	{"dependentSchemas with a required trigger", `{"type": "object", "properties": {"a": {}, "b": {}}, "dependentSchemas": {"a": {"required": ["b"]}}}`,
		`{"a": 1}`, `{"b": 1}`, "/b", "Fill in b."},
}

// foundCases are keywords the differential test found unchecked: a
// property whose schema is false, what stands beside an enum or a
// const, and what a then, an else or a dependentSchemas entry says of
// the whole object.
var foundCases = []liveCase{
	{"a property that must not be there", `{"type": "object", "properties": {"a": false, "b": {}}}`, `{"a": 1}`, `{"b": 1}`, "/a", "“a” is not one of the members here: take it out."},
	{"only a property that must not be there", `{"type": "object", "properties": {"a": false}}`, `{"a": 1}`, `{"b": 1}`, "/a", "take it out"},
	{"maxLength beside an enum", `{"type": "string", "enum": ["a", "bc"], "maxLength": 1}`, `"bc"`, `"a"`, "", "1 characters or fewer"},
	{"minimum beside a const", `{"const": 3, "minimum": 5}`, `3`, ``, "", "5 or more"},
	{"pattern beside labelled options", `{"oneOf": [{"const": "a", "title": "A"}, {"const": "b", "title": "B"}], "type": "string", "pattern": "^a"}`,
		`"b"`, `"a"`, "", "not in the form asked for"},
	{"then false", `{"type": "object", "properties": {"a": {}}, "if": {"required": ["a"]}, "then": false}`, `{"a": 1}`, `{}`, "", "cannot go together"},
	{"then with maxProperties", `{"type": "object", "properties": {"a": {}, "b": {}}, "if": {"required": ["a"]}, "then": {"maxProperties": 1}}`,
		`{"a": 1, "b": 1}`, `{"a": 1}`, "", "no more than 1"},
	{"then with not", `{"type": "object", "properties": {"a": {}, "b": {}}, "if": {"required": ["a"]}, "then": {"not": {"required": ["b"]}}}`,
		`{"a": 1, "b": 1}`, `{"b": 1}`, "", "not allowed here"},
	{"then closed", `{"type": "object", "properties": {"a": {}}, "if": {"required": ["a"]}, "then": {"properties": {"a": {}}, "additionalProperties": false}}`,
		`{"a": 1, "c": 1}`, `{"c": 1}`, "/c", "take it out"},
	{"dependentSchemas false", `{"type": "object", "dependentSchemas": {"a": false}}`, `{"a": 1}`, `{"b": 1}`, "", "cannot go together"},
	{"dependentSchemas with maxProperties", `{"type": "object", "properties": {"a": {}, "b": {"type": "integer"}}, "dependentSchemas": {"a": {"maxProperties": 1}}}`,
		`{"a": 1, "b": 1}`, `{"b": 1}`, "", "no more than 1"},
}

// untypedCases are schemas with no type whose kind the form infers,
// matched against a value of another kind (for not, contains, if and a
// oneOf's branches): the keywords do not apply to it, so it matches, as
// the validator says.
var untypedCases = []liveCase{
	{"not of a number's bounds, on text", `{"type": "string", "not": {"minimum": 3}}`, `"a"`, ``, "", "not allowed here"},
	{"oneOf of text's and a number's keywords", `{"oneOf": [{"minLength": 2}, {"minimum": 5}]}`, `"ab"`, `0`, "", "matches more than one"},
	{"oneOf of an object's and a list's keywords", `{"oneOf": [{"required": ["a"]}, {"minItems": 1}]}`, `{"a": 1}`, `{}`, "", "matches more than one"},
	{"contains a number's bounds", `{"type": "array", "contains": {"minimum": 3}}`, `[1]`, `["a"]`, "", "at least"},
	{"if on a number's bounds, on text", `{"type": "object", "properties": {"a": {"type": "string"}}, "if": {"properties": {"a": {"minimum": 5}}}, "then": {"required": ["b"]}}`,
		`{"a": "x"}`, `{"a": "x", "b": 1}`, "/b", "Fill in b."},
}

// patternCases are members that several patternProperties (or a
// property and a pattern) govern: each must hold.
var patternCases = []liveCase{
	{"two patterns", `{"type": "object", "patternProperties": {"^a": {"type": "string"}, "b$": {"type": "string", "maxLength": 1}}}`,
		`{"ab": "xy"}`, `{"ab": "x", "b": "y"}`, "/ab", "1 characters or fewer"},
	{"the second pattern's type", `{"type": "object", "patternProperties": {"^a": {"type": ["string", "integer"], "maxLength": 1}, "b$": {"type": "integer"}}}`,
		`{"ab": "x"}`, `{"ab": 1, "a": "x"}`, "/ab", "Enter a whole number"},
	{"a property and a pattern", `{"type": "object", "properties": {"ab": {"type": "string"}}, "patternProperties": {"^a": {"type": "string", "maxLength": 1}}}`,
		`{"ab": "xy"}`, `{"ab": "x"}`, "/ab", "1 characters or fewer"},
	{"patterns, not additionalProperties", `{"type": "object", "patternProperties": {"^a": {"type": "string"}}, "additionalProperties": {"type": "integer"}}`,
		`{"ab": 1}`, `{"ab": "x", "c": 1}`, "/ab", "Write this as text."},
	{"patterns and closed", `{"type": "object", "patternProperties": {"^a": {}, "^b": {"type": "integer"}}, "additionalProperties": false}`,
		`{"c": 1}`, `{"a": "x", "b": 1}`, "/c", "not one this list allows"},
}

// emptyTextCases: "" in the document (a list's item, or a loaded
// value) has its format checked, as the validator checks it.
var emptyTextCases = []liveCase{
	{"a list's empty date", `{"type": "array", "items": {"type": "string", "format": "date"}}`, `[""]`, `["2027-01-01"]`, "/0", "Enter a date"},
	{"a loaded empty e-mail address", `{"type": "string", "format": "email"}`, `""`, `"a@b.org"`, "", "Enter an e-mail address"},
	{"a loaded empty time", `{"type": "string", "format": "time"}`, `""`, `"09:30:00Z"`, "", "Enter a time"},
	{"a loaded empty web address", `{"type": "string", "format": "uri"}`, `""`, `"https://example.org/"`, "", "Enter a full web address"},
}

func runLive(t *testing.T, cases []liveCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := compileForm(t, tc.schema, tc.bad)
			problems := f.Problems()
			require.NotEmpty(t, problems, "%s breaks %s", tc.bad, tc.schema)
			found := false
			for _, p := range problems {
				found = found || p.Path == tc.ptr && strings.Contains(p.Message, tc.want)
				assert.Equal(t, CodeSchema, p.Code)
				assert.True(t, strings.HasSuffix(p.Message, "."), "a sentence: %q", p.Message)
			}
			assert.True(t, found, "want %q at %q, got %v", tc.want, tc.ptr, problems)
			if tc.good != "" {
				f.Load(decodeJSON(t, []byte(tc.good)))
				assert.Empty(t, f.Problems(), "%s keeps %s", tc.good, tc.schema)
			}
		})
	}
}

// TestJSONBoxChecks: a field shown as a JSON text box has its value
// checked against its schema's keywords, at the value's pointer.
func TestJSONBoxChecks(t *testing.T) {
	runLive(t, jsonBoxCases)
	runLive(t, foundCases)
	// Empty tuples, which the meta-schemas do not allow, and so the
	// validator will not compile: a list that must stay empty all the same.
	runLive(t, []liveCase{
		{"an empty tuple", `{"type": "array", "prefixItems": [], "items": false}`, `[1]`, `[]`, "/0", "Nothing is allowed here"},
		{"draft-07 empty tuple", `{"type": "array", "items": [], "additionalItems": false}`, `[1]`, `[]`, "/0", "Nothing is allowed here"},
	})
}

// TestUntypedKeywordsMatchOtherKinds: where the form tells whether a
// value matches a schema with no type, keywords about another kind do
// not rule the value out.
func TestUntypedKeywordsMatchOtherKinds(t *testing.T) {
	runLive(t, untypedCases)
}

// TestPatternPropertiesAll: a member's value must hold every matching
// pattern's schema and its property's, not only the first.
func TestPatternPropertiesAll(t *testing.T) {
	runLive(t, patternCases)
}

// TestEmptyTextFormat: "" that is in the document has its format
// checked.
func TestEmptyTextFormat(t *testing.T) {
	runLive(t, emptyTextCases)
}

// TestEmptyTextBoxIsAbsent drives the form as a user does: clearing an
// optional date box takes the member out, so that nothing is reported,
// as the validator says of the document; an item added to a list of
// dates is "" until filled in, which both report.
func TestEmptyTextBoxIsAbsent(t *testing.T) {
	const schema = `{"type": "object", "properties": {"d": {"type": "string", "format": "date"},
	  "l": {"type": "array", "items": {"type": "string", "format": "date"}}}}`
	sch := validatorFor(t, schema)
	f := compileForm(t, schema, "")
	require.NoError(t, f.Input("/d", "2027-01-01"))
	require.NoError(t, f.Input("/d", ""))
	assert.NotContains(t, string(f.JSON()), `"d"`, "an empty box is no member")
	assert.Empty(t, f.Problems())
	assert.NoError(t, sch.Validate(instance(t, string(f.JSON()))))

	at, err := f.Add("/l")
	require.NoError(t, err)
	assert.Contains(t, string(f.JSON()), `""`)
	problems := f.Problems()
	require.Len(t, problems, 1)
	assert.Equal(t, at, problems[0].Path)
	assert.Equal(t, "Enter a date, like 2027-07-16.", problems[0].Message)
	assert.Error(t, sch.Validate(instance(t, string(f.JSON()))))
	require.NoError(t, f.Input(at, "2027-01-01"))
	assert.Empty(t, f.Problems())
}

// TestJSONBoxUnsupported: what a JSON text box cannot check is listed,
// and the page says so.
func TestJSONBoxUnsupported(t *testing.T) {
	cases := []struct{ name, schema, want string }{
		{"a reference it cannot follow", `{"$ref": "https://elsewhere.invalid/s.json"}`, "$ref"},
		{"types and a oneOf it cannot check", `{"type": ["string", "integer"], "oneOf": [{"type": "string", "format": "ipv4"}, {"type": "integer"}]}`, "oneOf"},
		{"propertyNames it cannot check", `{"type": "object", "properties": {"a": {}}, "propertyNames": {"format": "ipv4"}}`, "propertyNames"},
		{"more places in a tuple than the form holds", `{"type": "array", "prefixItems": [` +
			strings.TrimSuffix(strings.Repeat(`{"type": "integer"},`, maxDepth+1), ",") + `]}`, "prefixItems"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root, err := Compile([]byte(`{"type": "object", "properties": {"x": `+tc.schema+`}}`), nil)
			require.NoError(t, err)
			assert.Contains(t, root.Property("x").Unsupported, tc.want)
			assert.Contains(t, New(root, "t").HTML(nil), "The form does not check")
		})
	}
}

// TestJSONBoxIsBounded: a JSON text box's checks stay within the
// compile and problem budgets: choices within choices that the form
// can show only as JSON compile within the field budget, and a box
// requiring very many members reports at most maxProblems.
func TestJSONBoxIsBounded(t *testing.T) {
	storm := strings.Repeat(`{"type": ["string", "integer", "object"], "oneOf": [`, 40) + `{}` +
		strings.Repeat(`, {"type": "string"}]}`, 40)
	root, err := Compile([]byte(storm), nil)
	require.NoError(t, err)
	assert.Equal(t, KindJSON, root.Kind)
	f := New(root, "h")
	f.Load(decodeJSON(t, []byte(`"a"`)))
	_ = f.Problems()

	var req strings.Builder
	req.WriteString(`{"type": "object", "required": [`)
	for i := range 100000 {
		if i > 0 {
			req.WriteByte(',')
		}
		req.WriteString(`"m` + strconv.Itoa(i) + `"`)
	}
	req.WriteString(`]}`)
	f = compileForm(t, req.String(), `{}`)
	problems := f.Problems()
	assert.Len(t, problems, maxProblems)
	assert.Equal(t, "/m0", problems[0].Path)
}

// TestJSONBoxAgreesWithTheValidator holds the form's verdict on the
// JSON boxes', patterns' and empty texts' values to jsonschema/v6's,
// as TestAllOfAgreesWithTheValidator does for allOf.
func TestJSONBoxAgreesWithTheValidator(t *testing.T) {
	more := []string{`null`, `0`, `7`, `-1`, `2.5`, `""`, `"a"`, `"ab"`, `"xy"`, `"2027-01-01"`, `"a@b.org"`, `true`,
		`[]`, `[""]`, `["a"]`, `[1, 1]`, `[1, 2]`, `{}`, `{"a": 1}`, `{"b": 1}`, `{"a": 1, "b": 1}`, `{"ab": "x"}`,
		`{"ab": "xy"}`, `{"ab": 1}`, `{"abc": 1}`, `{"c": 1}`, `{"a": "x", "b": "y"}`}
	for _, cases := range [][]liveCase{jsonBoxCases, foundCases, untypedCases, patternCases, emptyTextCases} {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				agree(t, tc.schema, append([]string{tc.bad, tc.good}, more...), false)
			})
		}
	}
}

// agree checks each value, as the member x of an object whose schema
// is x's, with the form and with the validator: the form calls valid
// what the validator does, and nothing else. With inferred, a value the
// validator allows may be one the form does not: it infers the type.
func agree(t *testing.T, member string, values []string, inferred bool) {
	t.Helper()
	schema := `{"type": "object", "properties": {"x": {"$id": "https://schema.invalid/x.json", ` +
		strings.TrimPrefix(strings.TrimSpace(member), "{") + `}}`
	sch := validatorFor(t, schema)
	root, err := Compile([]byte(schema), nil)
	require.NoError(t, err)
	for _, v := range values {
		if v == "" {
			continue
		}
		v = `{"x": ` + v + `}`
		f := New(root, "t")
		f.Load(decodeJSON(t, []byte(v)))
		problems := f.Problems()
		verr := sch.Validate(instance(t, v))
		if inferred && verr == nil {
			continue
		}
		assert.Equal(t, verr == nil, len(problems) == 0, "%s: the validator says %v; the form finds %v", v, verr, problems)
	}
}

func validatorFor(t *testing.T, schema string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema))
	require.NoError(t, err)
	require.NoError(t, c.AddResource("https://schema.invalid/root.json", doc))
	sch, err := c.Compile("https://schema.invalid/root.json")
	require.NoError(t, err)
	return sch
}

func instance(t *testing.T, v string) any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(v))
	require.NoError(t, err)
	return inst
}

// TestJSONBoxProblemsShowAtTheBox: a problem inside a JSON text box's
// value (a member it lacks) is shown at the box, as a user sees it.
func TestJSONBoxProblemsShowAtTheBox(t *testing.T) {
	f := compileForm(t, `{"type": "object", "properties": {"y": {"type": "object", "required": ["a"]}}}`, `{"y": {}}`)
	problems := f.Problems()
	require.Len(t, problems, 1)
	assert.Equal(t, "/y/a", problems[0].Path)
	assert.Equal(t, "/y", f.Place("/y/a"))
	msgs := Messages{}
	for _, p := range problems {
		msgs[f.Place(p.Path)] = append(msgs[f.Place(p.Path)], p)
	}
	page := f.HTML(msgs)
	at := strings.Index(page, `id="t__y-msg"`)
	require.GreaterOrEqual(t, at, 0)
	assert.Contains(t, page[at:at+200], "Fill in a.")
}
