// Package prerender renders the form page's first view at build time,
// with the same Go code the WebAssembly runs (package app), so that the
// browser paints a real form before the WebAssembly has downloaded.
//
// [Render] is the page of an empty first visit: [app.Page.HTML] with the
// health check shown, and the bodies that [app.Page.Finish] fills in
// after the first paint (the MOU builder's form) and the preview of the
// empty MOU filled in at once, so that a visitor who follows a link to
// #mou before the WebAssembly runs finds the MOU form there too.
//
// Each part carries, in the attribute [Attr], the [Hash] of the HTML it
// was rendered from: the page's root the hash of app.Page.HTML, each
// filled-in body the hash of its own HTML. When the WebAssembly starts
// on such a page it renders as it always does, and where its HTML has
// the same hash as the part on the page, it keeps the part (and what the
// user did in it) instead of writing it again. So a pre-render from
// other sources than the WebAssembly's is never wrong, only slower.
package prerender
