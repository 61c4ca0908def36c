package form

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/partnerkit/partnerkit/internal/htmlcheck"
	"github.com/partnerkit/partnerkit/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites the file
// with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./wasm/form -update to create %s", path)
	assert.Equal(t, string(want), string(got), "%s differs; run with -update if the change is intended", path)
}

type fixture struct {
	About    string                     `json:"about"`
	Schema   json.RawMessage            `json:"schema"`
	Others   map[string]json.RawMessage `json:"others"`
	Value    json.RawMessage            `json:"value"`
	Zero     bool                       `json:"zero"`
	Messages Messages                   `json:"messages"`
	// Problems: write what Problems finds, each placed on its field.
	Problems   bool `json:"problems"`
	References []struct {
		At, From, Label string
	} `json:"references"`
}

func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

func modelJSON(t *testing.T, f *Field) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(f))
	return b.Bytes()
}

// TestKeywords compiles each fixture in testdata/keywords, one for each
// keyword the form supports, and checks the model, the HTML and the
// document it writes against golden files.
func TestKeywords(t *testing.T) {
	files, err := filepath.Glob("testdata/keywords/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			var fx fixture
			require.NoError(t, json.Unmarshal(data, &fx))
			require.NotEmpty(t, fx.About, "say what the fixture shows")
			resolve := func(id string) ([]byte, error) {
				if s, ok := fx.Others[id]; ok {
					return s, nil
				}
				return nil, os.ErrNotExist
			}
			var opts []CompileOption
			for _, r := range fx.References {
				opts = append(opts, Reference(r.At, r.From, r.Label))
			}
			root, err := Compile(fx.Schema, resolve, opts...)
			require.NoError(t, err)
			golden(t, name+".model.json", modelJSON(t, root))
			f := New(root, "f")
			if !fx.Zero {
				f.Load(decodeJSON(t, fx.Value))
			}
			msgs := fx.Messages
			if fx.Problems {
				problems := f.Problems()
				require.NotEmpty(t, problems, "the fixture has problems to find")
				var lines []string
				msgs = Messages{}
				for _, p := range problems {
					at := f.Place(p.Path)
					msgs[at] = append(msgs[at], p)
					lines = append(lines, p.Path+" (shown at "+at+"): "+p.Message)
				}
				golden(t, name+".problems.txt", []byte(strings.Join(lines, "\n")+"\n"))
			}
			page := f.HTML(msgs)
			golden(t, name+".html", []byte(page))
			golden(t, name+".doc.json", f.JSON())
			assertWellFormed(t, page)
		})
	}
}

// TestBuiltinSchemas compiles every partnerkit schema: none may fall back
// to JSON text but a score request's documents.
func TestBuiltinSchemas(t *testing.T) {
	for _, s := range schemas.All() {
		if s.Name == schemas.Defs {
			continue
		}
		t.Run(s.Name, func(t *testing.T) {
			root, err := ForSchema(s.Name)
			require.NoError(t, err)
			golden(t, "schema-"+s.Name+".model.json", modelJSON(t, root))
			var jsonFields []string
			walkFields(root, "", func(f *Field, path string) {
				if f.Kind == KindJSON {
					jsonFields = append(jsonFields, path+" ("+f.Keyword+")")
				}
				assert.NotEmpty(t, f.Label()+path, "every field has a label")
			})
			want := map[string][]string{
				// A request's envelope holds whole documents, checked by their own schemas.
				schemas.ScoreRequest: {"/framework ()", "/assessments/* ()"},
			}[s.Name]
			assert.Equal(t, want, jsonFields)
			f := New(root, s.Name)
			assertWellFormed(t, f.HTML(nil))
		})
	}
	_, err := ForSchema("nope")
	var unknown *schemas.UnknownError
	assert.ErrorAs(t, err, &unknown)
}

func walkFields(f *Field, path string, visit func(*Field, string)) {
	visit(f, path)
	for _, p := range f.Properties {
		walkFields(p, path+"/"+p.Name, visit)
	}
	if f.Items != nil {
		walkFields(f.Items, path+"/*", visit)
	}
	for i, c := range f.Choices {
		walkFields(c, path+"/<"+string(rune('0'+i))+">", visit)
	}
}

// TestContractMOU renders the contract's MOU: every value is on the page,
// and the document comes back unchanged.
func TestContractMOU(t *testing.T) {
	data, err := os.ReadFile("../../examples/data/mou-riverside.json")
	require.NoError(t, err)
	root, err := ForSchema("mou")
	require.NoError(t, err)
	f := New(root, "mou")
	doc := decodeJSON(t, data)
	f.Load(doc)
	page := f.HTML(nil)
	golden(t, "contract-mou.html", []byte(page))
	assertWellFormed(t, page)
	assert.JSONEq(t, string(data), string(f.JSON()))
	for _, want := range []string{`value="100002"`, `Fortnightly laboratory sessions at St Aidan&#39;s`, `value="&#34;pupil-voice&#34;" data-pointer="/monitoring/evidence" data-widget="checkboxes" checked`} {
		assert.Contains(t, page, want)
	}
}

// assertWellFormed checks what a browser would otherwise forgive: ids
// are unique, every label's for and ARIA reference names an element,
// and every fieldset is closed and has its legend.
func assertWellFormed(t *testing.T, page string) {
	t.Helper()
	assert.Empty(t, htmlcheck.Problems(page))
}
