package schemas

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const dataDir = "../examples/data/"

func TestContractDocumentsAreValid(t *testing.T) {
	for file, name := range map[string]string{
		"mou-riverside.json":        MOU,
		"mou-evaluation-plan.json":  MOU,
		"mou-theory-of-change.json": MOU,
		"framework-mini.json":       Framework,
		"assessment-mini.json":      Assessment,
	} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(dataDir + file)
			require.NoError(t, err)
			vs, err := validateText(MustLookup(name), data)
			require.NoError(t, err)
			assert.Empty(t, vs)
		})
	}
}

func TestTestdataDocumentsAreValid(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			var doc struct {
				Schema string          `json:"schema"`
				Doc    json.RawMessage `json:"document"`
			}
			require.NoError(t, json.Unmarshal(data, &doc))
			vs, err := validateText(MustLookup(doc.Schema), doc.Doc)
			require.NoError(t, err)
			assert.Empty(t, vs)
		})
	}
}

func TestViolations(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		doc    string
		want   []Violation
	}{
		{
			name:   "urn",
			schema: Partnership,
			doc:    `{"name":"P","model":"broad-area","partners":[{"id":"a","name":"A","type":"school","urn":"1234"}]}`,
			want:   []Violation{{"/partners/0/urn", "pattern", "a URN is six digits, like 100001"}},
		},
		{
			name:   "required members point where they belong",
			schema: MOU,
			doc:    `{"partnership":{"name":"P","model":"broad-area","partners":[]}}`,
			want:   []Violation{{"/term", "required", "Term is required"}},
		},
		{
			name:   "unknown field suggests the spelling",
			schema: MOU,
			doc:    `{"missionStatment":"x","partnership":{"name":"P","model":"broad-area","partners":[]},"term":{"start":"2026-09-01","end":"2027-08-31"}}`,
			want:   []Violation{{"/missionStatment", "additionalProperties", `"missionStatment" is not a field here: did you mean "missionStatement"?`}},
		},
		{
			name:   "unknown field with nothing close",
			schema: Effect,
			doc:    `{"zzz":1,"intervention":{"mean":1,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`,
			want:   []Violation{{"/zzz", "additionalProperties", `"zzz" is not a field here; remove it`}},
		},
		{
			name:   "British date",
			schema: MOU,
			doc:    `{"partnership":{"name":"P","model":"broad-area","partners":[]},"term":{"start":"01/09/2026","end":"2027-02-30"}}`,
			want: []Violation{
				{"/term/end", "format", "write the date as YYYY-MM-DD, like 2027-07-16"},
				{"/term/start", "format", "01/09/2026 looks like a day-month-year date: write it as 2026-09-01 (YYYY-MM-DD)"},
			},
		},
		{
			name:   "type without errorMessage",
			schema: MOU,
			doc:    `{"legallyBinding":"no","partnership":{"name":"P","model":"broad-area","partners":[]},"term":{"start":"2026-09-01","end":"2027-08-31"}}`,
			want:   []Violation{{"/legallyBinding", "type", "expected true or false, found text"}},
		},
		{
			name:   "answers must be whole numbers with slug keys",
			schema: Assessment,
			doc:    `{"framework":"f","answers":{"q1":2.5,"bad key":1,"q2":null}}`,
			want: []Violation{
				{"/answers/bad key", "propertyNames", `"bad key" is not a valid id: use letters, digits and hyphens, with no spaces`},
				{"/answers/q1", "type", "an answer is a whole number on the scale, or null for not applicable"},
			},
		},
		{
			name:   "effect size limits",
			schema: Effect,
			doc:    `{"intervention":{"mean":1,"sd":0,"n":1},"comparison":{"mean":1,"sd":1,"n":2.5}}`,
			want: []Violation{
				{"/comparison/n", "type", "a group has a whole number of at least 2 pupils"},
				{"/intervention/n", "minimum", "a group has a whole number of at least 2 pupils"},
				{"/intervention/sd", "exclusiveMinimum", "the standard deviation is a number above 0"},
			},
		},
		{
			name:   "uuid and email formats are asserted",
			schema: Partnership,
			doc:    `{"id":"not-a-uuid","name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"nobody"}]}`,
			want: []Violation{
				{"/id", "format", "a document id is a UUID, like 0f8d6a52-3c1e-4d7b-9b0e-5a2f4c8e1d93"},
				{"/leads/0/email", "format", "an e-mail address looks like name@school.example"},
			},
		},
		{
			name:   "an e-mail domain needs a dot, as ajv-formats requires",
			schema: Partnership,
			doc:    `{"name":"P","model":"broad-area","partners":[],"leads":[{"partner":"a","name":"N","email":"a.okafor@staidans"}]}`,
			want:   []Violation{{"/leads/0/email", "pattern", "an e-mail address looks like name@school.example"}},
		},
		{
			name:   "an enumeration is a oneOf of titled consts, worded as the schema says",
			schema: Partnership,
			doc:    `{"name":"P","model":"Broad area","partners":[{"id":"a","name":"A","type":"skool","phase":"primary"}]}`,
			want: []Violation{
				{"/model", "oneOf", "the model is one of hub-and-spoke, broad-area or formal-structure"},
				{"/partners/0/type", "oneOf", "the type is one of school, college, university, charity, local-authority, business or other"},
			},
		},
		{
			name:   "framework needs dimensions",
			schema: Framework,
			doc:    `{"id":"f","title":"F","scale":{"min":1,"max":5},"dimensions":[],"bands":[{"min":0,"label":"B"}]}`,
			want:   []Violation{{"/dimensions", "minItems", "add at least 1 item"}},
		},
		{
			name:   "a whole document of the wrong type",
			schema: MOU,
			doc:    `[]`,
			want:   []Violation{{"", "type", "expected an object ({…}), found a list ([…])"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := validateText(MustLookup(tt.schema), []byte(tt.doc))
			require.NoError(t, err)
			assert.Equal(t, tt.want, vs)
		})
	}
}

func TestViolationString(t *testing.T) {
	v := Violation{Path: "/partnership/partners/2/urn", Message: "a URN is six digits, like 100001"}
	assert.Equal(t, "partnership.partners[2].urn: a URN is six digits, like 100001", v.String())
}

func TestDecodeSyntaxError(t *testing.T) {
	_, err := Decode([]byte("{\n  \"title\": \"x\",\n  \"term\": {\"start\": \"2026-09-01\" \"end\": \"2027-08-31\"}\n}"))
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 3, se.Line)
	assert.Equal(t, 34, se.Column)
	assert.Equal(t, `line 3, column 34: unexpected '"'; expected ',' or '}' after an object member`, err.Error())
}

func TestLookup(t *testing.T) {
	for _, name := range Names() {
		s, err := Lookup(name)
		require.NoError(t, err)
		assert.Equal(t, name, s.Name)
		assert.Equal(t, BaseURL+name+".json", s.ID)
		assert.NotEmpty(t, s.Title)
		assert.NotEmpty(t, s.Description)
		byFile, err := Lookup(name + ".json")
		require.NoError(t, err)
		assert.Same(t, s, byFile)
		byID, err := Lookup(s.ID)
		require.NoError(t, err)
		assert.Same(t, s, byID)
	}
	_, err := Lookup("contract")
	var ue *UnknownError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), `no schema is called "contract"`)
	assert.Panics(t, func() { MustLookup("contract") })
}

func TestBytesIsACopy(t *testing.T) {
	s := MustLookup(MOU)
	b := s.Bytes()
	b[0] = 'X'
	assert.Equal(t, byte('{'), s.Bytes()[0])
}

// Every schema is valid against the 2020-12 metaschema, and every property
// has a title and a description for the form to show.
func TestSchemasAreWellFormed(t *testing.T) {
	require.NoError(t, Precompile())
	for _, s := range All() {
		t.Run(s.Name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(bytesReader(s.Bytes()))
			require.NoError(t, err)
			c := jsonschema.NewCompiler()
			meta, err := c.Compile("https://json-schema.org/draft/2020-12/schema")
			require.NoError(t, err)
			require.NoError(t, meta.Validate(doc))
			assertPropertiesDocumented(t, s, s.tree, "")
		})
	}
}

func assertPropertiesDocumented(t *testing.T, s *Schema, node map[string]any, at string) {
	t.Helper()
	for key, v := range node {
		child, ok := v.(map[string]any)
		if !ok {
			continue
		}
		if key == "properties" {
			for name, p := range child {
				prop := p.(map[string]any)
				target, _ := resolve(prop, s.ID)
				title, _ := prop["title"].(string)
				if title == "" {
					title, _ = target["title"].(string)
				}
				desc, _ := prop["description"].(string)
				if desc == "" {
					desc, _ = target["description"].(string)
				}
				assert.NotEmpty(t, title, "%s%s/%s has no title", s.Name, at, name)
				assert.NotEmpty(t, desc, "%s%s/%s has no description", s.Name, at, name)
			}
		}
		assertPropertiesDocumented(t, s, child, at+"/"+key)
	}
}

func TestValidateIsSafeForConcurrentUse(t *testing.T) {
	data, err := os.ReadFile(dataDir + "mou-riverside.json")
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			vs, err := validateText(MustLookup(MOU), data)
			assert.NoError(t, err)
			assert.Empty(t, vs)
		})
	}
	wg.Wait()
}

func BenchmarkValidateMOU(b *testing.B) {
	data, err := os.ReadFile(dataDir + "mou-riverside.json")
	require.NoError(b, err)
	s := MustLookup(MOU)
	doc, err := Decode(data)
	require.NoError(b, err)
	require.Empty(b, s.Validate(doc))
	b.Run("validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.Validate(doc)
		}
	})
	b.Run("decode+validate", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := validateText(s, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A first draft: a few violations, so that the fast path gives up and
	// the violations are reported.
	invalid := strings.NewReplacer(`"urn": "100002"`, `"urn": "10002"`, `"deadline": "2027-07-16"`, `"deadline": "16/07/2027"`,
		`"budget": 8000`, `"budget": "8000"`).Replace(string(data))
	bad, err := Decode([]byte(invalid))
	require.NoError(b, err)
	require.Len(b, s.Validate(bad), 3)
	b.Run("invalid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.Validate(bad)
		}
	})
}

func BenchmarkValidateText(b *testing.B) {
	data, err := os.ReadFile(dataDir + "mou-riverside.json")
	require.NoError(b, err)
	s := MustLookup(MOU)
	vs, err := validateText(s, data)
	require.NoError(b, err)
	require.Empty(b, vs)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		validateText(s, data)
	}
}

// jsonschema/v6 panics on some numbers and crawls on others: they are
// reported instead.
func TestOutlandishNumbers(t *testing.T) {
	for _, n := range []string{"1e655555555555555555", "1e999999999", "-1E+401", "1e-401"} {
		doc := `{"intervention":{"mean":1,"sd":` + n + `,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`
		vs, err := validateText(MustLookup(Effect), []byte(doc))
		require.NoError(t, err)
		assert.Equal(t, []Violation{{Path: "/intervention/sd", Keyword: KeywordNumber,
			Message: "this number is too large or too small to check: write it in ordinary form, such as 1.5 or 1000"}}, vs, n)
	}
	vs, err := validateText(MustLookup(Effect), []byte(`{"intervention":{"mean":1e300,"sd":1E-300,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`))
	require.NoError(t, err)
	assert.Empty(t, vs, "ordinary exponents are checked as usual")
}

// A number written with more than MaxDigits digits is reported where it
// is, without reading it exactly (which takes seconds for a million
// digits, and makes jsonschema/v6 panic on a long fraction); one of
// MaxDigits digits is checked as usual. BenchmarkValidateLongNumber
// measures the long ones.
func TestLongNumbers(t *testing.T) {
	const many = 1_000_000
	tests := []struct {
		number string
		digits int
	}{
		{strings.Repeat("7", many), many},
		{"0." + strings.Repeat("0", many) + "1", many + 2},
		{"-1." + strings.Repeat("5", many) + "e3", many + 1},
		{"2" + strings.Repeat("0", MaxDigits), MaxDigits + 1},
		{"0." + strings.Repeat("0", MaxDigits-1) + "1", MaxDigits + 1},
	}
	for _, tt := range tests {
		for _, doc := range []struct{ text, at string }{
			{`{"intervention":{"mean":` + tt.number + `,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`, "/intervention/mean"},
			{`{"intervention":{"mean":1,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2},"zzz":[` + tt.number + `]}`, "/zzz/0"},
		} {
			vs, err := validateText(MustLookup(Effect), []byte(doc.text))
			require.NoError(t, err)
			assert.Equal(t, []Violation{{Path: doc.at, Keyword: KeywordNumber,
				Message: "this number has " + strconv.Itoa(tt.digits) + " digits, more than can be checked: write it with 400 digits or fewer, such as 1.5 or 1000"}},
				vs, "%.20s…", tt.number)
		}
	}
	for _, n := range []string{strings.Repeat("9", MaxDigits), "0." + strings.Repeat("0", MaxDigits-2) + "1", "-" + strings.Repeat("1", MaxDigits) + "e-400"} {
		doc := `{"intervention":{"mean":` + n + `,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`
		vs, err := validateText(MustLookup(Effect), []byte(doc))
		require.NoError(t, err)
		assert.Empty(t, vs, "%d digits are checked as usual", MaxDigits)
	}
}

func BenchmarkValidateLongNumber(b *testing.B) {
	for _, bc := range []struct{ name, number string }{
		{"integer", strings.Repeat("7", 1_000_000)},
		{"fraction", "0." + strings.Repeat("0", 1_000_000) + "1"},
	} {
		data := []byte(`{"intervention":{"mean":` + bc.number + `,"sd":1,"n":2},"comparison":{"mean":1,"sd":1,"n":2}}`)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				vs, err := validateText(MustLookup(Effect), data)
				if err != nil || len(vs) != 1 {
					b.Fatal(vs, err)
				}
			}
		})
	}
}

func TestLabels(t *testing.T) {
	ev := Labels("defs.json#/$defs/evidence")
	assert.Equal(t, "Case studies", ev["case-study"])
	assert.Equal(t, "Pupil voice", ev["pupil-voice"])
	assert.Len(t, ev, 9)
	assert.Equal(t, ev, Labels(BaseURL+"defs.json#/$defs/evidence"), "a full URL names the same")
	assert.Equal(t, "Self-review", Labels("assessment.json#/$defs/respondent/properties/review")["self"], "a $ref is followed")
	ev["case-study"] = "changed"
	assert.Equal(t, "Case studies", Labels("defs.json#/$defs/evidence")["case-study"], "the map is a copy")
	assert.Nil(t, Labels("defs.json#/$defs/slug"), "not an enumeration")
	assert.Nil(t, Labels("nothing.json#/$defs/evidence"))
}

// Every enumeration is a oneOf of titled consts, so that every program
// shows a value with the same words (Labels); a bare enum would be shown
// as its value.
func TestEnumerationsHaveTitles(t *testing.T) {
	var walk func(name, at string, v any)
	walk = func(name, at string, v any) {
		switch x := v.(type) {
		case map[string]any:
			assert.NotContains(t, x, "enum", "%s#%s: spell it as a oneOf of consts with titles", name, at)
			if branches, ok := x["oneOf"].([]any); ok {
				for i, b := range branches {
					if _, isConst := constBranch(b); isConst {
						assert.NotEmpty(t, b.(map[string]any)["title"], "%s#%s/oneOf/%d has no title", name, at, i)
					}
				}
			}
			for k, e := range x {
				walk(name, at+"/"+k, e)
			}
		case []any:
			for i, e := range x {
				walk(name, at+"/"+strconv.Itoa(i), e)
			}
		}
	}
	for _, s := range All() {
		walk(s.Name, "", s.tree)
	}
}
