// Package regserver runs the programme's server for the browser app's
// tests: package api's handler with a register in a real SQLite file,
// on 127.0.0.1, and the administrator's calls that set up a partnership,
// a round and its links through the HTTP API, as docs/api.md shows them
// with curl. It can be made unreachable and brought back, to test what
// the pages do when the network fails.
package regserver
