// Package app is partnerkit's form page, in pure Go: the partnership
// health check as a questionnaire with live scores, and the MOU builder
// with the check's findings beside their fields and in an error summary,
// and a preview to print. The browser runtime in wasm/cmd/partnerkit-form
// only reads events from the page and applies the patches this package
// returns, so that everything here is tested natively.
//
// # The page
//
// [New] builds the [Page]; [Page.HTML] renders it whole, once. After that
// every entry point returns the [Patch] list that brings the page up to
// date:
//
//	p, _ := app.New()
//	p.Open(store) // localStorage, or nil where the browser refuses it
//	root.innerHTML = p.HTML()
//	// on each input event in a view:
//	apply(p.Handle(app.ViewMOU, app.Event{Pointer: "/missionStatement", Value: text}))
//	apply(p.Save())
//	// on the window's storage event, when another tab saved:
//	apply(p.StorageEvent(key, newValue, newValue != null))
//
// [Page.Import] and [Page.Export] move documents in and out as JSON files;
// [Page.Reset] starts a view again; [Page.Show] switches views.
//
// # What is saved
//
// [Page.Save] writes each view under its key ([KeyAssessment], [KeyMOU])
// as {"rev": n, "document": …}. It never writes over a newer rev that
// another tab saved: the page then asks ([Page.TakeTheirs],
// [Page.KeepMine]). A write the browser refuses is shown at once, with
// Export JSON beside it, and tried again on the next change. Saved text
// that cannot be read is kept under its key with [KeyUnreadable] and
// offered as a file ([Page.Unreadable]). An import is recognised by its
// kind (its schema) and refused when it is the wrong one; over work, the
// page asks first ([Page.ConfirmImport], [Page.CancelImport]), and
// [Page.UndoImport] takes it back.
//
// # The views
//
// [Assessment] asks a self-assessment framework (the built-in partnership
// health check, or any framework the user imports): one Likert radio
// group per question, with "Not applicable" where the framework allows
// it, grouped by dimension, a notes box per question and a progress bar.
// Its scores are evaluation.Framework.Score's, the command line's.
//
// [Builder] is the MOU schema as a form (package form). After every
// change it runs mou.CheckValue and shows each finding beside the field
// its JSON Pointer names, and in a summary at the top, as the GOV.UK
// Design System's error summary does, that links to the fields. A new
// MOU shows none yet: a field's findings show once the user has left it
// or changed it, and all of them once the user presses "Check the MOU"
// (the "check" event), submits an embedded form, or imports or restores
// an MOU with something in it. The parts panel counts them all.
// [Builder.Preview] is the MOU as mou.Render writes it.
//
// # The register's pages
//
// A register link opens one of three other pages, chosen by [ParseLink]
// from the address's fragment. Both talk to the programme's server
// through a [Client]: the page hands it a [Request] (the token goes in
// the Authorization header, never in the address) and the runtime hands
// the answer back to Received as a [Response], which returns patches as
// every other entry point does. Status 0 means no answer came.
//
// [Respondent] (#respond/<token>) is the round's framework as the same
// questionnaire, with the partnership's name and the server's statement
// that submitting sends the answers to it. The respondent sees their own
// scores at once. Everything is kept on the device under [KeyRespond]
// and a hash of the token: the round, the answers, and the submission
// not yet acknowledged, which a reload sends again. Send my answers
// makes a new idempotency key and a higher revision; a failure (no
// answer, 408, 429, 5xx) is retried with the same key and revision after
// 1, 2, 4 … 30 seconds, or at once with Try again now. The status line
// says which state the answers are in ([Respondent.State]): saved on
// this device, sending, sent, changed since sent, sending failed and
// retrying, or refused, and the round closed.
//
// [Coordinator] (#coordinate/<token>) shows the latest round of the
// partnership the link may see (a choice when there are more) as the
// server's report gives it: responses by partner and review, each
// dimension's mean, spread, band and self- and peer-review means, the
// flags in words, the advice, and each partner's breakdown only where
// the report has one. Three charts, drawn by package chart: dimension
// scores by partner, self-review against peer review, and the change
// since the round before with the same framework. It asks for the
// report again every [RefreshEvery], and prints.
//
// [Programme] (#admin/<token>, the administrator's link) is the programme
// view: every partnership in one table (model, stage, partners, the
// MOU's state, the latest round's score, band and responses, indicators,
// what needs attention), filtered, sorted and searched by the server
// (GET /v1/programme), each dimension's roll-up by stage as the server
// draws it, the partnerships in each lowest band, and the table as CSV
// or JSON to download, fetched with the token in its header; and a form
// that opens a review round in a partnership and shows the links of its
// invitations.
package app
