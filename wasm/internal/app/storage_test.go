package app

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memStore is localStorage as a map, shared by the pages of a test as
// a browser's tabs share it; fail makes every write throw that error.
type memStore struct {
	m      map[string]string
	fail   string
	writes int
}

func newMemStore() *memStore { return &memStore{m: map[string]string{}} }

func (s *memStore) Get(key string) (string, bool) { v, ok := s.m[key]; return v, ok }

func (s *memStore) Set(key, value string) error {
	if s.fail != "" {
		return errors.New(s.fail)
	}
	s.m[key] = value
	s.writes++
	return nil
}

func (s *memStore) Remove(key string) error {
	if s.fail != "" {
		return errors.New(s.fail)
	}
	delete(s.m, key)
	return nil
}

func patchHTML(patches []Patch, id string) (string, bool) {
	p, ok := find(patches, OpInner, id)
	return p.HTML, ok
}

func TestStorageRefused(t *testing.T) {
	p := newPage(t)
	p.Open(nil)
	html := p.HTML()
	assert.Contains(t, html, `id="storage-off"`)
	assert.Contains(t, html, "Nothing will be kept when you close this page")
	assert.Contains(t, html, `data-command="export" data-view="mou"`)
	assert.NotContains(t, html, "It is saved in this browser", "the page does not claim to save")
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Together"})
	assert.Empty(t, p.Save())
	assert.Contains(t, string(p.MOU().JSON()), "Together", "the form still works")
}

func TestOldSavedValuesLoad(t *testing.T) {
	fw, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	a, err := os.ReadFile("../../../examples/data/assessment-mini.json")
	require.NoError(t, err)
	m, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	store := newMemStore()
	store.m[KeyFramework], store.m[KeyAssessment], store.m[KeyMOU] = string(fw), string(a), string(m)
	p := newPage(t)
	p.Open(store)
	assert.Equal(t, "mini-health-check", p.Assessment().Framework().ID)
	assert.True(t, p.MOU().Report().Valid)
	assert.NotContains(t, p.HTML(), "could not be read")

	p.Handle(ViewAssessment, Event{Pointer: "/respondent/role", Value: "governor"})
	p.Save()
	_, ok := store.m[KeyFramework]
	assert.False(t, ok, "the framework moves into the assessment's envelope")
	again := newPage(t)
	again.Open(store)
	assert.Equal(t, "mini-health-check", again.Assessment().Framework().ID)
	assert.Contains(t, again.HTML(), `value="governor"`)
}

func TestSaveFailureIsShownAndRetried(t *testing.T) {
	store := newMemStore()
	p := newPage(t)
	p.Open(store)
	p.HTML()
	store.fail = "QuotaExceededError"
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Together"})
	html, ok := patchHTML(p.Save(), noticeSave)
	require.True(t, ok, "the user is told at once")
	assert.Contains(t, html, "Your MOU is not being saved")
	assert.Contains(t, html, "storage for this page is full")
	assert.Contains(t, html, `data-command="export" data-view="mou">Export JSON</button>`)
	assert.Empty(t, p.Save(), "the message stays as it is")

	store.fail = "SecurityError"
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Together we"})
	html, _ = patchHTML(p.Save(), noticeSave)
	assert.Contains(t, html, "the browser refused to save it (SecurityError)")

	store.fail = ""
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Together we go"})
	html, ok = patchHTML(p.Save(), noticeSave)
	require.True(t, ok)
	assert.Empty(t, html, "a save that works clears the message")
	assert.Contains(t, store.m[KeyMOU], "Together we go")
}

func TestTwoTabsNeverOverwriteSilently(t *testing.T) {
	store := newMemStore()
	a, b := newPage(t), newPage(t)
	a.Open(store)
	b.Open(store)
	a.HTML()
	b.HTML()

	a.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "A's work"})
	a.Save()
	saved := store.m[KeyMOU]

	// B hears of it through the storage event, and asks.
	html, ok := patchHTML(b.StorageEvent(KeyMOU, saved, true), noticeConflict)
	require.True(t, ok)
	assert.Contains(t, html, "This MOU was changed in another tab")
	assert.Contains(t, html, `data-command="conflict-load" data-view="mou"`)
	b.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "B's stale edit"})
	b.Save()
	assert.Equal(t, saved, store.m[KeyMOU], "the stale tab writes nothing until the user chooses")

	b.TakeTheirs(ViewMOU)
	assert.Contains(t, string(b.MOU().JSON()), "A's work")
	html, _ = patchHTML(b.Save(), noticeConflict)
	assert.Empty(t, b.st.notices[noticeConflict], html)

	// A missed event: the check before writing catches it.
	b.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "B's work"})
	b.Save()
	a.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "A again"})
	html, ok = patchHTML(a.Save(), noticeConflict)
	require.True(t, ok)
	assert.Contains(t, html, "changed in another tab")
	assert.Contains(t, store.m[KeyMOU], "B's work")

	// Keep mine writes over it, and the other tab then asks in turn.
	a.KeepMine(ViewMOU)
	assert.Contains(t, store.m[KeyMOU], "A again")
	assert.Equal(t, int64(3), revOf(store.m[KeyMOU]))
	html, _ = patchHTML(b.StorageEvent(KeyMOU, store.m[KeyMOU], true), noticeConflict)
	assert.Contains(t, html, "changed in another tab")

	// The other view is not held up.
	b.Handle(ViewAssessment, Event{Pointer: "/answers/sg1", Widget: "likert", Value: "4", Checked: true})
	b.Save()
	assert.Contains(t, store.m[KeyAssessment], `"sg1": 4`)
}

func TestStorageEventWithTheSameDocument(t *testing.T) {
	store := newMemStore()
	a, b := newPage(t), newPage(t)
	a.Open(store)
	b.Open(store)
	a.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Same"})
	b.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Same"})
	_ = a.MOU().Form().Input("/id", "x")
	_ = b.MOU().Form().Input("/id", "x")
	a.MOU().version++
	b.MOU().version++
	a.Save()
	assert.Empty(t, b.StorageEvent(KeyMOU, store.m[KeyMOU], true), "nothing to choose between")
	assert.Empty(t, b.StorageEvent("partnerkit.other", "x", true))
	assert.Empty(t, b.StorageEvent(KeyMOU, "", false))
}

func TestUnreadableSavedStateIsKept(t *testing.T) {
	for _, key := range []string{KeyMOU, KeyAssessment} {
		t.Run(key, func(t *testing.T) {
			view := keyOfKey(key)
			store := newMemStore()
			bad := `{"rev":3,"document":{"framework":"partnership-health-check","answers":{"sg1":"four"` // cut short
			store.m[key] = bad
			p := newPage(t)
			p.Open(store)
			assert.Equal(t, bad, store.m[key+KeyUnreadable], "kept under another key at once")
			html := p.HTML()
			assert.Contains(t, html, "saved in this browser could not be read")
			assert.Contains(t, html, `data-command="download-unreadable" data-view="`+view+`"`)

			p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "new"})
			p.Handle(ViewAssessment, Event{Pointer: "/answers/sg1", Widget: "likert", Value: "4", Checked: true})
			p.Save()
			assert.NotEqual(t, bad, store.m[key], "the first change is saved")
			assert.Equal(t, bad, store.m[key+KeyUnreadable])
			name, data := p.Unreadable(view)
			assert.Equal(t, bad, string(data))
			assert.True(t, strings.HasSuffix(name, "-unreadable.txt"), name)

			again := newPage(t)
			again.Open(store)
			assert.Contains(t, again.HTML(), "could not be read", "the copy is offered until it is discarded")
			html, ok := patchHTML(again.DiscardUnreadable(view), noticeUnreadable)
			require.True(t, ok)
			assert.Empty(t, html)
			_, ok = store.m[key+KeyUnreadable]
			assert.False(t, ok)
		})
	}
}

func TestUnreadableTextIsNotOverwrittenUntilKept(t *testing.T) {
	store := newMemStore()
	store.m[KeyMOU] = "{not json"
	store.fail = "QuotaExceededError"
	p := newPage(t)
	p.Open(store)
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "new"})
	html, _ := patchHTML(p.Save(), noticeSave)
	assert.Contains(t, html, "is not being saved")
	assert.Equal(t, "{not json", store.m[KeyMOU])
	store.fail = ""
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "newer"})
	p.Save()
	assert.Equal(t, "{not json", store.m[KeyMOU+KeyUnreadable])
	assert.Contains(t, store.m[KeyMOU], "newer")
}

func TestImportRefusesTheWrongKind(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile("../../../examples/data/" + name)
		require.NoError(t, err)
		return data
	}
	for _, tc := range []struct {
		view, name string
		data       []byte
		want       string
	}{
		{ViewMOU, "assessment", read("assessment-mini.json"), "This is a self-assessment, not an MOU: open it in the health check."},
		{ViewMOU, "framework", read("framework-mini.json"), "This is a self-assessment framework, not an MOU: open it in the health check."},
		{ViewMOU, "effect", read("effect.json"), "This is an effect-size file, not an MOU: the forms on this page do not open it."},
		{ViewMOU, "indicators", read("indicators.json"), "This is a file of indicators, not an MOU"},
		{ViewMOU, "partnership", []byte(`{"name": "Riverside", "model": "hub", "partners": []}`), "This is a partnership description, not an MOU"},
		{ViewMOU, "unknown", []byte(`{"colour": "blue"}`), "This file is not an MOU: it has none of an MOU&#39;s members"},
		{ViewMOU, "empty", []byte(`{}`), "This file is not an MOU"},
		{ViewAssessment, "mou", read("mou-riverside.json"), "This is an MOU, not a self-assessment or a framework: open it in the MOU builder."},
		{ViewAssessment, "effect", read("effect.json"), "This is an effect-size file, not a self-assessment or a framework"},
		{ViewAssessment, "unknown", []byte(`{"colour": "blue"}`), "This file is neither a self-assessment nor a framework"},
	} {
		t.Run(tc.view+"/"+tc.name, func(t *testing.T) {
			p := newPage(t)
			before := p.payload(keyOf(tc.view))
			html, ok := patchHTML(p.Import(tc.view, tc.name+".json", tc.data), tc.view+"-import-msg")
			require.True(t, ok)
			assert.Contains(t, html, tc.want)
			assert.Equal(t, before, p.payload(keyOf(tc.view)), "nothing is loaded")
		})
	}
	p := newPage(t)
	p.Import(ViewMOU, "", []byte(`{"title": "A first draft"}`))
	assert.Equal(t, "A first draft", p.MOU().title(), "a sparse draft with an MOU's members loads")
}

func TestKindOf(t *testing.T) {
	for file, want := range map[string]string{
		"mou-riverside.json": "mou", "mou-coastal-draft.json": "mou", "mou-evaluation-plan.json": "mou",
		"assessment-mini.json": "assessment", "framework-mini.json": "framework",
		"effect.json": "effect", "indicators.json": "indicators",
	} {
		data, err := os.ReadFile("../../../examples/data/" + file)
		require.NoError(t, err)
		doc, err := decodeObject(data, "")
		require.NoError(t, err)
		assert.Equal(t, want, kindOf(doc), file)
	}
	assert.Equal(t, "effect", kindOf(map[string]any{"$schema": "https://partnerkit.github.io/schemas/v1/effect.json"}))
	assert.Equal(t, "mou", kindOf(map[string]any{"missionStatement": "x", "answers": 1, "term": 2}), "most distinctive members win")
	assert.Equal(t, "", kindOf(map[string]any{"title": "x"}))
}

func TestImportAsksBeforeReplacing(t *testing.T) {
	data, err := os.ReadFile(contractMOU)
	require.NoError(t, err)
	p := newPage(t)
	p.HTML()
	// Into an empty form: no question.
	patches := p.Import(ViewMOU, "mou-riverside.json", data)
	html, _ := patchHTML(patches, "mou-import-msg")
	assert.Contains(t, html, "Loaded the MOU \u201cRiverside")
	assert.Contains(t, html, "from mou-riverside.json")
	assert.Contains(t, html, `data-command="undo-import"`)
	p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Mine"})

	patches = p.Import(ViewMOU, "mou-riverside.json", data)
	html, ok := patchHTML(patches, "mou-confirm")
	require.True(t, ok, "the page asks: %v", patches)
	assert.Contains(t, html, `role="alertdialog"`)
	assert.Contains(t, html, "Replace the MOU in this form?")
	_, ok = find(patches, OpFocus, "mou-confirm-title")
	assert.True(t, ok)
	assert.Contains(t, string(p.MOU().JSON()), `"Mine"`, "nothing is replaced yet")

	p.CancelImport(ViewMOU)
	assert.Contains(t, string(p.MOU().JSON()), `"Mine"`)
	assert.Nil(t, p.ConfirmImport(ViewMOU), "nothing waits any more")

	p.Import(ViewMOU, "mou-riverside.json", data)
	patches = p.ConfirmImport(ViewMOU)
	html, _ = patchHTML(patches, "mou-import-msg")
	assert.Contains(t, html, "Loaded the MOU")
	assert.NotContains(t, string(p.MOU().JSON()), `"Mine"`)

	patches = p.UndoImport(ViewMOU)
	html, _ = patchHTML(patches, "mou-import-msg")
	assert.Contains(t, html, "The import is undone")
	assert.Contains(t, string(p.MOU().JSON()), `"Mine"`, "undo brings the work back")
	assert.Nil(t, p.UndoImport(ViewMOU))

	// A framework would wipe the answers: ask.
	fw, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(t, err)
	p.Handle(ViewAssessment, Event{Pointer: "/answers/sg1", Widget: "likert", Value: "4", Checked: true})
	patches = p.Import(ViewAssessment, "framework-mini.json", fw)
	html, _ = patchHTML(patches, "health-check-confirm")
	assert.Contains(t, html, "Replace your answers and notes?")
	assert.Contains(t, html, "holds a self-assessment framework")
	patches = p.ConfirmImport(ViewAssessment)
	html, _ = patchHTML(patches, "health-check-import-msg")
	assert.Contains(t, html, "Loaded the framework")
	assert.Equal(t, "mini-health-check", p.Assessment().Framework().ID)
	p.UndoImport(ViewAssessment)
	assert.Equal(t, "partnership-health-check", p.Assessment().Framework().ID)
	assert.Equal(t, 4, p.Assessment().answers["sg1"].Value)

	// An edit after an import ends the chance to undo it.
	p.Import(ViewMOU, "mou-riverside.json", data)
	p.ConfirmImport(ViewMOU)
	patches = p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "Edited"})
	html, ok = patchHTML(patches, "mou-import-msg")
	assert.True(t, ok)
	assert.Empty(t, html)
	assert.Nil(t, p.UndoImport(ViewMOU))
}

// FuzzOpen holds the page to never panicking on any saved text, to
// rendering, and to saving what it then reads back.
func FuzzOpen(f *testing.F) {
	m, err := os.ReadFile(contractMOU)
	require.NoError(f, err)
	fw, err := os.ReadFile("../../../examples/data/framework-mini.json")
	require.NoError(f, err)
	f.Add(string(m), "", "")
	f.Add(`{"rev":2,"document":`+string(m)+`}`, `{"rev":1,"document":{"framework":"mini-health-check","answers":{}},"framework":`+string(fw)+`}`, "")
	f.Add("{not json", `{"rev":"x"}`, "\ufeff"+string(fw))
	f.Add(`{"rev":9223372036854775807,"document":null}`, `[]`, "{}")
	f.Fuzz(func(t *testing.T, mouText, assessmentText, framework string) {
		store := newMemStore()
		store.m[KeyMOU], store.m[KeyAssessment], store.m[KeyFramework] = mouText, assessmentText, framework
		p, err := New()
		require.NoError(t, err)
		p.Open(store)
		require.NotEmpty(t, p.HTML())
		p.Handle(ViewMOU, Event{Pointer: "/missionStatement", Value: "x"})
		p.Handle(ViewAssessment, Event{Pointer: "/respondent/role", Value: "governor"})
		p.Save()
		again, err := New()
		require.NoError(t, err)
		again.Open(store)
		for _, key := range []string{KeyMOU, KeyAssessment} {
			if _, ok := store.m[key+KeyUnreadable]; ok && store.m[key] == store.m[key+KeyUnreadable] {
				continue
			}
			_, unreadable := again.st.unreadable[key]
			if unreadable {
				assert.Equal(t, store.m[key+KeyUnreadable], again.st.unreadable[key], "only the kept copy is offered")
				continue
			}
			assert.Equal(t, p.payload(key), again.payload(key), "what is saved reads back")
		}
	})
}
