// The worker module: it keeps ONE Go program running per isolate and hands
// it every request, so that Go's start-up and the schemas' compilation are
// paid once, on the first request, rather than on every request as the
// module workers-assets-gen writes does (it starts a new Go program for
// each request, and Serve ends the program after one response).
//
// build.sh copies this file to build/worker.mjs, beside the wasm_exec.js
// that workers-assets-gen writes and the app.wasm that Go builds.
//
// The Go side (main.go) calls workers.ServeNonBlock and workers.Ready and
// then blocks forever. syumai/workers reads its runtime context (env, ctx
// and the binding it registers handleRequest on) from the object given to
// go.run; here env and ctx are updated before each request is handed over,
// so they are those of the latest request. Requests overlap, so Go code
// must not rely on ctx (waitUntil) belonging to its own request; Go uses
// neither, and reads env once, at start-up (the D1 binding too, which
// serves every request). Go's D1 calls are made from their own request's
// code (see d1Call).
//
// If the Go program exits (out of memory, a fatal error, os.Exit), every
// request it was answering gets a 500 problem within WATCH_MS, and the
// next request starts a new program. Go runs in whichever request's code
// happens to resume it, so it answers (or exits during) one request while
// running for another; workerd (1.20260426) did not run the continuation
// of a request's promise resolved that way once the other request had
// finished, and then cancelled the first as hung (a 500 in text/plain),
// or it waited for ever. So each request waits on a timer of its own and
// looks there for Go's answer (put in the request's box the moment Go
// gives it, see GoPromise) and for the program's exit, and nothing waits
// on go.run's promise, which the first request made. Bodies are read here
// and never handed to Go over the limit (see limitBody).
import "./wasm_exec.js";
import { connect } from "cloudflare:sockets";
import mod from "./app.wasm";

// The handler's body limit, api.DefaultMaxBodyBytes (main.go keeps the
// default): Go is never handed a body over it (see limitBody). The number
// is written from Go's constant, its one source, by
// `go test ./examples/edge/ -run BodyLimit -update`, and that test fails
// when the two differ; the end-to-end tests send bodies of exactly the
// limit and one byte over it.
const MAX_BODY_BYTES = 1048576;

// The rest of a body over the limit is read here and discarded, up to
// this much in all, so that the connection can serve the client's next
// request: workerd resets a connection whose request body was left
// unread. A larger body is left, and its connection closed.
const DRAIN_BYTES = 2 * MAX_BODY_BYTES;

// How often a request waiting for Go looks whether the program is still
// running (see handOver).
const WATCH_MS = 20;

// The running program, or undefined before the first request and after
// the program has exited.
let program;

// start starts a Go program and returns it: { go, runtime, exited, ready }.
function start(env, ctx) {
  const go = new Go();
  const p = {
    go,
    // The runtime context syumai/workers reads: one object for the
    // program's life, whose env and ctx follow the requests.
    runtime: { env, ctx, connect, binding: {}, partnerkit: { d1Call } },
    exited: false,
    ready: false,
    started: Date.now(),
  };
  go.exit = (code) => {
    retire(p, `the Go program exited with code ${code}`);
  };
  // A callback of the program's that comes after its exit (a body read, a
  // promise it was waiting on) finds nothing to resume, rather than
  // throwing "Go program has already exited" into another request.
  const resume = go._resume;
  go._resume = function () {
    if (!p.exited) resume.call(go);
  };
  // go.run's promise belongs to the request that started the program; it
  // is never awaited (see above), so it is never resolved either.
  go._resolveExitPromise = () => {};
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: {
      ready: () => {
        p.ready = true;
      },
    },
  });
  // syumai/workers takes the Promise constructor once, as the program
  // starts: it gets GoPromise (see handOver).
  const promise = globalThis.Promise;
  globalThis.Promise = GoPromise;
  try {
    go.run(instance, p.runtime).catch((err) => {
      console.error("partnerkit: the Go program failed:", err);
    });
  } finally {
    globalThis.Promise = promise;
  }
  return p;
}

// retire marks the program as gone: it has exited, or it was given up.
function retire(p, why) {
  p.exited = true;
  if (program === p) program = undefined;
  console.error(`partnerkit: ${why}; the next request starts a new one`);
  // The program's timers must not fire into it (wasm_exec.js would
  // resume a program that is gone, again and again).
  for (const t of p.go._scheduledTimeouts.values()) clearTimeout(t);
  p.go._scheduledTimeouts.clear();
  // Each request it was answering sees p.exited from a timer of its own
  // (see handOver), not from here: workerd does not run a continuation
  // of a request's promise resolved by another request's code once
  // that other request has finished, and this one soon will.
}

// How long a new program may take to be ready, in milliseconds: main.go
// opens the register first, waiting for D1 (the migrations, on a fresh
// database). A program not ready by then is given up (its D1 call may
// have been lost with the request that started it, if that request was
// cancelled), so that the next request starts another rather than wait
// for ever. PARTNERKIT_START_TIMEOUT_MS overrides it (for the tests).
const START_MS = 30_000;

// whenReady resolves when the program is ready to serve, or rejects if it
// exits first or is not ready within START_MS of its start. It looks from
// timers of this request's own (see handOver).
function whenReady(p, env) {
  const limit = Number(env?.PARTNERKIT_START_TIMEOUT_MS) || START_MS;
  return new Promise((resolve, reject) => {
    const look = () => {
      if (p.ready) resolve();
      else if (p.exited) reject(new Error("the Go program exited before it was ready"));
      else if (Date.now() - p.started > limit) {
        retire(p, `the Go program was not ready within ${limit} ms`);
        reject(new Error("the Go program was not ready in time"));
      } else setTimeout(look, WATCH_MS);
    };
    look();
  });
}

// handOver hands a request to the program and returns the answer: Go's,
// read whole, or a problem if the program exits before it has answered
// completely. The promise is this request's own.
function handOver(p, goReq, env, method) {
  return new Promise((resolve) => {
    let settled = false;
    let accepted = false;
    let settle = (res) => {
      if (settled) return;
      settled = true;
      resolve(res);
    };
    const stop = () => settle(problem(goReq, env, "The checker stopped while answering this request. Please send it again."));
    const fail = (err) => {
      if (p.exited) {
        stop();
        return;
      }
      console.error("partnerkit: the Go program could not answer:", err);
      settle(problem(goReq, env, "The checker could not answer this request. Please send it again."));
    };
    const accept = (answer) => {
      if (accepted) return;
      accepted = true;
      if ("error" in answer) {
        fail(answer.error);
        return;
      }
      const res = answer.value;
      if (!(res instanceof Response)) {
        fail(new Error("Go gave no Response"));
        return;
      }
      // Read the answer's body while the program is known to be running,
      // so that an exit half-way through it is a problem, not a cut body.
      if (res.body === null || method === "HEAD" || res.status === 204 || res.status === 304) {
        if (res.body !== null) res.body.cancel().catch(() => {});
        settle(new Response(null, res));
        return;
      }
      res.arrayBuffer().then((body) => settle(new Response(body, res)), fail);
    };
    // Go answers this request, or exits, from whichever request's code it
    // happens to be running in, and workerd drops the continuations of a
    // promise resolved from another request once that request has
    // finished (and then cancels this one as hung). So besides waiting on
    // Go's promise, this request looks from a timer of its own for Go's
    // answer (which box holds as soon as Go gives it) and for the
    // program's exit; the timer also keeps this request's context awake.
    // The box also holds the D1 calls Go makes for this request while
    // running in another's code (see d1Call), which the timer makes here.
    const box = { jobs: [] };
    const id = String(++lastRequest);
    requests.set(id, box);
    const done = settle;
    settle = (res) => {
      requests.delete(id);
      // Calls still waiting are made now, from this request's code: Go
      // gets their answers while this request lasts, or never.
      if (box.jobs.length > 0 && !p.exited) enter(box, runJobs);
      done(res);
    };
    const headers = new Headers(goReq.headers);
    headers.set(REQUEST_HEADER, id);
    goReq = { ...goReq, headers };
    const watch = () => {
      if (settled) return;
      if (box.jobs.length > 0 && !p.exited) enter(box, runJobs);
      if (box.answer !== undefined) accept(box.answer);
      else if (p.exited) stop();
      if (!settled) setTimeout(watch, WATCH_MS);
    };
    setTimeout(watch, WATCH_MS);
    if (p.exited) {
      stop();
      return;
    }
    let answer;
    const outer = current;
    try {
      posting = box;
      current = box;
      answer = p.runtime.binding.handleRequest(goReq);
    } catch (err) {
      fail(err);
      return;
    } finally {
      posting = undefined;
      current = outer;
    }
    Promise.resolve(answer).then((value) => accept({ value }), (error) => accept({ error }));
  });
}

// The header that tells Go which request it is answering (main.go's
// withRequestID takes it off), for d1Call.
const REQUEST_HEADER = "Partnerkit-Worker-Request";

// The requests Go is answering, their boxes by id, and the last id given.
const requests = new Map();
let lastRequest = 0;

// current is the box of the request whose code is running Go now, when
// that is known: while a request hands itself over, while its timer
// makes its waiting D1 calls, and while a D1 call's answer is given to
// Go. Elsewhere (Go's own timers, a body's read) it is undefined.
let current;

// enter runs fn as the code of the request whose box is given.
function enter(box, fn) {
  const outer = current;
  current = box;
  try {
    fn(box);
  } finally {
    current = outer;
  }
}

function runJobs(box) {
  while (box.jobs.length > 0) box.jobs.shift()();
}

// d1Call is how Go calls the D1 binding (main.go's callD1; register/d1):
// job calls the binding and returns its promise, and settle(ok, value)
// gives Go what the promise settles to. workerd ties a promise to the
// request whose code made it and drops its continuations once that
// request has finished; Go runs for one request while resumed by
// another's code. So the call is made now only if the code running is
// its own request's (or it is for no request, as at start-up); else it
// waits in the request's box for the request's own timer (WATCH_MS).
function d1Call(id, job, settle) {
  const box = requests.get(id);
  const run = () => {
    let promise;
    try {
      promise = Promise.resolve(job());
    } catch (err) {
      promise = Promise.reject(err);
    }
    // (A program that has exited ignores settle: see start's _resume.)
    const give = (ok, value) => {
      if (box === undefined) settle(ok, value);
      else enter(box, () => settle(ok, value));
    };
    promise.then((value) => give(true, value), (err) => give(false, err));
  };
  if (box === undefined || box === current) run();
  else box.jobs.push(run);
}

// posting is the box of the request being handed to Go, while
// binding.handleRequest runs: the first promise Go makes then is the one
// it answers that request with.
let posting;

// GoPromise is the Promise that Go's programs make their promises with
// (start hands it to them): it puts the answer to a request in that
// request's box at once, where the request's own timer finds it (see
// handOver). Its then, catch and finally make plain promises.
class GoPromise extends Promise {
  static get [Symbol.species]() {
    return Promise;
  }

  constructor(executor) {
    const box = posting;
    posting = undefined;
    super((resolve, reject) => {
      executor(
        (value) => {
          if (box !== undefined) box.answer = { value };
          resolve(value);
        },
        (error) => {
          if (box !== undefined) box.answer = { error };
          reject(error);
        },
      );
    });
  }
}

// limitBody reads the request's body here, in JavaScript, up to one byte
// over the limit, and returns the request to hand to Go: a plain object
// with what syumai/workers reads (method, url, headers, body, cf). A body
// within the limit is handed over whole, as one chunk. A body over it,
// by its Content-Length or by what was read, is not handed over at all:
// Go gets the headers with a Content-Length over the limit, and answers
// as the handler does (413, or 404, 405 or 415 where those come first)
// without reading a byte. rest is the body's reader, for drain.
async function limitBody(req) {
  const goReq = { method: req.method, url: req.url, headers: req.headers, body: null, cf: req.cf };
  const state = { goReq, rest: null, read: 0, declared: -1 };
  if (req.body === null) return state;
  const length = req.headers.get("Content-Length");
  if (length !== null && /^[0-9]+$/.test(length)) state.declared = Number(length);
  state.rest = req.body.getReader();
  if (state.declared > MAX_BODY_BYTES) return state;
  const chunks = [];
  try {
    while (state.read <= MAX_BODY_BYTES) {
      const { done, value } = await state.rest.read();
      if (done) break;
      chunks.push(value);
      state.read += value.byteLength;
    }
  } catch {
    // The client stopped sending: Go reads what came, as the handler would.
    state.rest = null;
  }
  if (state.read > MAX_BODY_BYTES) {
    const headers = new Headers(req.headers);
    headers.set("Content-Length", String(state.read));
    headers.delete("Transfer-Encoding");
    goReq.headers = headers;
    return state;
  }
  goReq.body = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return state;
}

// drain reads and discards what is left of a body over the limit, up to
// DRAIN_BYTES in all, and then gives up on it.
async function drain(state) {
  const { rest, declared } = state;
  let read = state.read;
  try {
    if (declared > DRAIN_BYTES) {
      await rest.cancel();
      return;
    }
    while (read <= DRAIN_BYTES) {
      const { done, value } = await rest.read();
      if (done) return;
      read += value.byteLength;
    }
    await rest.cancel();
  } catch {
    // The client went away: nothing to drain.
  }
}

// origins reads PARTNERKIT_ALLOWED_ORIGINS as main.go does.
function origins(env) {
  const list = String(env?.PARTNERKIT_ALLOWED_ORIGINS ?? "").split(/[, ]+/).filter((o) => o !== "");
  return new Set(list.map((o) => o.replace(/\/$/, "")));
}

// problem answers a request the program could not: an RFC 9457 problem
// with the headers the handler's own problems carry (nosniff, and CORS
// for an allowed origin), so that a browser page can read it too.
function problem(req, env, detail) {
  const body = JSON.stringify({
    type: "https://partnerkit.github.io/problems/internal-error",
    title: "Something went wrong in the checker",
    status: 500,
    detail,
  }, null, 2) + "\n";
  const headers = new Headers({
    "Content-Type": "application/problem+json",
    "X-Content-Type-Options": "nosniff",
  });
  const allowed = origins(env);
  if (allowed.size > 0) {
    headers.append("Vary", "Origin");
    const origin = req.headers.get("Origin");
    if (allowed.has("*")) headers.set("Access-Control-Allow-Origin", "*");
    else if (origin !== null && allowed.has(origin)) headers.set("Access-Control-Allow-Origin", origin);
  }
  return new Response(req.method === "HEAD" ? null : body, { status: 500, headers });
}

async function fetch(req, env, ctx) {
  const body = await limitBody(req);
  const res = await answer(body.goReq, env, ctx);
  // Before answering: once the answer is sent, workerd closes a
  // connection whose request body is unread, and the client may see the
  // close (a reset) instead of the answer.
  if (body.rest !== null) await drain(body);
  return res;
}

// answer hands a request to the running program, starting one first if
// there is none.
async function answer(goReq, env, ctx) {
  if (program === undefined) {
    try {
      program = start(env, ctx);
    } catch (err) {
      program = undefined;
      console.error("partnerkit: the Go program could not start:", err);
      return problem(goReq, env, "The checker could not start. Please try again in a moment.");
    }
  }
  const p = program;
  p.runtime.env = env;
  p.runtime.ctx = ctx;
  try {
    await whenReady(p, env);
  } catch (err) {
    if (program === p) program = undefined;
    console.error("partnerkit: the Go program could not start:", err);
    return problem(goReq, env, "The checker could not start. Please try again in a moment.");
  }
  return handOver(p, goReq, env, goReq.method);
}

export default { fetch };
