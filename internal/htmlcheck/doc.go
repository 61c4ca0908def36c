// Package htmlcheck finds, in the HTML that partnerkit's form and page
// render, what a browser would forgive and a screen reader would not: an
// id used twice, a label or an ARIA reference that names no element, a
// fieldset without its legend. It is for tests: [Problems] returns each
// problem as a sentence, so that a test can assert there are none.
//
// It reads attributes as the renderers write them (name="value", with
// the value escaped), not HTML in general.
package htmlcheck
