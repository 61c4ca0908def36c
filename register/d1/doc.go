// Package d1 keeps a partnership register in Cloudflare D1, for the
// worker in examples/edge. It is built for the worker only (js and
// wasm): elsewhere it is empty.
//
// [Open] takes the D1 binding (env.DB, a JavaScript object) and returns a
// [DB]: a database/sql database whose queries and single statements are
// the binding's prepare(…).bind(…).raw() and run(), and a
// register.Executor that sends the statements of a write that must land
// together as one call of the binding's batch, which D1 applies all or
// nothing. D1 refuses transactions, and so does the database: the
// register needs none (see package register, "Writing without
// transactions").
//
//	db, err := d1.Open(env.Get("DB"), d1.Options{})
//	reg, err := register.Open(ctx, db.SQL(), register.Options{Executor: db})
//
// # Which request's promise
//
// workerd ties every promise to the request whose code made it, and drops
// its continuations once that request has finished. A Go program that
// serves many requests at once (as the worker's does) runs for one
// request while resumed by another's code, so a query made from there
// could be lost with the other request. Options.Call lets the worker
// make each call of the binding from the code of the request it is for;
// by default the binding is called at once, from wherever Go is running,
// which is right for a program that serves one request at a time.
//
// Values: integers go to D1 as JavaScript numbers, so they must lie
// within ±(2^53 - 1); booleans as 1 and 0; []byte as a Uint8Array; times
// are refused (the register keeps Unix milliseconds). What comes back is
// int64 for a whole number, float64, string, []byte or nil, as the
// register's Scan calls expect.
package d1
