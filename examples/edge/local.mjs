// Runs the built worker locally in workerd, through miniflare, on
// 127.0.0.1 and with no network: for serve.mjs, bench.mjs and the
// end-to-end test.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const here = dirname(fileURLToPath(import.meta.url));

// The compatibility date comes from wrangler.toml, so that local and
// deployed workers agree.
export function compatibilityDate() {
  const toml = readFileSync(join(here, "wrangler.toml"), "utf8");
  const m = toml.match(/^compatibility_date\s*=\s*"([0-9-]+)"/m);
  if (!m) throw new Error("wrangler.toml has no compatibility_date");
  return m[1];
}

// partnerkitVars returns the PARTNERKIT_ variables of the environment, as
// the worker's bindings: PARTNERKIT_ALLOWED_ORIGINS, PARTNERKIT_DEBUG_INSTANCE,
// PARTNERKIT_START_TIMEOUT_MS, and the test build's PARTNERKIT_TEST_FAIL_START
// and PARTNERKIT_TEST_HANG_START.
function partnerkitVars() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("PARTNERKIT_")));
}

// startWorker starts workerd with the worker in buildDir and returns the
// Miniflare and the URL it serves.
export async function startWorker({
  buildDir = process.env.BUILD_DIR || join(here, "build"),
  port = Number(process.env.PORT || 0),
  allowedOrigins = process.env.PARTNERKIT_ALLOWED_ORIGINS || "",
  debugInstance = process.env.PARTNERKIT_DEBUG_INSTANCE || "",
  d1 = process.env.D1 !== "off",
  d1Persist = process.env.D1_PERSIST || false,
} = {}) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port,
    modules: true,
    scriptPath: join(buildDir, "worker.mjs"),
    modulesRoot: buildDir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: compatibilityDate(),
    cf: false, // placeholder request.cf values: never fetch Cloudflare's
    bindings: { ...partnerkitVars(), PARTNERKIT_ALLOWED_ORIGINS: allowedOrigins, PARTNERKIT_DEBUG_INSTANCE: debugInstance },
    // The register's D1 database, binding DB as in wrangler.toml: local
    // SQLite in workerd, in memory or kept in the d1Persist directory.
    ...(d1 ? { d1Databases: ["DB"], d1Persist } : {}),
  });
  const url = await mf.ready;
  return { mf, url: url.origin };
}

// startFloor starts a worker in plain JavaScript that reads the request's
// body and answers at once: the floor under the Go worker's latency, for
// the benchmark.
export async function startFloor({ port = Number(process.env.PORT || 0) } = {}) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port,
    modules: true,
    compatibilityDate: compatibilityDate(),
    cf: false,
    script: `export default {
      async fetch(req) {
        await req.text();
        return new Response('{"valid": true, "findings": []}\\n', { headers: { "Content-Type": "application/json" } });
      },
    };`,
  });
  const url = await mf.ready;
  return { mf, url: url.origin };
}

// startD1Floor starts a worker in plain JavaScript that makes one D1 query
// (SELECT 1) per request: the floor under each of the register's D1
// calls, for the benchmark.
export async function startD1Floor({ port = Number(process.env.PORT || 0) } = {}) {
  const mf = new Miniflare({
    host: "127.0.0.1",
    port,
    modules: true,
    compatibilityDate: compatibilityDate(),
    cf: false,
    d1Databases: ["DB"],
    d1Persist: process.env.D1_PERSIST || false,
    script: `export default {
      async fetch(req, env) {
        const row = await env.DB.prepare("SELECT 1 AS one").first();
        return new Response(JSON.stringify(row) + "\\n", { headers: { "Content-Type": "application/json" } });
      },
    };`,
  });
  const url = await mf.ready;
  return { mf, url: url.origin };
}
