package web

import "embed"

// Files are the page's own files.
//
//go:embed index.html boot.js style.css main.js partnerkit-form.js sw.js manifest.webmanifest icon.svg icon-192.png icon-512.png
var Files embed.FS
