package web

import "embed"

// Files are the page's own files.
//
//go:embed index.html style.css main.js partnerkit-form.js
var Files embed.FS
