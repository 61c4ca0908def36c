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
// Design System's error summary does, that links to the fields.
// [Builder.Preview] is the MOU as mou.Render writes it.
package app
