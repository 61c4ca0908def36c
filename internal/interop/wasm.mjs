// Runs partnerkit compiled to WebAssembly (wasm/internal/benchcheck) in
// Node over a corpus and prints documents per second.
//
//   node wasm.mjs WASM_EXEC_JS APP_WASM MANIFEST validate|check [SECONDS]
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const [execJS, wasmFile, manifestPath, mode, seconds] = process.argv.slice(2);
if (!execJS || !wasmFile || !manifestPath || !["validate", "check"].includes(mode)) {
  process.stderr.write("usage: node wasm.mjs WASM_EXEC_JS APP_WASM MANIFEST validate|check [SECONDS]\n");
  process.exit(2);
}
createRequire(import.meta.url)(execJS); // defines globalThis.Go
const go = new globalThis.Go();
const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), go.importObject);
go.run(instance);
while (!globalThis.partnerkitReady) await new Promise((r) => setTimeout(r, 1));

const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const base = dirname(manifestPath);
const docs = manifest.documents.map((d) => ({ ...d, text: readFileSync(join(base, d.file), "utf8") }));
const one = mode === "check" ? (d) => globalThis.partnerkitCheck(d.text) : (d) => globalThis.partnerkitValidate(d.schema, d.text);
const run = () => {
  let valid = 0;
  for (const d of docs) if (one(d)) valid++;
  return valid;
};
const valid = run(); // warm up
let n = 0;
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < Number(seconds || 3) * 1e9) {
  run();
  n += docs.length;
  elapsed = Number(process.hrtime.bigint() - start);
}
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ documents: n, valid, seconds: elapsed / 1e9, cpuSeconds: (used.user + used.system) / 1e6, perSecond: n / (elapsed / 1e9) }));
process.exit(0);
