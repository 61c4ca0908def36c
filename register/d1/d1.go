//go:build js && wasm

package d1

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"math"
	"syscall/js"

	"github.com/partnerkit/partnerkit/register"
)

// ErrNoTransactions is what BeginTx answers: D1 has no transactions.
var ErrNoTransactions = errors.New("d1: D1 has no transactions: send the statements as one batch")

// maxSafeInteger is the largest whole number a JavaScript number holds
// exactly.
const maxSafeInteger = 1<<53 - 1

// Options configure a DB. The zero Options call the binding at once.
type Options struct {
	// Call calls start, which calls the binding and returns its promise,
	// and returns what the promise resolves to, or its rejection as an
	// error. It lets a program that serves several requests at once make
	// each call from the code of ctx's request (see the package's doc).
	// Nil calls start at once and waits for the promise.
	Call func(ctx context.Context, start func() js.Value) (js.Value, error)
}

// DB is a D1 database: SQL for queries and single statements, and
// itself a register.Executor that sends several statements as one batch.
type DB struct {
	binding js.Value
	call    func(ctx context.Context, start func() js.Value) (js.Value, error)
	sql     *sql.DB
}

var _ register.Executor = (*DB)(nil)

// Open returns the D1 database of binding, the D1Database object of the
// worker's env (env.DB for a binding named DB in wrangler.toml).
func Open(binding js.Value, opts Options) (*DB, error) {
	if binding.Type() != js.TypeObject || binding.Get("prepare").Type() != js.TypeFunction || binding.Get("batch").Type() != js.TypeFunction {
		return nil, errors.New("d1: the binding is not a D1 database: add a [[d1_databases]] block to wrangler.toml")
	}
	call := opts.Call
	if call == nil {
		call = callNow
	}
	d := &DB{binding: binding}
	d.call = func(ctx context.Context, start func() js.Value) (js.Value, error) {
		return call(ctx, func() js.Value { return rejectOnThrow(start) })
	}
	d.sql = sql.OpenDB(connector{d})
	return d, nil
}

// SQL returns the database for database/sql. It refuses transactions.
func (d *DB) SQL() *sql.DB { return d.sql }

// Close closes SQL.
func (d *DB) Close() error { return d.sql.Close() }

// Exec runs the statements: one as it is, several as one batch, which D1
// applies all or nothing.
func (d *DB) Exec(ctx context.Context, stmts ...register.Stmt) error {
	switch len(stmts) {
	case 0:
		return nil
	case 1:
		_, err := d.run(ctx, stmts[0].Query, stmts[0].Args, "run")
		return err
	}
	args := make([][]any, len(stmts))
	for i, s := range stmts {
		a, err := jsArgs(s.Args)
		if err != nil {
			return fmt.Errorf("d1: statement %d of the batch: %w", i+1, err)
		}
		args[i] = a
	}
	_, err := d.call(ctx, func() js.Value {
		list := js.Global().Get("Array").New(len(stmts))
		for i, s := range stmts {
			list.SetIndex(i, d.binding.Call("prepare", s.Query).Call("bind", args[i]...))
		}
		return d.binding.Call("batch", list)
	})
	if err != nil {
		return fmt.Errorf("d1: batch of %d statements: %w", len(stmts), err)
	}
	return nil
}

// run runs one statement with method ("run", or "raw" for its rows).
func (d *DB) run(ctx context.Context, query string, args []any, method string) (js.Value, error) {
	a, err := jsArgs(args)
	if err != nil {
		return js.Value{}, fmt.Errorf("d1: %w", err)
	}
	res, err := d.call(ctx, func() js.Value {
		st := d.binding.Call("prepare", query).Call("bind", a...)
		if method == "raw" {
			return st.Call("raw", map[string]any{"columnNames": true})
		}
		return st.Call(method)
	})
	if err != nil {
		return js.Value{}, fmt.Errorf("d1: %w", err)
	}
	return res, nil
}

// callNow calls start and waits for its promise.
func callNow(ctx context.Context, start func() js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	done := make(chan settled, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{v: arg(args)}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{err: JSError(arg(args))}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	js.Global().Get("Promise").Call("resolve", start()).Call("then", ok, fail)
	select {
	case s := <-done:
		return s.v, s.err
	case <-ctx.Done():
		return js.Value{}, ctx.Err()
	}
}

// rejectOnThrow calls start, turning a JavaScript exception (such as the
// syntax error that prepare throws) into a rejected promise, so that a
// Call made from JavaScript never panics in Go.
func rejectOnThrow(start func() js.Value) (v js.Value) {
	defer func() {
		if r := recover(); r != nil {
			je, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			v = js.Global().Get("Promise").Call("reject", je.Value)
		}
	}()
	return start()
}

func arg(args []js.Value) js.Value {
	if len(args) == 0 {
		return js.Undefined()
	}
	return args[0]
}

// JSError turns what a D1 promise rejected with into an error. A
// Call that awaits promises of its own uses it for their rejections.
func JSError(v js.Value) error {
	if v.Type() == js.TypeObject {
		if m := v.Get("message"); m.Type() == js.TypeString {
			return errors.New(m.String())
		}
	}
	if v.IsUndefined() || v.IsNull() {
		return errors.New("the D1 call failed")
	}
	return errors.New(js.Global().Get("String").Invoke(v).String())
}

// jsArgs turns database/sql's and the register's arguments into what
// D1's bind takes.
func jsArgs(args []any) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		v, err := driver.DefaultParameterConverter.ConvertValue(a)
		if err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		switch v := v.(type) {
		case nil:
			out[i] = nil
		case int64:
			if v > maxSafeInteger || v < -maxSafeInteger {
				return nil, fmt.Errorf("argument %d: %d is beyond what D1 holds exactly (±2^53 - 1)", i+1, v)
			}
			out[i] = float64(v)
		case float64:
			out[i] = v
		case bool:
			if v {
				out[i] = 1
			} else {
				out[i] = 0
			}
		case string:
			out[i] = v
		case []byte:
			b := js.Global().Get("Uint8Array").New(len(v))
			js.CopyBytesToJS(b, v)
			out[i] = b
		default:
			return nil, fmt.Errorf("argument %d: D1 takes no %T: pass Unix milliseconds for a time", i+1, v)
		}
	}
	return out, nil
}

// value turns one value of a D1 row into a driver.Value.
func value(v js.Value) (driver.Value, error) {
	switch v.Type() {
	case js.TypeNull, js.TypeUndefined:
		return nil, nil
	case js.TypeNumber:
		f := v.Float()
		if f == math.Trunc(f) && math.Abs(f) <= maxSafeInteger {
			return int64(f), nil
		}
		return f, nil
	case js.TypeString:
		return v.String(), nil
	case js.TypeBoolean:
		if v.Bool() {
			return int64(1), nil
		}
		return int64(0), nil
	case js.TypeObject:
		src := js.Global().Get("Uint8Array").New(v)
		b := make([]byte, src.Length())
		js.CopyBytesToGo(b, src)
		return b, nil
	}
	return nil, fmt.Errorf("d1: a value of JavaScript type %s", v.Type())
}

// The database/sql driver.

type connector struct{ d *DB }

func (c connector) Connect(context.Context) (driver.Conn, error) { return conn(c), nil }

func (c connector) Driver() driver.Driver { return drv{} }

type drv struct{}

func (drv) Open(string) (driver.Conn, error) {
	return nil, errors.New("d1: open the database with d1.Open")
}

type conn struct{ d *DB }

var (
	_ driver.ExecerContext  = conn{}
	_ driver.QueryerContext = conn{}
	_ driver.ConnBeginTx    = conn{}
)

func (c conn) Prepare(query string) (driver.Stmt, error) { return stmt{c.d, query}, nil }

func (c conn) Close() error { return nil }

func (c conn) Begin() (driver.Tx, error) { return nil, ErrNoTransactions }

func (c conn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return nil, ErrNoTransactions
}

func (c conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.d.run(ctx, query, plain(args), "run")
	if err != nil {
		return nil, err
	}
	meta := res.Get("meta")
	r := result{lastID: -1, changes: -1}
	if meta.Type() == js.TypeObject {
		if v := meta.Get("last_row_id"); v.Type() == js.TypeNumber {
			r.lastID = int64(v.Float())
		}
		if v := meta.Get("changes"); v.Type() == js.TypeNumber {
			r.changes = int64(v.Float())
		}
	}
	return r, nil
}

func (c conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	res, err := c.d.run(ctx, query, plain(args), "raw")
	if err != nil {
		return nil, err
	}
	n := res.Length()
	if n == 0 {
		return &rows{}, nil
	}
	head := res.Index(0)
	cols := make([]string, head.Length())
	for i := range cols {
		cols[i] = head.Index(i).String()
	}
	// Copy the rows now: js.Values of a finished call are not to be kept.
	data := make([][]driver.Value, 0, n-1)
	for i := 1; i < n; i++ {
		row := res.Index(i)
		vals := make([]driver.Value, len(cols))
		for j := range vals {
			if vals[j], err = value(row.Index(j)); err != nil {
				return nil, err
			}
		}
		data = append(data, vals)
	}
	return &rows{cols: cols, data: data}, nil
}

func plain(args []driver.NamedValue) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

type stmt struct {
	d     *DB
	query string
}

func (s stmt) Close() error  { return nil }
func (s stmt) NumInput() int { return -1 }

func (s stmt) Exec(args []driver.Value) (driver.Result, error) {
	return conn{s.d}.ExecContext(context.Background(), s.query, named(args))
}

func (s stmt) Query(args []driver.Value) (driver.Rows, error) {
	return conn{s.d}.QueryContext(context.Background(), s.query, named(args))
}

func (s stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return conn{s.d}.ExecContext(ctx, s.query, args)
}

func (s stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return conn{s.d}.QueryContext(ctx, s.query, args)
}

func named(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}

type result struct{ lastID, changes int64 }

func (r result) LastInsertId() (int64, error) {
	if r.lastID < 0 {
		return 0, errors.New("d1: no last_row_id")
	}
	return r.lastID, nil
}

func (r result) RowsAffected() (int64, error) {
	if r.changes < 0 {
		return 0, errors.New("d1: no changes count")
	}
	return r.changes, nil
}

type rows struct {
	cols []string
	data [][]driver.Value
	next int
}

func (r *rows) Columns() []string { return r.cols }
func (r *rows) Close() error      { return nil }

func (r *rows) Next(dest []driver.Value) error {
	if r.next >= len(r.data) {
		return io.EOF
	}
	copy(dest, r.data[r.next])
	r.next++
	return nil
}
