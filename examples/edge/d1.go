//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"syscall/js"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/register"
	"github.com/partnerkit/partnerkit/register/d1"
)

// requestHeader carries, from worker.mjs to Go, the id by which the
// worker knows a request while Go answers it. withRequestID takes it off
// before the handler sees the request; worker.mjs always sets it, so a
// client cannot choose it.
const requestHeader = "Partnerkit-Worker-Request"

type requestKey struct{}

// withRequestID puts the worker's id of each request in its context, for
// callD1, and takes the header off.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(requestHeader)
		r.Header.Del(requestHeader)
		if id != "" {
			r = r.WithContext(context.WithValue(r.Context(), requestKey{}, id))
		}
		next.ServeHTTP(w, r)
	})
}

// openRegister opens the register in the D1 database of binding (the
// env's DB), bringing its schema up to date, and on its first start logs
// an administrator link once. An undefined binding means no register:
// the worker serves the checker alone.
func openRegister(binding js.Value) (*register.Register, *d1.DB, error) {
	if binding.IsUndefined() {
		return nil, nil, nil
	}
	db, err := d1.Open(binding, d1.Options{Call: callD1})
	if err != nil {
		return nil, nil, err
	}
	ctx := context.Background()
	reg, err := register.Open(ctx, db.SQL(), register.Options{Executor: db})
	if err != nil {
		return nil, nil, fmt.Errorf("open the register in D1: %w", err)
	}
	is, created, err := reg.Bootstrap(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("open the register in D1: %w", err)
	}
	if created {
		fmt.Fprintf(os.Stderr, "partnerkit: the administrator's link, shown this once (keep it secret): the worker's address followed by\n  /%s%s\n", api.LinkAdmin, is.Secret)
	}
	return reg, db, nil
}

// callD1 makes a call of the D1 binding from the code of the request it
// is for (see worker.mjs's d1Call): workerd drops the continuation of a
// promise once the request whose code made it has finished, and Go runs
// for one request while resumed by another's code. The context's request
// id (withRequestID) says which; without one (at start-up) the call is
// made at once.
func callD1(ctx context.Context, start func() js.Value) (js.Value, error) {
	id, _ := ctx.Value(requestKey{}).(string)
	type settled struct {
		v   js.Value
		err error
	}
	done := make(chan settled, 1)
	var job, settle js.Func
	job = js.FuncOf(func(js.Value, []js.Value) any { return start() })
	settle = js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 2 && args[0].Bool() {
			done <- settled{v: args[1]}
		} else {
			var reason js.Value
			if len(args) == 2 {
				reason = args[1]
			}
			done <- settled{err: d1.JSError(reason)}
		}
		return nil
	})
	js.Global().Get("context").Get("partnerkit").Call("d1Call", id, job, settle)
	s := <-done // the worker settles every call, or the program has exited
	job.Release()
	settle.Release()
	return s.v, s.err
}
