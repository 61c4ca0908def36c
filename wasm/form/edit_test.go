package form

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/finding"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const editSchema = `{
  "type": "object",
  "required": ["name"],
  "properties": {
    "name": {"type": "string"},
    "budget": {"type": "number"},
    "days": {"type": "integer"},
    "none": {"type": "boolean"},
    "model": {"enum": ["hub-and-spoke", "broad-area"]},
    "finance": {"type": "object", "properties": {"currency": {"type": "string", "default": "GBP"}, "budget": {"type": "number"}}},
    "tags": {"type": "array", "items": {"type": "string"}},
    "areas": {"type": "array", "uniqueItems": true, "items": {"enum": ["teaching", "curriculum", "cpd"]}},
    "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"title": "Objective", "type": "object", "properties": {"id": {"type": "string"}}}},
    "extra": {"title": "Extra"},
    "pay": {"oneOf": [
      {"title": "Money", "type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}},
      {"title": "Time", "type": "object", "required": ["hours"], "properties": {"hours": {"type": "integer", "default": 1}}}
    ]}
  }
}`

func newEditForm(t *testing.T, doc string) *Form {
	t.Helper()
	root, err := Compile([]byte(editSchema), nil)
	require.NoError(t, err)
	f := New(root, "e")
	if doc != "" {
		f.Load(decodeJSON(t, []byte(doc)))
	}
	return f
}

func docJSON(t *testing.T, f *Form) string {
	t.Helper()
	b, err := json.Marshal(f.Value())
	require.NoError(t, err)
	return string(b)
}

func TestInput(t *testing.T) {
	tests := []struct {
		name, doc, ptr, raw, want string
		err                       bool
	}{
		{"text", `{}`, "/name", "Riverside", `{"name":"Riverside"}`, false},
		{"clearing removes the member", `{"name":"x"}`, "/name", "", `{}`, false},
		{"white space is kept for the rules to see", `{}`, "/name", "  ", `{"name":"  "}`, false},
		{"a number is kept as written", `{}`, "/budget", " 8000.50 ", `{"budget":8000.50}`, false},
		{"text in a number box stays text for the schema to report", `{}`, "/budget", "lots", `{"budget":"lots"}`, false},
		{"an integer box", `{}`, "/days", "90", `{"days":90}`, false},
		{"a checkbox", `{}`, "/none", "true", `{"none":true}`, false},
		{"unticking gives false", `{"none":true}`, "/none", "false", `{"none":false}`, false},
		{"an option is its JSON value", `{}`, "/model", `"broad-area"`, `{"model":"broad-area"}`, false},
		{"no option removes the member", `{"model":"broad-area"}`, "/model", "", `{}`, false},
		{"a missing parent is made, with its defaults", `{}`, "/finance/budget", "10", `{"finance":{"budget":10,"currency":"GBP"}}`, false},
		{"an array item cleared stays an empty string", `{"tags":["a","b"]}`, "/tags/0", "", `{"tags":["","b"]}`, false},
		{"one past the end appends", `{"tags":["a"]}`, "/tags/1", "b", `{"tags":["a","b"]}`, false},
		{"JSON text", `{}`, "/extra", `{"a": [1, 2]}`, `{"extra":{"a":[1,2]}}`, false},
		{"JSON text that does not parse leaves the document alone", `{"extra":1}`, "/extra", `{"a": `, `{"extra":1}`, true},
		{"no such member", `{}`, "/nope", "x", `{}`, true},
		{"no such item", `{"tags":[]}`, "/tags/5", "x", `{"tags":[]}`, true},
		{"a member of the chosen branch", `{"pay":{"hours":2}}`, "/pay/hours", "3", `{"pay":{"hours":3}}`, false},
		{"a member of a branch not chosen", `{"pay":{"hours":2}}`, "/pay/amount", "3", `{"pay":{"hours":2}}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newEditForm(t, tt.doc)
			err := f.Input(tt.ptr, tt.raw)
			if tt.err {
				assert.Error(t, err)
			} else {
				assert.NoError(t, err)
			}
			assert.JSONEq(t, tt.want, docJSON(t, f))
		})
	}
}

func TestDraftJSONIsShownWithItsProblem(t *testing.T) {
	f := newEditForm(t, `{"extra": 1}`)
	require.Error(t, f.Input("/extra", "{\n  \"a\": "))
	page := f.HTML(nil)
	assert.Contains(t, page, "This is not valid JSON: line 2, column 8")
	assert.Contains(t, page, "{\n  &#34;a&#34;: </textarea>", "the text typed stays in the box")
	require.NoError(t, f.Input("/extra", `{"a": 2}`))
	assert.NotContains(t, f.HTML(nil), "not valid JSON")
}

func TestToggle(t *testing.T) {
	f := newEditForm(t, `{"areas":["cpd"]}`)
	require.NoError(t, f.Toggle("/areas", `"teaching"`, true))
	assert.JSONEq(t, `{"areas":["teaching","cpd"]}`, docJSON(t, f), "options keep their order")
	require.NoError(t, f.Toggle("/areas", `"teaching"`, true))
	assert.JSONEq(t, `{"areas":["teaching","cpd"]}`, docJSON(t, f), "ticking twice adds once")
	require.NoError(t, f.Toggle("/areas", `"cpd"`, false))
	require.NoError(t, f.Toggle("/areas", `"teaching"`, false))
	assert.JSONEq(t, `{}`, docJSON(t, f), "an optional list left empty is removed")
	assert.ErrorIs(t, f.Toggle("/name", `"x"`, true), ErrNoField)
	assert.Error(t, f.Toggle("/areas", `not json`, true))
}

func TestListEdits(t *testing.T) {
	f := newEditForm(t, `{"items":[{"id":"o1"}]}`)
	assert.Error(t, f.Remove("/items/0"), "minItems is 1")
	p, err := f.Add("/items")
	require.NoError(t, err)
	assert.Equal(t, "/items/1", p)
	_, err = f.Add("/items")
	require.NoError(t, err)
	_, err = f.Add("/items")
	assert.Error(t, err, "maxItems is 3")
	require.NoError(t, f.Input("/items/2/id", "o3"))
	p, err = f.Move("/items/2", -1)
	require.NoError(t, err)
	assert.Equal(t, "/items/1", p)
	assert.JSONEq(t, `{"items":[{"id":"o1"},{"id":"o3"},{}]}`, docJSON(t, f))
	p, err = f.Move("/items/0", -1)
	require.NoError(t, err)
	assert.Equal(t, "/items/0", p, "the first item cannot move up")
	require.NoError(t, f.Remove("/items/0"))
	assert.JSONEq(t, `{"items":[{"id":"o3"},{}]}`, docJSON(t, f))
	_, err = f.Add("/name")
	assert.ErrorIs(t, err, ErrNoField)
	assert.ErrorIs(t, f.Remove("/name"), ErrNoField)
	_, err = f.Move("/name", 1)
	assert.ErrorIs(t, err, ErrNoField)
	p, err = f.Add("/tags")
	require.NoError(t, err)
	assert.Equal(t, "/tags/0", p)
	assert.JSONEq(t, `{"items":[{"id":"o3"},{}],"tags":[""]}`, docJSON(t, f), "a new text item is an empty string")
}

func TestChoose(t *testing.T) {
	f := newEditForm(t, `{"pay":{"amount":5}}`)
	require.NoError(t, f.Choose("/pay", 1))
	assert.JSONEq(t, `{"pay":{"hours":1}}`, docJSON(t, f), "the new branch starts from its zero value")
	assert.Contains(t, f.HTML(nil), `value="1" data-pointer="/pay" data-action="choose" checked`)
	require.NoError(t, f.Choose("/pay", 1))
	assert.JSONEq(t, `{"pay":{"hours":1}}`, docJSON(t, f), "choosing the same branch changes nothing")
	assert.ErrorIs(t, f.Choose("/pay", 2), ErrNoField)
	assert.ErrorIs(t, f.Choose("/name", 0), ErrNoField)
}

func TestZeroOfChoiceAndNewItems(t *testing.T) {
	f := newEditForm(t, "")
	assert.JSONEq(t, `{}`, docJSON(t, f), "an optional list starts absent, even with minItems")
	root, err := Compile([]byte(`{"required": ["items"], "properties": {"items": {"type": "array", "minItems": 2, "items": {"type": "string"}}}}`), nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"items": []any{"", ""}}, New(root, "z").Value(), "a required list starts with minItems items")
}

func TestPlaceAndTarget(t *testing.T) {
	f := newEditForm(t, `{"items":[{"id":"o1"}],"areas":["cpd"],"model":"nope","extra":{"a":1},"pay":{"hours":1}}`)
	tests := []struct{ path, place, target string }{
		{"/name", "/name", "e__name"},
		{"", "", "e"},
		{"/items/0/id", "/items/0/id", "e__items__0__id"},
		{"/items/3", "/items", "e__items"},
		{"/items/0/unknown", "/items/0", "e__items__0"},
		{"/areas/0", "/areas", "e__areas-0"},
		{"/extra/a", "/extra", "e__extra"},
		{"/pay/hours", "/pay/hours", "e__pay__hours"},
		{"/nope/deeper", "", "e"},
		{"/finance/budget", "/finance/budget", "e__finance__budget"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			place := f.Place(tt.path)
			assert.Equal(t, tt.place, place)
			assert.Equal(t, tt.target, f.Target(place))
		})
	}
}

func TestFragment(t *testing.T) {
	f := newEditForm(t, `{"items":[{"id":"o1"},{"id":"o2"}],"pay":{"hours":1}}`)
	msgs := Messages{"/items/1/id": {{Severity: finding.Error, Message: "Duplicate"}}}
	id, html, err := f.Fragment("/items", msgs)
	require.NoError(t, err)
	assert.Equal(t, "e__items", id)
	assert.Contains(t, html, `<fieldset class="pk-fieldset pk-list" id="e__items"`)
	assert.Contains(t, html, "Objective 2")
	assert.Contains(t, html, "Duplicate")
	assert.Contains(t, f.HTML(msgs), html, "a fragment is exactly what the whole form has there")

	id, html, err = f.Fragment("/pay", nil)
	require.NoError(t, err)
	assert.Equal(t, "e__pay-choice", id)
	assert.Contains(t, f.HTML(nil), html)

	id, html, err = f.Fragment("/items/1", nil)
	require.NoError(t, err)
	assert.Equal(t, "e__items__1", id)
	assert.Contains(t, html, "<legend class=\"pk-legend\" id=\"e__items__1-legend\">Objective 2</legend>")

	id, _, err = f.Fragment("/name", nil)
	require.NoError(t, err)
	assert.Equal(t, "e__name-group", id)

	id, _, err = f.Fragment("", nil)
	require.NoError(t, err)
	assert.Equal(t, "e", id)

	_, _, err = f.Fragment("/nope", nil)
	assert.ErrorIs(t, err, ErrNoField)
}

func TestID(t *testing.T) {
	f := New(&Field{Kind: KindObject, Widget: WidgetFieldset}, "mou")
	tests := map[string]string{
		"":                   "mou",
		"/missionStatement":  "mou__missionStatement",
		"/partners/0/urn":    "mou__partners__0__urn",
		"/answers/st-aidans": "mou__answers__st_2daidans",
		"/a_b/c.d":           "mou__a_5fb__c_2ed",
		"/a~1b":              "mou__a_7e1b",
		"/é":                 "mou___c3_a9",
	}
	for ptr, want := range tests {
		assert.Equal(t, want, f.ID(ptr), ptr)
	}
	assert.Equal(t, "mou__x-msg", f.MessagesID("/x"))
}

func TestMessagesHTML(t *testing.T) {
	got := MessagesHTML([]finding.Finding{{Severity: finding.Warning, Message: "Shorten <it>"}, {Severity: finding.Severity(9), Message: "x"}})
	assert.Equal(t, `<p class="pk-message pk-message-warning"><span class="pk-vh">Warning: </span>Shorten &lt;it&gt;</p>`+
		`<p class="pk-message pk-message-error"><span class="pk-vh">Error: </span>x</p>`, got)
}

func TestWords(t *testing.T) {
	tests := map[string]string{
		"meetingFrequency": "Meeting frequency",
		"hub-and-spoke":    "Hub and spoke",
		"cpd":              "CPD",
		"phone_number":     "Phone number",
		"Y6":               "Y6",
		"":                 "",
	}
	for in, want := range tests {
		assert.Equal(t, want, words(in), in)
	}
	assert.Equal(t, "Add an objective", addLabel(&Field{Items: &Field{Title: "Objective"}}))
	assert.Equal(t, "Add a URN", addLabel(&Field{Items: &Field{Title: "URN"}}))
	assert.Equal(t, "Add a partner", addLabel(&Field{Items: &Field{Title: "Partner"}}))
	assert.Equal(t, "Add an item", addLabel(&Field{Items: &Field{}}))
}

func TestCompileErrors(t *testing.T) {
	_, err := Compile([]byte(`{"type": `), nil)
	var fe *Error
	require.ErrorAs(t, err, &fe)
	assert.Contains(t, err.Error(), "form: the schema is not valid JSON")
	_, err = Compile([]byte(`{} {}`), nil)
	assert.Error(t, err)

	root, err := Compile([]byte(`{"properties": {"a": {"$ref": "other.json"}}}`), nil)
	require.NoError(t, err)
	assert.Equal(t, KindJSON, root.Property("a").Kind, "an unresolved $ref is JSON text")
	assert.Equal(t, "$ref", root.Property("a").Keyword)

	root, err = Compile([]byte(`true`), nil)
	require.NoError(t, err)
	assert.Equal(t, KindJSON, root.Kind)
}

func TestMarshalOrder(t *testing.T) {
	f := newEditForm(t, `{"zzz": 1, "tags": ["a"], "name": "n", "finance": {"budget": 1, "currency": "GBP"}, "aaa": [{"b": 1}]}`)
	assert.Equal(t, `{
  "name": "n",
  "finance": {
    "currency": "GBP",
    "budget": 1
  },
  "tags": ["a"],
  "aaa": [
    {
      "b": 1
    }
  ],
  "zzz": 1
}
`, string(f.JSON()))
}

func TestSlotsMatchTheRenderedPage(t *testing.T) {
	f := newEditForm(t, `{"items":[{"id":"o1"}]}`)
	require.Error(t, f.Input("/extra", "{"))
	msgs := Messages{"/name": {{Severity: finding.Error, Message: "Name it", Code: "name.missing"}}, "/items/0/id": {}}
	slots := f.Slots(msgs)
	assert.Len(t, slots, 2, "empty slots are left out")
	page := f.HTML(msgs)
	for ptr, html := range slots {
		assert.Contains(t, page, `id="`+f.MessagesID(ptr)+`">`+html+"</div>")
	}
	assert.Contains(t, slots["/name"], `data-code="name.missing"`)
}

func TestPointersInPageOrder(t *testing.T) {
	f := newEditForm(t, `{"items":[{"id":"o1"},{}],"pay":{"hours":1}}`)
	ptrs := f.Pointers()
	assert.Equal(t, []string{"", "/name", "/budget", "/days", "/none", "/model", "/finance", "/finance/currency", "/finance/budget",
		"/tags", "/areas", "/items", "/items/0", "/items/0/id", "/items/1", "/items/1/id", "/extra", "/pay", "/pay/hours"}, ptrs)
	page := f.HTML(nil)
	last := -1
	for _, p := range ptrs[1:] {
		at := strings.Index(page, `id="`+f.MessagesID(p)+`"`)
		require.Greater(t, at, last, p)
		last = at
	}
}
