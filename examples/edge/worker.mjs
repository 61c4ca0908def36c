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
// must not rely on ctx (waitUntil) belonging to its own request; the
// checker uses neither, and reads env once, at start-up.
//
// If the Go program exits (out of memory, a fatal error, os.Exit), every
// request it was answering gets a 500 problem at once and the next request
// starts a new program. workerd ties each promise to the request that
// created it and drops the continuations of a promise whose request has
// finished, so nothing here waits on a promise made by another request:
// the program's exit is seen through Go's exit callback, which runs
// synchronously, and each request waits only on promises of its own.
import "./wasm_exec.js";
import { connect } from "cloudflare:sockets";
import mod from "./app.wasm";

// The handler's body limit (api.DefaultMaxBodyBytes: main.go keeps the
// default). A body declared larger is refused by its Content-Length before
// Go reads any of it; Go never reads more than one byte over the limit of
// a body of unknown length. The end-to-end test sends bodies of exactly
// the limit and one byte over it, so the two cannot drift apart unseen.
const MAX_BODY_BYTES = 1 << 20;

// The rest of a body that Go did not read is read here and discarded, up
// to this much in all, so that the connection can serve the client's next
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
    runtime: { env, ctx, connect, binding: {} },
    exited: false,
    ready: false,
  };
  go.exit = (code) => {
    p.exited = true;
    if (program === p) program = undefined;
    console.error(`partnerkit: the Go program exited with code ${code}; the next request starts a new one`);
    // The program's timers must not fire into it (wasm_exec.js would
    // resume a program that is gone, again and again).
    for (const t of go._scheduledTimeouts.values()) clearTimeout(t);
    go._scheduledTimeouts.clear();
    // Each request it was answering sees p.exited from a timer of its own
    // (see handOver), not from here: workerd does not run a continuation
    // of a request's promise resolved by another request's code once
    // that other request has finished, and this one soon will.
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
  go.run(instance, p.runtime).catch((err) => {
    console.error("partnerkit: the Go program failed:", err);
  });
  return p;
}

// whenReady resolves when the program is ready to serve (at once, as a
// rule: main.go is ready before it first waits), or rejects if it exits
// first. It looks from timers of this request's own (see handOver).
function whenReady(p) {
  return new Promise((resolve, reject) => {
    const look = () => {
      if (p.ready) resolve();
      else if (p.exited) reject(new Error("the Go program exited before it was ready"));
      else setTimeout(look, WATCH_MS);
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
    const settle = (res) => {
      if (settled) return;
      settled = true;
      resolve(res);
    };
    const stop = () => settle(problem(goReq, env, "The checker stopped while answering this request. Please send it again."));
    const fail = (err) => {
      if (!p.exited) console.error("partnerkit: the Go program could not answer:", err);
      stop();
    };
    // Go may exit while answering another request, whose code then runs
    // go.exit: this request looks for that from a timer of its own, as
    // workerd would drop a continuation resolved from the other request
    // once it has finished (and cancel this one as hung). The timer also
    // keeps this request's context awake while Go works.
    const watch = () => {
      if (settled) return;
      if (p.exited) stop();
      else setTimeout(watch, WATCH_MS);
    };
    setTimeout(watch, WATCH_MS);
    let answer;
    try {
      answer = p.runtime.binding.handleRequest(goReq);
    } catch (err) {
      fail(err);
      return;
    }
    Promise.resolve(answer).then(async (res) => {
      // Read the answer's body while the program is known to be running,
      // so that an exit half-way through it is a problem, not a cut body.
      if (res.body === null || method === "HEAD" || res.status === 204 || res.status === 304) {
        if (res.body !== null) res.body.cancel().catch(() => {});
        settle(new Response(null, res));
        return;
      }
      const body = await res.arrayBuffer();
      settle(new Response(body, res));
    }).catch(fail);
  });
}

// limitBody returns the request to hand to Go: a plain object with what
// syumai/workers reads (method, url, headers, body, cf), whose body Go
// can read no further than one byte over the limit. rest is the reader of
// the original body, for drain; sent counts the bytes Go was given.
function limitBody(req) {
  const goReq = { method: req.method, url: req.url, headers: req.headers, body: null, cf: req.cf };
  if (req.body === null) return { goReq, rest: null };
  const rest = req.body.getReader();
  const state = { goReq, rest, sent: 0, declared: -1 };
  const length = req.headers.get("Content-Length");
  if (length !== null && /^[0-9]+$/.test(length)) state.declared = Number(length);
  if (state.declared > MAX_BODY_BYTES) {
    // Refused by its length: Go sees the Content-Length header and
    // answers as the handler does (413, or 404, 405 or 415 where those
    // come first), with no body to read.
    return state;
  }
  goReq.body = new ReadableStream({
    async pull(controller) {
      state.pending = rest.read();
      const { done, value } = await state.pending;
      if (done) {
        controller.close();
        return;
      }
      const room = MAX_BODY_BYTES + 1 - state.sent;
      if (value.byteLength >= room) {
        // One byte over the limit is enough for Go to answer 413.
        controller.enqueue(value.subarray(0, room));
        state.sent += room;
        state.read = state.sent + (value.byteLength - room);
        controller.close();
        return;
      }
      state.sent += value.byteLength;
      controller.enqueue(value);
    },
  }, { highWaterMark: 0 }); // read only when Go reads
  return state;
}

// drain reads and discards what is left of a body Go did not read whole,
// up to DRAIN_BYTES in all, and then gives up on it.
async function drain(state) {
  const { rest, declared } = state;
  try {
    // A read of Go's may still be under way: the body takes one at a time.
    await state.pending?.catch(() => {});
    let read = state.read ?? state.sent;
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
  if (program === undefined) {
    try {
      program = start(env, ctx);
    } catch (err) {
      program = undefined;
      console.error("partnerkit: the Go program could not start:", err);
      return problem(req, env, "The checker could not start. Please try again in a moment.");
    }
  }
  const p = program;
  p.runtime.env = env;
  p.runtime.ctx = ctx;
  try {
    await whenReady(p);
  } catch (err) {
    if (program === p) program = undefined;
    console.error("partnerkit: the Go program could not start:", err);
    return problem(req, env, "The checker could not start. Please try again in a moment.");
  }
  const body = limitBody(req);
  const res = await handOver(p, body.goReq, env, req.method);
  // Before answering: once the answer is sent, workerd closes a
  // connection whose request body is unread, and the client may see the
  // close (a reset) instead of the answer.
  if (body.rest !== null) await drain(body);
  return res;
}

export default { fetch };
