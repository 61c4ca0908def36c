package form

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compileForm(t *testing.T, schema, doc string, opts ...CompileOption) *Form {
	t.Helper()
	root, err := Compile([]byte(schema), nil, opts...)
	require.NoError(t, err)
	f := New(root, "t")
	if doc != "" {
		f.Load(decodeJSON(t, []byte(doc)))
	}
	return f
}

const conditionSchema = `{
  "type": "object",
  "properties": {
    "personalData": {"type": "boolean"},
    "consent": {"type": "string"},
    "security": {"type": "string"}
  },
  "if": {"properties": {"personalData": {"const": true}}, "required": ["personalData"]},
  "then": {"properties": {"consent": true, "security": true}, "required": ["consent"]}
}`

// TestConditions turns a condition off and on as a user would: what it
// governs is hidden and not written while it does not hold, and comes
// back with what was typed when it holds again.
func TestConditions(t *testing.T) {
	f := compileForm(t, conditionSchema, `{"personalData": true, "consent": "Letters home"}`)
	assert.Empty(t, f.Reshaped(), "loading reshapes nothing")
	assert.Contains(t, f.HTML(nil), `id="t__consent"`)

	require.NoError(t, f.Input("/personalData", "false"))
	assert.ElementsMatch(t, []string{"/consent", "/security"}, f.Reshaped())
	assert.JSONEq(t, `{"personalData": false}`, string(f.JSON()), "hidden values are not written")
	page := f.HTML(nil)
	assert.NotContains(t, page, `id="t__consent"`)
	assert.Contains(t, page, `id="t__consent-cond"`, "the place stays on the page, empty")
	id, html, err := f.Fragment("/consent", nil)
	require.NoError(t, err)
	assert.Equal(t, "t__consent-cond", id)
	assert.NotContains(t, html, "<input")
	assert.Empty(t, f.Problems(), "what is hidden is not checked")

	require.NoError(t, f.Input("/personalData", "true"))
	assert.ElementsMatch(t, []string{"/consent", "/security"}, f.Reshaped())
	assert.JSONEq(t, `{"personalData": true, "consent": "Letters home"}`, string(f.JSON()), "the typed value comes back")
	_, html, err = f.Fragment("/consent", nil)
	require.NoError(t, err)
	assert.Contains(t, html, `value="Letters home"`)

	require.NoError(t, f.Input("/consent", ""))
	problems := f.Problems()
	require.Len(t, problems, 1)
	assert.Equal(t, "/consent", problems[0].Path)
}

// TestMOUDataProtection: in the MOU, the data-protection details show
// only while personalData is true.
func TestMOUDataProtection(t *testing.T) {
	root, err := ForSchema("mou")
	require.NoError(t, err)
	f := New(root, "mou")
	const dp = "/monitoring/dataProtection"
	assert.NotContains(t, f.HTML(nil), `data-pointer="`+dp+`/consent"`, "a new MOU uses no personal data yet")
	require.NoError(t, f.Input(dp+"/personalData", "false"))
	page := f.HTML(nil)
	for _, m := range []string{"lawfulBasis", "consent", "sharing", "retention", "security"} {
		assert.NotContains(t, page, `data-pointer="`+dp+"/"+m+`"`, m)
		assert.Contains(t, page, `id="mou__monitoring__dataProtection__`+m+`-cond"`, m)
	}
	f.Reshaped()
	require.NoError(t, f.Input(dp+"/personalData", "true"))
	assert.Len(t, f.Reshaped(), 5)
	page = f.HTML(nil)
	for _, m := range []string{"lawfulBasis", "consent", "sharing", "retention", "security"} {
		assert.Contains(t, page, `data-pointer="`+dp+"/"+m+`"`, m)
	}
}

// TestNamedMembers adds, names, renames and removes members the user
// names, as the key-value editor does.
func TestNamedMembers(t *testing.T) {
	const schema = `{"type": "object", "properties": {"tags": {"type": "object",
	  "patternProperties": {"^[a-z]+$": {"type": "string"}}, "additionalProperties": false}}}`
	f := compileForm(t, schema, `{}`)
	item, err := f.Add("/tags")
	require.NoError(t, err)
	assert.Equal(t, "/tags/", item)
	_, err = f.Add("/tags")
	assert.Error(t, err, "one unnamed member at a time")
	assert.Equal(t, "t__tags-key-0", f.KeyID(item))

	renamed, err := f.Rename(item, "colour")
	require.NoError(t, err)
	assert.Equal(t, "/tags/colour", renamed)
	require.NoError(t, f.Input(renamed, "blue"))
	second, err := f.Add("/tags")
	require.NoError(t, err)
	_, err = f.Rename(second, "colour")
	assert.Error(t, err, "a name another member has")
	assert.Contains(t, f.Slots(nil)[second], "Another member is already called")
	second, err = f.Rename(second, "Size")
	require.NoError(t, err, "a name no pattern allows is kept, and reported")
	require.NoError(t, f.Input(second, "large"))
	assert.JSONEq(t, `{"tags": {"colour": "blue", "Size": "large"}}`, string(f.JSON()))
	problems := f.Problems()
	require.Len(t, problems, 1)
	assert.Equal(t, "/tags/Size", problems[0].Path)
	assert.Equal(t, "/tags/Size", f.Place(problems[0].Path))

	// The entry keeps its place when renamed: the order is the user's.
	renamed, err = f.Rename("/tags/colour", "zzz")
	require.NoError(t, err)
	id, html, err := f.Fragment(renamed, nil)
	require.NoError(t, err)
	assert.Equal(t, "t__tags-value-0", id)
	assert.Contains(t, html, `data-pointer="/tags/zzz"`)
	assert.Less(t, strings.Index(f.HTML(nil), "/tags/zzz"), strings.Index(f.HTML(nil), "/tags/Size"))

	require.NoError(t, f.Remove("/tags/zzz"))
	assert.JSONEq(t, `{"tags": {"Size": "large"}}`, string(f.JSON()))
}

// TestTuples: places of a tuple keep their order; only items beyond
// them, or the last, can be taken out.
func TestTuples(t *testing.T) {
	const schema = `{"type": "object", "properties": {"row": {"type": "array",
	  "prefixItems": [{"title": "Label", "type": "string"}, {"title": "Count", "type": "integer"}], "items": {"type": "boolean"}}}}`
	f := compileForm(t, schema, "")
	assert.JSONEq(t, `{}`, string(f.JSON()))
	item, err := f.Add("/row")
	require.NoError(t, err)
	assert.Equal(t, "/row/0", item)
	require.NoError(t, f.Input("/row/0", "total"))
	_, err = f.Add("/row")
	require.NoError(t, err)
	require.NoError(t, f.Input("/row/1", "3"))
	_, err = f.Add("/row")
	require.NoError(t, err)
	assert.JSONEq(t, `{"row": ["total", 3, false]}`, string(f.JSON()))
	assert.Equal(t, KindBoolean, f.At("/row/2").Kind)
	_, err = f.Move("/row/1", -1)
	assert.Error(t, err)
	assert.Error(t, f.Remove("/row/0"), "a place in the middle stays")
	require.NoError(t, f.Remove("/row/2"))
	assert.Contains(t, f.HTML(nil), `<legend class="pk-legend" id="t__row-legend">Row</legend>`)
	assert.Contains(t, f.HTML(nil), `>Count</label>`, "a place is called by its title")
}

// TestTree adds and takes out branches of a recursive schema.
func TestTree(t *testing.T) {
	const schema = `{"$defs": {"n": {"type": "object", "properties": {"name": {"type": "string"}, "next": {"$ref": "#/$defs/n"}}}}, "$ref": "#/$defs/n"}`
	f := compileForm(t, schema, `{}`)
	assert.Equal(t, 1, strings.Count(f.HTML(nil), "<input"), "one level only")
	ptr, err := f.Add("/next")
	require.NoError(t, err)
	require.NoError(t, f.Input(ptr+"/name", "second"))
	ptr, err = f.Add("/next/next")
	require.NoError(t, err)
	require.NoError(t, f.Input(ptr+"/name", "third"))
	assert.JSONEq(t, `{"next": {"name": "second", "next": {"name": "third"}}}`, string(f.JSON()))
	id, html, err := f.Fragment("/next/next", nil)
	require.NoError(t, err)
	assert.Equal(t, "t__next__next", id)
	assert.Contains(t, html, `id="t__next__next-remove"`)
	require.NoError(t, f.Remove("/next/next"))
	assert.JSONEq(t, `{"next": {"name": "second"}}`, string(f.JSON()))
	id, html, err = f.Fragment("/next/next", nil)
	require.NoError(t, err)
	assert.Equal(t, "t__next__next", id, "the same element, collapsed again")
	assert.Contains(t, html, `id="t__next__next-add"`)
}

// TestVisible: nothing is reported before the user visits a field or
// asks to check everything.
func TestVisible(t *testing.T) {
	f := compileForm(t, `{"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "string", "minLength": 3}, "b": {"type": "string"}, "c": {"type": "object", "properties": {"d": {"type": "integer"}}}}}`, `{}`)
	msgs := Messages{}
	for _, p := range f.Problems() {
		msgs[f.Place(p.Path)] = append(msgs[f.Place(p.Path)], p)
	}
	require.Len(t, msgs, 2)
	assert.Empty(t, f.Visible(msgs), "a new form shows no problems")
	require.NoError(t, f.Input("/a", "x"))
	msgs = Messages{}
	for _, p := range f.Problems() {
		msgs[f.Place(p.Path)] = append(msgs[f.Place(p.Path)], p)
	}
	shown := f.Visible(msgs)
	assert.Contains(t, shown, "/a")
	assert.NotContains(t, shown, "/b", "b is not visited yet")
	f.CheckAll()
	assert.Len(t, f.Visible(msgs), 2)
	f.Load(map[string]any{})
	assert.Empty(t, f.Visible(msgs), "a new document starts unvisited")
}

func TestInputWidgets(t *testing.T) {
	const schema = `{"type": "object", "properties": {
	  "at": {"type": "string", "format": "date-time"}, "t": {"type": "string", "format": "time"},
	  "file": {"type": "string", "format": "data-url"}, "who": {"type": "string"},
	  "ids": {"type": "array", "uniqueItems": true, "items": {"type": "string"}},
	  "people": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}}}`
	f := compileForm(t, schema, `{"people": [{"id": "p1", "name": "Ada"}, {"id": "p2"}]}`,
		Reference("/who", "/people/*/id", "name"), Reference("/ids/*", "/people/*/id", "name"))
	tests := []struct{ ptr, raw, want string }{
		{"/at", "2027-07-16T09:30:00+01:00", `"2027-07-16T09:30:00+01:00"`},
		{"/at", "2027-07-16T09:30", `"2027-07-16T09:30:00Z"`},
		{"/t", "09:30", `"09:30:00Z"`},
		{"/file", "data:text/plain;base64,aGk=", `"data:text/plain;base64,aGk="`},
		{"/who", `"p2"`, `"p2"`},
	}
	for _, tt := range tests {
		require.NoError(t, f.Input(tt.ptr, tt.raw), tt.ptr)
		v, _ := get(f.Value(), tt.ptr)
		assert.JSONEq(t, tt.want, string(f.Field().Property(tt.ptr[1:]).Marshal(v)), tt.ptr)
	}
	page := f.HTML(nil)
	assert.Contains(t, page, `<option value="&#34;p1&#34;">Ada (p1)</option>`)
	assert.Contains(t, page, `<option value="&#34;p2&#34;" selected>p2</option>`)
	assert.Contains(t, page, `type="checkbox" id="t__ids-0" name="t__ids" value="&#34;p1&#34;"`)
	assert.Contains(t, page, `type="file"`)
	assert.Contains(t, page, "A file is attached: text/plain, 3 bytes.")
	assert.Contains(t, page, `type="datetime-local" value="2027-07-16T09:30"`)
	assert.Contains(t, page, `type="time" value="09:30"`)
	require.NoError(t, f.Toggle("/ids", `"p1"`, true))
	assert.Contains(t, string(f.JSON()), `"ids": ["p1"]`)
}

// TestListLabels: an item is called by its name.
func TestListLabels(t *testing.T) {
	root, err := ForSchema("mou")
	require.NoError(t, err)
	f := New(root, "mou")
	for i, name := range []string{"St Aidan's", "Riverside Primary", "Uni", "Shoreline Marine Trust"} {
		item, err := f.Add("/partnership/partners")
		require.NoError(t, err)
		require.NoError(t, f.Input(item+"/name", name))
		_ = i
	}
	page := f.HTML(nil)
	assert.Contains(t, page, `<legend class="pk-legend" id="mou__partnership__partners__3-legend">Partner 4: Shoreline Marine Trust</legend>`)
	f.Retitled()
	require.NoError(t, f.Input("/partnership/partners/3/name", "Shoreline Trust"))
	assert.Equal(t, []Title{
		{ID: "mou__partnership__partners__3-legend", Text: "Partner 4: Shoreline Trust"},
		{ID: "mou__partnership__partners__3-up-item", Text: " partner 4: Shoreline Trust"},
		{ID: "mou__partnership__partners__3-down-item", Text: " partner 4: Shoreline Trust"},
		{ID: "mou__partnership__partners__3-remove-item", Text: " partner 4: Shoreline Trust"},
	}, f.Retitled(), "the legend and the words its buttons say to screen readers")
	// Each of those ids is on the page, around the old words.
	for _, action := range []string{"up", "down", "remove"} {
		assert.Contains(t, page, `<span class="pk-vh" id="mou__partnership__partners__3-`+action+`-item"> partner 4: Shoreline Marine Trust</span>`)
	}
	require.NoError(t, f.Input("/partnership/partners/3/urn", "123456"))
	assert.Empty(t, f.Retitled(), "the label did not change")
	assert.Contains(t, page, `>Add a partner</button>`)
	assert.Contains(t, page, `>Add an objective</button>`)
}

// TestReferencesFollowTheDocument: a picker offers a partner once it is
// named, and is to be rendered again when the partners change.
func TestReferencesFollowTheDocument(t *testing.T) {
	root, err := ForSchema("mou")
	require.NoError(t, err)
	f := New(root, "mou")
	act, err := f.Add("/activities")
	require.NoError(t, err)
	f.Reshaped()
	p, err := f.Add("/partnership/partners")
	require.NoError(t, err)
	assert.Empty(t, f.Reshaped(), "a partner with no id offers nothing yet")
	require.NoError(t, f.Input(p+"/id", "shoreline"))
	assert.Contains(t, f.Reshaped(), act+"/ledBy")
	require.NoError(t, f.Input(p+"/name", "Shoreline Marine Trust"))
	assert.Contains(t, f.Reshaped(), act+"/ledBy")
	require.NoError(t, f.Input(p+"/urn", "123456"))
	assert.Empty(t, f.Reshaped(), "nothing a picker shows changed")
	_, html, err := f.Fragment(act+"/ledBy", nil)
	require.NoError(t, err)
	assert.Contains(t, html, `<option value="&#34;shoreline&#34;">Shoreline Marine Trust (shoreline)</option>`)
	require.NoError(t, f.Input(act+"/ledBy", `"shoreline"`))
	assert.Contains(t, string(f.JSON()), `"ledBy": "shoreline"`)
}

// TestNotContainsAndOneOfLive: as the user types, not, contains and a
// oneOf's exactly one are checked again: each problem shows on its
// value's pointer, and goes when it is put right.
func TestNotContainsAndOneOfLive(t *testing.T) {
	const schema = `{"type": "object", "properties": {
	  "colour": {"type": "string", "not": {"const": "red"}},
	  "tags": {"type": "array", "items": {"type": "string"}, "contains": {"const": "urgent"}, "maxContains": 1},
	  "reference": {"oneOf": [{"title": "Short code", "type": "string", "maxLength": 4}, {"title": "Number", "type": "string", "pattern": "^[0-9]+$"}]}}}`
	f := compileForm(t, schema, `{"tags": ["urgent"]}`)
	problems := func() map[string]string {
		out := map[string]string{}
		for _, p := range f.Problems() {
			out[p.Path] = p.Message
		}
		return out
	}
	assert.Empty(t, problems())
	steps := []struct {
		ptr, value string
		want       map[string]string
	}{
		{"/colour", "red", map[string]string{"/colour": "This cannot be “Red”: choose something else."}},
		{"/colour", "blue", map[string]string{}},
		{"/tags/0", "later", map[string]string{"/tags": "Add “Urgent” to the list."}},
		{"/tags/0", "urgent", map[string]string{}},
		{"/tags/1", "urgent", map[string]string{"/tags": "Take some out: the list may hold at most 1 item like “Urgent”."}},
		{"/tags/1", "soon", map[string]string{}},
		{"/reference", "12345", map[string]string{}},
		{"/reference", "123", map[string]string{"/reference": "This matches more than one of the choices (“Short code” and “Number”): change it so that it fits only one."}},
		{"/reference", "AB", map[string]string{}},
	}
	for _, s := range steps {
		if s.ptr == "/tags/1" && f.At(s.ptr) != nil {
			if _, ok := get(f.Value(), s.ptr); !ok {
				_, err := f.Add("/tags")
				require.NoError(t, err)
			}
		}
		require.NoError(t, f.Input(s.ptr, s.value), s.ptr)
		assert.Equal(t, s.want, problems(), "%s = %q", s.ptr, s.value)
	}
	assert.JSONEq(t, `{"colour": "blue", "tags": ["urgent", "soon"], "reference": "AB"}`, string(f.JSON()))
}

// TestMatchWorkIsBounded: a value that fits both branches of a oneOf at
// every level of a recursive schema would take work exponential in its
// depth to check in full; Problems stops at its bound, having reported
// the deepest levels, and does not hang.
func TestMatchWorkIsBounded(t *testing.T) {
	const schema = `{"$defs": {"n": {"oneOf": [
	  {"title": "One", "type": "object", "properties": {"a": {"$ref": "#/$defs/n"}}},
	  {"title": "Other", "type": "object", "properties": {"a": {"$ref": "#/$defs/n"}}}]}},
	  "$ref": "#/$defs/n"}`
	doc := strings.Repeat(`{"a": `, 40) + `{}` + strings.Repeat(`}`, 40)
	f := compileForm(t, schema, doc)
	problems := f.Problems()
	require.NotEmpty(t, problems)
	assert.Equal(t, strings.Repeat("/a", 40), problems[0].Path, "the deepest value is reported first")
	assert.Contains(t, problems[0].Message, "more than one of the choices")
	assert.Less(t, len(problems), 40, "the levels above the bound are not reported")
}

// TestFileLimit: a data-url field takes a file of up to MaxFileSize, or
// less as its maxLength says; a larger one is refused, whether the
// browser read it or only told its size, with a message beside the
// field, and the file attached before is kept.
func TestFileLimit(t *testing.T) {
	const schema = `{"type": "object", "properties": {
	  "logo": {"type": "string", "format": "data-url", "maxLength": 1113},
	  "letter": {"type": "string", "format": "data-url"}}}`
	const small = "data:image/png;base64,iVBORw0KGgo="
	f := compileForm(t, schema, `{"logo": "`+small+`"}`)
	assert.Equal(t, 750, f.At("/logo").FileLimit(), "(1113 - 113) / 4 × 3")
	assert.Equal(t, MaxFileSize, f.At("/letter").FileLimit())
	assert.Contains(t, f.HTML(nil), `data-max-size="750"`, "the browser is told, so that it reads no larger file")

	big := "data:image/png;base64," + strings.Repeat("AAAA", 300) // 900 bytes
	assert.ErrorIs(t, f.Input("/logo", big), ErrFileTooLarge)
	assert.JSONEq(t, `{"logo": "`+small+`"}`, string(f.JSON()), "nothing is lost")
	slot := f.Slots(nil)["/logo"]
	assert.Contains(t, slot, "This file is 900 bytes, larger than the 750 bytes this form takes: choose a smaller one. The file attached before is kept.")

	require.NoError(t, f.Input("/logo", "data:text/plain;base64,aGk="))
	assert.Empty(t, f.Slots(nil)["/logo"], "a file that fits puts it right")
	assert.JSONEq(t, `{"logo": "data:text/plain;base64,aGk="}`, string(f.JSON()))

	// A huge file the browser did not read: only its size is known.
	assert.ErrorIs(t, f.RefuseFile("/letter", 5<<30), ErrFileTooLarge)
	assert.Contains(t, f.Slots(nil)["/letter"], "This file is 5 GB, larger than the 1 MB this form takes: choose a smaller one.")
	assert.NotContains(t, f.Slots(nil)["/letter"], "kept", "there was no file before")
	assert.ErrorIs(t, f.RefuseFile("/nothing", 1), ErrNoField)
	assert.JSONEq(t, `{"logo": "data:text/plain;base64,aGk="}`, string(f.JSON()))
}
