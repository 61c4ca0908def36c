package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/partnerkit/partnerkit/evaluation"
	"github.com/partnerkit/partnerkit/internal/text"
)

// ViewRespond is the respondent page's view, as its controls name it.
const ViewRespond = "respond"

// KeyRespond starts the storage key of a respondent's answers to one
// invitation: the key ends with the first 16 hex digits of the SHA-256
// of the link's token, so that the token itself is not written down.
const KeyRespond = "partnerkit.respond."

// The respondent page's sending states, as its status element's
// data-state says.
const (
	StateLoading  = "loading"  // the round is being fetched
	StateUnloaded = "unloaded" // the round could not be fetched
	StateEmpty    = "empty"    // nothing answered yet
	StateLocal    = "local"    // answers kept on this device, not sent
	StateSending  = "sending"  // sent, no answer yet
	StateSent     = "sent"     // the server has these answers
	StateChanged  = "changed"  // changed since the server acknowledged them
	StateRetrying = "retrying" // sending failed: the page tries again
	StateClosed   = "closed"   // the round takes no more answers
	StateRefused  = "refused"  // the server refused the answers or the link
)

// The backoff between retries: it doubles from the first to the last.
const (
	firstRetry = time.Second
	lastRetry  = 30 * time.Second
)

// Respondent is the page a respondent's invitation link opens: the
// round's framework as the same questionnaire as the health check, with
// the partnership's name, and a button that sends the answers to the
// programme's server. The answers are kept on the device until the
// server has acknowledged them; a submission that fails is retried with
// the same idempotency key and revision, and a changed one goes with a
// new key and a higher revision, so that the server keeps the latest.
// A Respondent is not safe for concurrent use.
type Respondent struct {
	token  string
	client Client
	store  Store // nil: the browser keeps nothing
	key    string
	rev    int64 // the storage envelope's rev
	failed string

	welcome   *welcome
	welcomeJS json.RawMessage
	a         *Assessment

	answerSet uuid.UUID
	sent      *submission // the answers the server acknowledged
	pending   *submission // the answers sent or to send, not yet acknowledged
	again     bool        // send again once the pending answers are acknowledged
	inflight  map[int]string
	nextID    int
	state     string
	why       string // the server's reason, for StateRefused
	attempts  int
	retryIn   time.Duration
	mounted   bool
	status    string // the status element's HTML, as on the page
	loadError string
}

// submission is one set of answers as sent, with its idempotency key
// and revision.
type submission struct {
	Key      string          `json:"key"`
	Revision int64           `json:"revision"`
	Document json.RawMessage `json:"document"`
}

// welcome is what the server says about the invitation.
type welcome struct {
	Partnership     string `json:"partnership"`
	PartnershipName string `json:"partnershipName"`
	PartnerName     string `json:"partnerName"`
	Round           struct {
		ID               string    `json:"id"`
		Title            string    `json:"title"`
		Framework        string    `json:"framework"`
		FrameworkVersion string    `json:"frameworkVersion"`
		Custom           bool      `json:"custom"`
		Opens            time.Time `json:"opens"`
		Closes           time.Time `json:"closes"`
	} `json:"round"`
	Invitation struct {
		Partner string `json:"partner"`
		Review  string `json:"review"`
		Shared  bool   `json:"shared"`
	} `json:"invitation"`
	Open      bool            `json:"open"`
	Framework json.RawMessage `json:"framework"`
	Statement string          `json:"statement"`
}

// saved is what the respondent page keeps on the device.
type respondSaved struct {
	Rev       int64           `json:"rev"`
	Document  json.RawMessage `json:"document,omitempty"`
	Welcome   json.RawMessage `json:"welcome,omitempty"` // with the round's framework
	AnswerSet uuid.UUID       `json:"answerSet"`
	Sent      *submission     `json:"sent,omitempty"`
	Pending   *submission     `json:"pending,omitempty"`
}

// NewRespondent returns the page for the invitation whose link carries
// token. Open loads what this device kept of it; HTML renders it and
// asks the server for the round.
func NewRespondent(token string, client Client) *Respondent {
	sum := sha256.Sum256([]byte(token))
	return &Respondent{token: token, client: client, key: KeyRespond + hex.EncodeToString(sum[:8]),
		inflight: map[int]string{}, state: StateLoading, answerSet: uuid.New()}
}

// Key returns the storage key of this invitation's answers.
func (r *Respondent) Key() string { return r.key }

// State returns the page's sending state, one of the State constants.
func (r *Respondent) State() string { return r.state }

// Assessment returns the questionnaire, or nil before the round is known.
func (r *Respondent) Assessment() *Assessment { return r.a }

// Open loads what this device kept of the invitation: the round and its
// framework, the answers, and any submission not yet acknowledged, which
// is sent again as soon as the page is on screen. A nil store means the
// browser keeps nothing.
func (r *Respondent) Open(store Store) {
	r.store = store
	if store == nil {
		return
	}
	text, ok := store.Get(r.key)
	if !ok {
		return
	}
	var s respondSaved
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return // written by no version of this page: start again
	}
	r.rev = s.Rev
	if s.AnswerSet != uuid.Nil {
		r.answerSet = s.AnswerSet
	}
	r.sent, r.pending = s.Sent, s.Pending
	if s.Welcome != nil && r.takeWelcome(s.Welcome) == nil {
		r.welcomeJS = s.Welcome
		_ = r.takeFramework()
	}
	if r.a != nil && s.Document != nil {
		if doc, err := decodeObject(s.Document, "an assessment"); err == nil {
			_ = r.a.load(doc)
		}
	}
	r.state = r.settled()
}

// HTML renders the whole page, and sends the requests the page needs:
// the round, unless this device has it, and any answers not yet
// acknowledged.
func (r *Respondent) HTML() string {
	r.mounted = true
	var b strings.Builder
	b.Grow(128 << 10)
	b.WriteString(`<a class="pk-skip" href="#main" data-focus="main">Skip to main content</a>` + "\n")
	b.WriteString(`<header class="pk-header"><div class="pk-width"><p class="pk-brand">partnerkit</p></div></header>` + "\n")
	b.WriteString(`<main class="pk-width" id="main" tabindex="-1" data-view="` + ViewRespond + `">` + "\n")
	b.WriteString(`<div id="respond-head">` + r.headHTML() + "</div>\n")
	b.WriteString(`<p class="pk-privacy pk-privacy-remote" id="respond-statement">` + r.statementHTML() + "</p>\n")
	b.WriteString(`<div class="pk-banners"><div id="respond-storage">` + r.storageHTML() + "</div></div>\n")
	b.WriteString(`<div id="respond-body">` + r.bodyHTML() + "</div>\n")
	r.status = r.statusHTML()
	b.WriteString(`<div class="pk-send" id="respond-send">` + r.status + "</div>\n")
	b.WriteString("</main>\n")
	// Ask even when this device knows the round: its window or name may
	// have changed.
	r.send(Request{Method: "GET", Path: pathWelcome}, "welcome")
	if r.a != nil && r.pending != nil {
		r.submit()
	}
	return b.String()
}

// statementHTML says plainly that sending sends the answers to the
// programme's server: the server's own statement, once it is known.
func (r *Respondent) statementHTML() string {
	s := "Submitting sends your answers to the programme's server, where your partnership's coordinator sees them combined with everyone else's."
	if r.welcome != nil && r.welcome.Statement != "" {
		s = r.welcome.Statement
	}
	return html.EscapeString(s) + " Until you press Send my answers, they stay on this device."
}

func (r *Respondent) send(req Request, what string) {
	r.nextID++
	req.ID = r.nextID
	req.Token = r.token
	r.inflight[req.ID] = what
	r.client.Send(req)
}

func (r *Respondent) headHTML() string {
	esc := html.EscapeString
	if r.welcome == nil {
		if r.loadError != "" {
			return `<h1 class="pk-title" id="respond-title" tabindex="-1">This review round could not be opened</h1>` + "\n" +
				`<p class="pk-lead">` + esc(r.loadError) + "</p>\n"
		}
		return `<h1 class="pk-title" id="respond-title" tabindex="-1">Review round</h1>` + "\n" + `<p class="pk-lead" role="status">Loading the round…</p>` + "\n"
	}
	w := r.welcome
	review := "a self-review"
	if w.Invitation.Review == string(evaluation.ReviewPeer) {
		review = "a peer review"
	}
	var b strings.Builder
	b.WriteString(`<h1 class="pk-title" id="respond-title" tabindex="-1">` + esc(w.PartnershipName) + "</h1>\n")
	title := w.Round.Title
	if title == "" {
		title = "Review round"
	}
	b.WriteString(`<p class="pk-lead">` + esc(title) + `: ` + review)
	if w.PartnerName != "" {
		b.WriteString(` by ` + esc(w.PartnerName))
	}
	b.WriteString(".</p>\n")
	b.WriteString(`<p class="pk-hint" id="respond-window">` + windowText(w) + "</p>\n")
	return b.String()
}

// windowText says when the round takes answers.
func windowText(w *welcome) string {
	now := time.Now()
	switch {
	case w.Round.Closes.IsZero():
		return "You can change your answers until the round closes."
	case !w.Open && now.Before(w.Round.Opens):
		return "The round opens on " + day(w.Round.Opens) + ": you can answer now, and send your answers from then."
	case !w.Open:
		return "The round closed on " + day(w.Round.Closes) + "."
	}
	return "You can send your answers, and change them, until the round closes on " + day(w.Round.Closes) + "."
}

func day(t time.Time) string { return t.UTC().Format("2 January 2006") }

func (r *Respondent) storageHTML() string {
	switch {
	case r.store == nil:
		return `<div class="pk-banner pk-banner-warning" id="respond-storage-off"><h2 class="pk-banner-title">This browser keeps nothing for this page</h2>` +
			`<p>Your answers are lost if you close or reload the page before they are sent. Send them before you leave.</p></div>`
	case r.failed != "":
		reason := "the browser refused to save them (" + html.EscapeString(r.failed) + ")"
		if r.failed == "QuotaExceededError" {
			reason = "the browser&#39;s storage for this page is full"
		}
		return `<div class="pk-banner pk-banner-error" id="respond-save-failed"><p><strong>Your answers are not being kept on this device</strong>: ` + reason +
			`. Send them before you close the page.</p></div>`
	}
	return ""
}

func (r *Respondent) bodyHTML() string {
	if r.a == nil {
		return ""
	}
	return r.a.body()
}

// statusHTML renders what the page says about the answers, and the
// buttons to send them.
func (r *Respondent) statusHTML() string {
	var msg, cls string
	switch r.state {
	case StateLoading, StateUnloaded:
		if r.state == StateUnloaded && r.welcome == nil {
			return `<div id="respond-status" role="status" data-state="` + r.state + `"><p class="pk-message pk-message-error">` + html.EscapeString(r.loadError) + `</p></div>` +
				`<div class="pk-toolbar-buttons"><button type="button" class="pk-button" data-command="reload">Try again</button></div>`
		}
		return `<div id="respond-status" role="status" data-state="` + r.state + `"></div>`
	case StateEmpty:
		msg = "Nothing is sent until you press Send my answers."
	case StateLocal:
		msg, cls = "Saved on this device. Not sent yet.", "pk-message-warning"
	case StateSending:
		msg = "Sending your answers…"
	case StateSent:
		msg, cls = "Sent. The programme’s server has your answers. You can change them and send them again until the round closes.", "pk-message-ok"
	case StateChanged:
		msg, cls = "Saved on this device. You have changed your answers since you sent them: send them again to update them.", "pk-message-warning"
	case StateRetrying:
		msg, cls = "Sending failed: the programme’s server could not be reached. Your answers are kept on this device, and the page will try again in "+
			secs(r.retryIn)+".", "pk-message-error"
	case StateClosed:
		msg, cls = "The round has closed: the programme’s server takes no more answers. Your answers are kept on this device.", "pk-message-error"
	case StateRefused:
		msg, cls = "The programme’s server did not take your answers: "+text.LowerFirst(r.why)+" Your answers are kept on this device.", "pk-message-error"
	}
	if r.store == nil && (r.state == StateLocal || r.state == StateChanged) {
		msg = strings.Replace(msg, "Saved on this device.", "Not kept on this device.", 1)
	}
	var b strings.Builder
	b.WriteString(`<div id="respond-status" role="status" data-state="` + r.state + `"><p class="pk-message ` + cls + `">` + html.EscapeString(msg) + "</p></div>\n")
	b.WriteString(`<div class="pk-toolbar-buttons">`)
	disabled := ""
	if r.state == StateClosed || r.a == nil {
		disabled = " disabled"
	}
	b.WriteString(`<button type="button" class="pk-button" id="respond-submit" data-command="submit"` + disabled + `>Send my answers</button>`)
	if r.state == StateRetrying {
		b.WriteString(`<button type="button" class="pk-button pk-button-secondary" id="respond-retry" data-command="retry">Try again now</button>`)
	}
	b.WriteString("</div>\n")
	return b.String()
}

func secs(d time.Duration) string {
	n := int((d + time.Second/2) / time.Second)
	if n == 1 {
		return "1 second"
	}
	return strconv.Itoa(n) + " seconds"
}

// settled is the state when nothing is on its way.
func (r *Respondent) settled() string {
	switch {
	case r.welcome == nil && r.loadError != "":
		return StateUnloaded
	case r.a == nil:
		return StateLoading
	case r.pending != nil:
		return StateLocal
	case r.sent != nil && sameDoc(r.sent.Document, r.a.saved()):
		return StateSent
	case r.sent != nil:
		return StateChanged
	case !r.a.hasWork():
		return StateEmpty
	}
	return StateLocal
}

// Handle applies an answer or a note, keeps the answers on the device,
// and says how they stand.
func (r *Respondent) Handle(e Event) []Patch {
	if r.a == nil {
		return nil
	}
	out := r.a.Handle(e)
	if r.state != StateSending && r.state != StateRetrying && r.state != StateClosed {
		r.state = r.settled()
	}
	return append(out, r.save()...)
}

// Submit sends the answers to the programme's server, unless the server
// already has them.
func (r *Respondent) Submit() []Patch {
	if r.a == nil || r.state == StateClosed {
		return nil
	}
	doc := json.RawMessage(r.a.saved())
	if r.pending != nil && sameDoc(r.pending.Document, string(doc)) {
		if r.state != StateSending {
			r.submit()
		}
		return append(r.save(), r.statusPatch()...)
	}
	if r.pending == nil && r.sent != nil && sameDoc(r.sent.Document, string(doc)) {
		r.state = StateSent
		return r.statusPatch()
	}
	if r.state == StateSending {
		r.again = true // once these are acknowledged
		return nil
	}
	rev := int64(1)
	if r.sent != nil {
		rev = r.sent.Revision + 1
	}
	if r.pending != nil {
		rev = max(rev, r.pending.Revision+1)
	}
	r.pending = &submission{Key: uuid.NewString(), Revision: rev, Document: doc}
	out := r.save() // kept on the device before it is sent
	r.submit()
	return append(out, r.statusPatch()...)
}

// Retry sends the answers waiting to be sent at once.
func (r *Respondent) Retry() []Patch {
	if r.pending == nil || r.state != StateRetrying {
		return nil
	}
	r.submit()
	return r.statusPatch()
}

// submit sends the pending answers.
func (r *Respondent) submit() { r.submitAfter(0) }

func (r *Respondent) submitAfter(delay time.Duration) {
	if r.welcome == nil || r.pending == nil {
		return
	}
	in := map[string]any{"revision": r.pending.Revision, "assessment": r.pending.Document}
	if r.welcome.Invitation.Shared {
		in["answerSet"] = r.answerSet
	}
	body, _ := json.Marshal(in)
	r.send(Request{Method: "POST", Path: pathAnswers, Key: r.pending.Key, Body: body, Delay: delay}, "submit:"+r.pending.Key)
	if delay == 0 {
		r.state = StateSending
	}
}

// Received takes the server's answer to one of the page's requests.
func (r *Respondent) Received(resp Response) []Patch {
	what, ok := r.inflight[resp.ID]
	if !ok {
		return nil
	}
	delete(r.inflight, resp.ID)
	switch {
	case what == "welcome":
		return r.receivedWelcome(resp)
	case what == "mine":
		return r.receivedMine(resp)
	case strings.HasPrefix(what, "revision:"):
		if r.pending == nil || what != "revision:"+r.pending.Key {
			return nil
		}
		return r.receivedRevision(resp)
	case strings.HasPrefix(what, "submit:"):
		if r.pending == nil || what != "submit:"+r.pending.Key {
			return nil // answers since replaced
		}
		return r.receivedSubmit(resp)
	}
	return nil
}

func (r *Respondent) receivedWelcome(resp Response) []Patch {
	if resp.Status != 200 {
		if r.welcome != nil {
			return nil // this device knows the round: carry on
		}
		r.loadError = linkError(resp)
		r.state = StateUnloaded
		return []Patch{{Op: OpInner, ID: "respond-head", HTML: r.headHTML()}, {Op: OpInner, ID: "respond-send", HTML: r.statusHTML()}}
	}
	had := r.a != nil
	if err := r.takeWelcome(resp.Body); err != nil {
		r.loadError = "The programme’s server sent something this page cannot read. Try again later."
		r.state = StateUnloaded
		return []Patch{{Op: OpInner, ID: "respond-head", HTML: r.headHTML()}, {Op: OpInner, ID: "respond-send", HTML: r.statusHTML()}}
	}
	r.welcomeJS = compact(resp.Body)
	out := []Patch{{Op: OpInner, ID: "respond-head", HTML: r.headHTML()}, {Op: OpInner, ID: "respond-statement", HTML: r.statementHTML()}}
	if !r.welcome.Open && time.Now().After(r.welcome.Round.Closes) && !r.welcome.Round.Closes.IsZero() {
		r.state = StateClosed
	}
	if had {
		return append(append(out, r.save()...), r.statusPatch()...)
	}
	if err := r.takeFramework(); err == nil && r.sent == nil && r.pending == nil && !r.a.hasWork() {
		// A new device, or storage cleared: the server may have this
		// respondent's answers.
		r.send(Request{Method: "GET", Path: r.minePath()}, "mine")
	} else if err != nil {
		r.welcome, r.state = nil, StateUnloaded
		r.loadError = "The round’s questions cannot be read: " + text.LowerFirst(text.Sentence(err.Error())) + " Tell your partnership’s coordinator."
		return []Patch{{Op: OpInner, ID: "respond-head", HTML: r.headHTML()}, {Op: OpInner, ID: "respond-send", HTML: r.statusHTML()}}
	}
	return append(append(out, r.shown()...), r.save()...)
}

func (r *Respondent) takeWelcome(body []byte) error {
	var w welcome
	if err := json.Unmarshal(body, &w); err != nil || w.Round.ID == "" {
		return errors.New("not a welcome")
	}
	r.welcome = &w
	return nil
}

// takeFramework makes the questionnaire of the round's framework, as
// the server sent it with the invitation.
func (r *Respondent) takeFramework() error {
	fw, err := evaluation.ParseFramework(r.welcome.Framework)
	if err != nil {
		return err
	}
	a, err := newRoundAssessment(fw)
	if err != nil {
		return err
	}
	r.a = a
	return nil
}

// shown puts the questionnaire on the page, once the round is known.
func (r *Respondent) shown() []Patch {
	if r.state != StateClosed {
		r.state = r.settled()
	}
	if r.pending != nil && r.state != StateClosed {
		r.submit()
	}
	return append([]Patch{{Op: OpInner, ID: "respond-body", HTML: r.a.body()}}, r.statusPatch()...)
}

// minePath is where the server keeps this respondent's answers.
func (r *Respondent) minePath() string {
	if r.welcome != nil && r.welcome.Invitation.Shared {
		return pathAnswers + "?answerSet=" + r.answerSet.String()
	}
	return pathAnswers
}

// receivedRevision sends the pending answers again above the revision
// the server has, with a new key.
func (r *Respondent) receivedRevision(resp Response) []Patch {
	var got struct {
		Revision int64 `json:"revision"`
	}
	if resp.Status != 200 || json.Unmarshal(resp.Body, &got) != nil {
		r.state, r.why = StateRefused, "newer answers are saved there, and this page could not find out which."
		return append(r.save(), r.statusPatch()...)
	}
	r.pending = &submission{Key: uuid.NewString(), Revision: max(got.Revision, r.pending.Revision) + 1, Document: r.pending.Document}
	out := r.save()
	r.submit()
	return append(out, r.statusPatch()...)
}

// receivedMine loads the answers the server has from this respondent,
// unless they have answered on this device meanwhile.
func (r *Respondent) receivedMine(resp Response) []Patch {
	if resp.Status != 200 || r.a == nil || r.a.hasWork() || r.sent != nil || r.pending != nil {
		return nil
	}
	var got struct {
		Key        string          `json:"key"`
		Revision   int64           `json:"revision"`
		Assessment json.RawMessage `json:"assessment"`
	}
	if json.Unmarshal(resp.Body, &got) != nil || got.Assessment == nil {
		return nil
	}
	doc, err := decodeObject(got.Assessment, "an assessment")
	if err != nil {
		return nil
	}
	if err := r.a.load(doc); err != nil {
		return nil
	}
	r.sent = &submission{Key: got.Key, Revision: got.Revision, Document: json.RawMessage(r.a.saved())}
	if r.state != StateClosed {
		r.state = r.settled()
	}
	out := []Patch{{Op: OpInner, ID: "respond-body", HTML: r.a.body()}}
	return append(append(out, r.save()...), r.statusPatch()...)
}

func linkError(resp Response) string {
	switch resp.Status {
	case 0:
		return "The programme’s server could not be reached. Check your connection, then try again."
	case 401, 403, 404:
		return "This link does not work: it may have been withdrawn, or copied only in part. Ask your partnership’s coordinator for a new one."
	}
	if m := readProblem(resp.Body).message(); m != "" {
		return m
	}
	return "The programme’s server could not open the round (" + strconv.Itoa(resp.Status) + "). Try again later."
}

func (r *Respondent) receivedSubmit(resp Response) []Patch {
	switch {
	case resp.Status == 200 || resp.Status == 201:
		r.sent, r.pending, r.attempts = r.pending, nil, 0
		r.state = r.settled()
		if r.again {
			r.again = false
			if r.state == StateChanged {
				return append(r.save(), r.Submit()...)
			}
		}
	case resp.Status == 0 || resp.Status == 408 || resp.Status == 429 || resp.Status >= 500:
		r.attempts++
		r.retryIn = min(firstRetry<<min(r.attempts-1, 10), lastRetry)
		r.state = StateRetrying
		r.submitAfter(r.retryIn)
	case resp.Status == 409 && readProblem(resp.Body).closed() && r.welcome != nil && time.Now().Before(r.welcome.Round.Opens):
		r.state, r.why = StateRefused, "the round opens on "+day(r.welcome.Round.Opens)+": send your answers from then."
	case resp.Status == 409 && readProblem(resp.Body).closed():
		r.state = StateClosed
	case resp.Status == 409:
		// Answers with a higher revision are saved (from another tab, or
		// a device that lost count): these are the respondent's latest,
		// so ask for the revision stored and send them above it.
		r.send(Request{Method: "GET", Path: r.minePath()}, "revision:"+r.pending.Key)
		return nil
	case resp.Status == 401 || resp.Status == 403 || resp.Status == 404:
		r.state, r.why = StateRefused, linkError(resp)
	default:
		r.state, r.why = StateRefused, readProblem(resp.Body).message()
		if r.why == "" {
			r.why = "it answered " + strconv.Itoa(resp.Status) + "."
		}
	}
	return append(r.save(), r.statusPatch()...)
}

// statusPatch brings the status and the buttons up to date.
func (r *Respondent) statusPatch() []Patch {
	html := r.statusHTML()
	if html == r.status || !r.mounted {
		return nil
	}
	r.status = html
	return []Patch{{Op: OpInner, ID: "respond-send", HTML: html}}
}

// save keeps the answers and what was sent on the device.
func (r *Respondent) save() []Patch {
	out := r.statusPatch()
	if r.store == nil {
		return out
	}
	s := respondSaved{Rev: r.rev + 1, Welcome: r.welcomeJS, AnswerSet: r.answerSet, Sent: r.sent, Pending: r.pending}
	if r.a != nil {
		s.Document = json.RawMessage(r.a.saved())
	}
	text, err := json.Marshal(s)
	if err == nil {
		err = r.store.Set(r.key, string(text))
	}
	before := r.failed
	if err != nil {
		r.failed = err.Error()
	} else {
		r.failed, r.rev = "", s.Rev
	}
	if before != r.failed {
		out = append(out, Patch{Op: OpInner, ID: "respond-storage", HTML: r.storageHTML()})
	}
	return out
}

// sameDoc reports whether two documents' JSON texts are the same but for
// white space.
func sameDoc(a json.RawMessage, b string) bool {
	return string(compact(a)) == string(compact([]byte(b)))
}
