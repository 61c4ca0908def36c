package app

import (
	"bytes"
	"encoding/json"
	"html"
	"strconv"
	"strings"

	"github.com/partnerkit/partnerkit/schemas"
)

// Store is the browser's localStorage, as the runtime reaches it. Its
// methods never panic: a browser that refuses a write returns an error
// (the DOMException's name, such as QuotaExceededError, as its text).
type Store interface {
	Get(key string) (value string, ok bool)
	Set(key, value string) error
	Remove(key string) error
}

// Storage keys: what the page saves in the browser's localStorage. Each
// view's key holds an envelope, {"rev": n, "document": {…}}, with the
// imported framework beside the assessment as "framework"; rev counts
// the writes, so that a tab never writes over a newer version that
// another tab saved. A value that cannot be read is kept under its key
// with KeyUnreadable after it.
const (
	KeyAssessment = "partnerkit.assessment"
	KeyMOU        = "partnerkit.mou"
	// KeyFramework held an imported framework before the envelope; it is
	// read once, then removed.
	KeyFramework = "partnerkit.framework"
	// KeyUnreadable follows a view's key to name where a saved value
	// that could not be read is kept.
	KeyUnreadable = ".unreadable"
)

// storageViews are the views that are saved, with their keys.
var storageViews = []struct{ view, key, what string }{
	{ViewAssessment, KeyAssessment, "health check"},
	{ViewMOU, KeyMOU, "MOU"},
}

func keyOf(view string) string {
	for _, v := range storageViews {
		if v.view == view {
			return v.key
		}
	}
	return ""
}

func whatOf(view string) string {
	for _, v := range storageViews {
		if v.view == view {
			return v.what
		}
	}
	return ""
}

// storage is what the page knows of localStorage.
type storage struct {
	store      Store
	seen       map[string]int64    // the newest rev known, by key
	written    map[string]envelope // the payload last written or loaded, by key (rev aside)
	conflict   map[string]bool     // another tab saved a newer version: do not write
	failed     map[string]string   // why the last write failed, by key
	unreadable map[string]string   // text that could not be read, by key
	copied     map[string]bool     // that text is kept under key + KeyUnreadable
	notices    map[string]string   // each notice element's HTML, as on the page
}

func newStorage() storage {
	return storage{
		seen: map[string]int64{}, written: map[string]envelope{}, conflict: map[string]bool{},
		failed: map[string]string{}, unreadable: map[string]string{}, copied: map[string]bool{},
		notices: map[string]string{},
	}
}

// envelope is a view's saved value: the document's JSON text, and the
// assessment's imported framework's.
type envelope struct {
	Rev       int64
	Document  string
	Framework string
	Kept      string // the assessments the framework picker set aside, by framework id
}

// parseSaved reads a saved value: an envelope, or a bare document as
// saved before there were envelopes (rev 0).
func parseSaved(text string) (envelope, error) {
	var wire struct {
		Rev       int64           `json:"rev"`
		Document  json.RawMessage `json:"document"`
		Framework json.RawMessage `json:"framework"`
		Kept      json.RawMessage `json:"kept"`
	}
	if err := json.Unmarshal([]byte(text), &wire); err != nil {
		return envelope{}, err
	}
	if wire.Document == nil {
		return envelope{Document: text}, nil
	}
	return envelope{Rev: wire.Rev, Document: string(wire.Document), Framework: string(wire.Framework), Kept: string(wire.Kept)}, nil
}

// revOf reads the rev of a saved value as parseSaved does, cheaply for
// what the page writes: rev first, then the document. A value it cannot
// read has rev 0.
func revOf(text string) int64 {
	const prefix = `{"rev":`
	if rest, ok := strings.CutPrefix(text, prefix); ok {
		if i := strings.IndexByte(rest, ','); i > 0 && strings.HasPrefix(rest[i:], `,"document":`) {
			if n, err := strconv.ParseInt(rest[:i], 10, 64); err == nil {
				return n
			}
		}
	}
	env, err := parseSaved(text)
	if err != nil {
		return 0
	}
	return env.Rev
}

func (e envelope) text() string {
	var b strings.Builder
	b.Grow(len(e.Document) + len(e.Framework) + len(e.Kept) + 56)
	b.WriteString(`{"rev":`)
	b.WriteString(strconv.FormatInt(e.Rev, 10))
	b.WriteString(`,"document":`)
	b.WriteString(e.Document)
	if e.Framework != "" {
		b.WriteString(`,"framework":`)
		b.WriteString(e.Framework)
	}
	if e.Kept != "" {
		b.WriteString(`,"kept":`)
		b.WriteString(e.Kept)
	}
	b.WriteString("}")
	return b.String()
}

// payload is what a view saves, without the rev.
func (p *Page) payload(key string) envelope {
	switch key {
	case KeyMOU:
		return envelope{Document: p.builder().saved()}
	case KeyAssessment:
		e := envelope{Document: p.assessment.saved()}
		if p.assessment.custom {
			e.Framework = string(p.assessment.frameworkJSON) // compact already
		}
		e.Kept = p.assessment.keptJSON()
		return e
	}
	return envelope{}
}

// same reports whether two envelopes hold the same documents.
func (e envelope) same(o envelope) bool {
	return e.Document == o.Document && e.Framework == o.Framework && e.Kept == o.Kept
}

// compact returns JSON text on one line, to embed in an envelope: the
// text without its insignificant white space, or, where encoding/json
// does not read the text as it is (a byte order mark), the document
// decoded and encoded again. It returns nil for text that is not JSON.
func compact(data []byte) json.RawMessage {
	var b bytes.Buffer
	if err := json.Compact(&b, data); err == nil {
		return b.Bytes()
	}
	doc, err := schemas.Decode(data)
	if err != nil {
		return nil
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return nil
	}
	return out
}

// loadSaved loads a saved envelope into the view it belongs to.
func (p *Page) loadSaved(key string, env envelope) error {
	switch key {
	case KeyMOU:
		doc, err := decodeObject([]byte(env.Document), "an MOU")
		if err != nil {
			return err
		}
		p.builder().loadDoc(doc)
		return nil
	case KeyAssessment:
		if err := p.assessment.restore(env.Framework, []byte(env.Document)); err != nil {
			return err
		}
		p.assessment.restoreKept(env.Kept)
		return nil
	}
	return nil
}

// Open loads what a previous visit saved, and keeps store to save to.
// A nil store means the browser refuses storage: the forms work, and a
// banner says that nothing will be kept. A saved value that cannot be
// read is copied under its key with KeyUnreadable, so that the first
// change does not lose it, and the page offers it as a file.
func (p *Page) Open(store Store) {
	p.st.store = store
	if store == nil {
		return
	}
	for _, v := range storageViews {
		key := v.key
		if text, ok := store.Get(key + KeyUnreadable); ok {
			p.st.unreadable[key], p.st.copied[key] = text, true
		}
		text, ok := store.Get(key)
		if !ok && key == KeyMOU && p.mou == nil {
			p.mouFresh = true // builder sets written when it makes the MOU
			continue
		}
		if !ok {
			p.st.written[key] = p.payload(key) // a new form: nothing to save yet
			continue
		}
		env, err := parseSaved(text)
		if err == nil && key == KeyAssessment && env.Framework == "" {
			if fw, ok := store.Get(KeyFramework); ok {
				env.Framework = fw
			}
		}
		if err == nil {
			err = p.loadSaved(key, env)
		}
		if err != nil {
			p.st.unreadable[key], p.st.copied[key] = text, false
			p.st.seen[key] = revOf(text)
			p.copyUnreadable(key)
			continue
		}
		p.st.seen[key] = env.Rev
		p.st.written[key] = p.payload(key)
	}
}

// copyUnreadable keeps unreadable text under its own key.
func (p *Page) copyUnreadable(key string) bool {
	text, ok := p.st.unreadable[key]
	if !ok || p.st.copied[key] {
		return true
	}
	if err := p.st.store.Set(key+KeyUnreadable, text); err != nil {
		p.st.failed[key] = err.Error()
		return false
	}
	p.st.copied[key] = true
	return true
}

// Save writes to the store what changed since the last save, and
// returns the patches that tell the user when that failed, or when
// another tab saved a newer version (then nothing is written until the
// user chooses). The runtime calls it after every change; a write that
// failed is tried again on the next.
func (p *Page) Save() []Patch {
	s := &p.st
	if s.store == nil {
		return p.notices()
	}
	for _, v := range storageViews {
		key := v.key
		if s.conflict[key] {
			continue
		}
		now := p.payload(key)
		if s.written[key].same(now) {
			continue
		}
		if !p.copyUnreadable(key) {
			continue // the unreadable text stays where it is until it is kept
		}
		if cur, ok := s.store.Get(key); ok {
			if rev := revOf(cur); rev > s.seen[key] {
				s.conflict[key] = true
				continue
			}
		}
		now.Rev = s.seen[key] + 1
		if err := s.store.Set(key, now.text()); err != nil {
			s.failed[key] = err.Error()
			continue
		}
		delete(s.failed, key)
		s.seen[key], s.written[key] = now.Rev, now
		if key == KeyAssessment {
			_ = s.store.Remove(KeyFramework)
		}
	}
	return p.notices()
}

// StorageEvent takes a change another tab made to the store (the
// browser's storage event): a newer version of a view stops this tab
// from writing it, and the page asks which version to keep. A change
// that leaves the view as this tab has it is just taken in.
func (p *Page) StorageEvent(key, value string, present bool) []Patch {
	s := &p.st
	if s.store == nil || keyOfKey(key) == "" || !present {
		return nil
	}
	rev := revOf(value)
	if rev <= s.seen[key] {
		return nil
	}
	if env, err := parseSaved(value); err == nil {
		theirs := env
		theirs.Rev = 0
		if mine := p.payload(key); string(compact([]byte(mine.Document))) == string(compact([]byte(theirs.Document))) &&
			mine.Framework == string(compact([]byte(theirs.Framework))) && mine.Kept == string(compact([]byte(theirs.Kept))) {
			s.seen[key], s.written[key] = rev, mine
			return p.notices()
		}
	}
	s.conflict[key] = true
	return p.notices()
}

func keyOfKey(key string) string {
	for _, v := range storageViews {
		if v.key == key {
			return v.view
		}
	}
	return ""
}

// TakeTheirs loads the version of a view another tab saved, in place of
// this tab's.
func (p *Page) TakeTheirs(view string) []Patch {
	key := keyOf(view)
	s := &p.st
	if key == "" || s.store == nil || !s.conflict[key] {
		return nil
	}
	text, ok := s.store.Get(key)
	if !ok {
		delete(s.conflict, key)
		return append(p.Save(), p.say(view, "The other tab's version is gone: yours is kept and saved.")...)
	}
	env, err := parseSaved(text)
	if err == nil {
		err = p.loadSaved(key, env)
	}
	if err != nil {
		delete(s.conflict, key)
		return append(p.Save(), p.say(view, "The other tab's version cannot be read: yours is kept and saved.")...)
	}
	delete(s.conflict, key)
	s.seen[key], s.written[key] = env.Rev, p.payload(key)
	out := p.rerender(view)
	out = append(out, p.notices()...)
	return append(out, p.say(view, "Loaded the "+whatOf(view)+" as the other tab saved it.")...)
}

// KeepMine writes this tab's version of a view over the one another tab
// saved.
func (p *Page) KeepMine(view string) []Patch {
	key := keyOf(view)
	s := &p.st
	if key == "" || s.store == nil || !s.conflict[key] {
		return nil
	}
	if text, ok := s.store.Get(key); ok {
		s.seen[key] = max(s.seen[key], revOf(text))
	}
	delete(s.conflict, key)
	delete(s.written, key) // write it, even if nothing changed since
	out := p.Save()
	return append(out, p.say(view, "Your "+whatOf(view)+" is saved over the other tab's.")...)
}

// Unreadable returns the saved text of a view that could not be read, as
// a file to download.
func (p *Page) Unreadable(view string) (name string, data []byte) {
	key := keyOf(view)
	text, ok := p.st.unreadable[key]
	if !ok {
		return "", nil
	}
	return strings.TrimPrefix(key, "partnerkit.") + "-unreadable.txt", []byte(text)
}

// DiscardUnreadable forgets a view's unreadable saved text.
func (p *Page) DiscardUnreadable(view string) []Patch {
	key := keyOf(view)
	if _, ok := p.st.unreadable[key]; !ok {
		return nil
	}
	if p.st.store != nil && p.st.copied[key] {
		if err := p.st.store.Remove(key + KeyUnreadable); err != nil {
			return p.notices()
		}
	}
	delete(p.st.unreadable, key)
	delete(p.st.copied, key)
	return append(p.notices(), Patch{Op: OpFocus, ID: "main"})
}

// The notice elements at the top of the page.
const (
	noticeStorage    = "notice-storage"
	noticeSave       = "notice-save"
	noticeConflict   = "notice-conflict"
	noticeUnreadable = "notice-unreadable"
)

var noticeIDs = []string{noticeStorage, noticeSave, noticeConflict, noticeUnreadable}

// noticesHTML renders the region that holds the notices: each element
// is always there, so that a live region announces what appears in it.
func (p *Page) noticesHTML() string {
	var b strings.Builder
	b.WriteString(`<div class="pk-banners">` + "\n")
	for _, id := range noticeIDs {
		html := p.notice(id)
		p.st.notices[id] = html
		role := ""
		switch id {
		case noticeSave:
			role = ` role="status"`
		case noticeConflict:
			role = ` role="alert"`
		}
		b.WriteString(`<div id="` + id + `"` + role + ">" + html + "</div>\n")
	}
	b.WriteString("</div>\n")
	return b.String()
}

// notices returns the patches for the notices that changed.
func (p *Page) notices() []Patch {
	var out []Patch
	for _, id := range noticeIDs {
		html := p.notice(id)
		if p.st.notices[id] != html {
			p.st.notices[id] = html
			out = append(out, Patch{Op: OpInner, ID: id, HTML: html})
		}
	}
	return out
}

func exportButton(view, label string) string {
	return `<button type="button" class="pk-button pk-button-secondary" data-command="export" data-view="` + view + `">` + label + `</button>`
}

// notice renders one notice as things stand.
func (p *Page) notice(id string) string {
	s := &p.st
	var b strings.Builder
	switch id {
	case noticeStorage:
		if s.store != nil {
			return ""
		}
		b.WriteString(`<div class="pk-banner pk-banner-warning" id="storage-off">` + "\n")
		b.WriteString(`<h2 class="pk-banner-title">Nothing will be kept when you close this page</h2>` + "\n")
		b.WriteString(`<p>This browser is not letting the page store anything, so what you enter is lost when you close or reload it. Use Export JSON to save your work as a file, and import it next time.</p>` + "\n")
		b.WriteString(`<div class="pk-toolbar-buttons">` + exportButton(ViewAssessment, "Export the health check as JSON") + exportButton(ViewMOU, "Export the MOU as JSON") + "</div>\n</div>\n")
	case noticeSave:
		for _, v := range storageViews {
			why, ok := s.failed[v.key]
			if !ok {
				continue
			}
			reason := "the browser refused to save it (" + html.EscapeString(why) + ")"
			if why == "QuotaExceededError" {
				reason = "the browser&#39;s storage for this page is full"
			}
			b.WriteString(`<div class="pk-banner pk-banner-error" id="save-failed-` + v.view + `">` + "\n")
			b.WriteString(`<p><strong>Your ` + v.what + ` is not being saved</strong>: ` + reason + `. Your latest changes will be lost when you close this page. Export JSON to keep a copy; the page keeps trying to save as you go on.</p>` + "\n")
			b.WriteString(`<div class="pk-toolbar-buttons">` + exportButton(v.view, "Export JSON") + "</div>\n</div>\n")
		}
	case noticeConflict:
		for _, v := range storageViews {
			if !s.conflict[v.key] {
				continue
			}
			b.WriteString(`<div class="pk-banner pk-banner-warning" id="conflict-` + v.view + `" data-view="` + v.view + `">` + "\n")
			b.WriteString(`<h2 class="pk-banner-title" id="conflict-` + v.view + `-title">This ` + v.what + ` was changed in another tab</h2>` + "\n")
			b.WriteString(`<p>Another tab saved a newer version. Nothing you change here is saved until you choose which version to keep.</p>` + "\n")
			b.WriteString(`<div class="pk-toolbar-buttons">` +
				`<button type="button" class="pk-button" data-command="conflict-load" data-view="` + v.view + `">Load the newer version</button>` +
				`<button type="button" class="pk-button pk-button-warning" data-command="conflict-keep" data-view="` + v.view + `">Keep mine and overwrite it</button>` +
				"</div>\n</div>\n")
		}
	case noticeUnreadable:
		for _, v := range storageViews {
			if _, ok := s.unreadable[v.key]; !ok {
				continue
			}
			b.WriteString(`<div class="pk-banner pk-banner-warning" id="unreadable-` + v.view + `">` + "\n")
			b.WriteString(`<h2 class="pk-banner-title">The ` + v.what + ` saved in this browser could not be read</h2>` + "\n")
			if s.copied[v.key] {
				b.WriteString(`<p>The form starts empty. The saved text is kept in this browser: download it to see what can be saved from it.</p>` + "\n")
			} else {
				b.WriteString(`<p>The form starts empty. The saved text could not be copied aside, so it is not overwritten until it can be: download it now.</p>` + "\n")
			}
			b.WriteString(`<div class="pk-toolbar-buttons">` +
				`<button type="button" class="pk-button pk-button-secondary" data-command="download-unreadable" data-view="` + v.view + `">Download the saved text</button>` +
				`<button type="button" class="pk-button pk-button-warning" data-command="discard-unreadable" data-view="` + v.view + `">Discard it</button>` +
				"</div>\n</div>\n")
		}
	}
	return b.String()
}

// say puts a short message in a view's import message element.
func (p *Page) say(view, text string) []Patch {
	return []Patch{{Op: OpInner, ID: view + "-import-msg", HTML: `<p class="pk-message pk-message-ok">` + html.EscapeString(text) + "</p>"}}
}
