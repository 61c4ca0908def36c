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
// checker uses neither, and reads env (PARTNERKIT_ALLOWED_ORIGINS) once,
// at start-up.
import "./wasm_exec.js";
import { connect } from "cloudflare:sockets";
import mod from "./app.wasm";

// The running program: a promise of { binding, exited }, or undefined
// before the first request and after the program has exited.
let program;

async function start(runtime) {
  const go = new Go();
  let ready;
  const isReady = new Promise((resolve) => {
    ready = resolve;
  });
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  // go.run resolves when the program exits: it should not, but if it
  // panics the next request starts a new one.
  const exited = go.run(instance, runtime).then(
    () => {
      program = undefined;
    },
    (err) => {
      program = undefined;
      console.error("partnerkit: the Go program failed:", err);
    },
  );
  return await Promise.race([
    isReady.then(() => ({ binding: runtime.binding, exited })),
    exited.then(() => {
      throw new Error("the Go program exited before it was ready");
    }),
  ]);
}

// failed answers a request the program could not: RFC 9457, as the
// handler's own problems are.
function failed(detail) {
  const body = JSON.stringify({
    type: "https://partnerkit.github.io/problems/internal-error",
    title: "Something went wrong in the checker",
    status: 500,
    detail,
  }, null, 2) + "\n";
  return new Response(body, {
    status: 500,
    headers: { "Content-Type": "application/problem+json" },
  });
}

// The runtime context syumai/workers reads: one object for the program's
// life, whose env and ctx follow the requests.
const runtime = { env: undefined, ctx: undefined, connect, binding: {} };

async function fetch(req, env, ctx) {
  runtime.env = env;
  runtime.ctx = ctx;
  if (program === undefined) {
    program = start(runtime);
    program.catch(() => {
      program = undefined;
    });
  }
  let running;
  try {
    running = await program;
  } catch (err) {
    return failed("The checker could not start. Please try again.");
  }
  // If the program dies while answering, answer rather than hang.
  return Promise.race([
    running.binding.handleRequest(req),
    running.exited.then(() => failed("The checker stopped while answering. Please try again.")),
  ]);
}

export default { fetch };
