// Serves the built worker (./build.sh first) in workerd on 127.0.0.1 and
// prints its URL on the first line of standard output; stops on SIGINT or
// SIGTERM. PORT picks the port (default: any free one), BUILD_DIR the
// build, PARTNERKIT_ALLOWED_ORIGINS the CORS origins, and
// PARTNERKIT_DEBUG_INSTANCE=1 adds the Partnerkit-Instance header.
// The register's D1 database (binding DB) is in memory, or kept in the
// directory D1_PERSIST names (data survive a restart with the same
// one); D1=off runs the checker alone, without a register.
//
//	D1_PERSIST=.wrangler/state/d1 node serve.mjs
//
//	node serve.mjs
//	PORT=8787 node serve.mjs
//	node serve.mjs --floor   # the benchmark's floor: a JavaScript worker that only reads the body
//	node serve.mjs --d1-floor   # the register's floor: a JavaScript worker that makes one D1 query
import { startD1Floor, startFloor, startWorker } from "./local.mjs";

const { mf, url } = process.argv.includes("--floor")
  ? await startFloor()
  : process.argv.includes("--d1-floor")
    ? await startD1Floor()
    : await startWorker();
console.log(url);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await mf.dispose();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
