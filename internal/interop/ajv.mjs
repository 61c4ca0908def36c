// Validates documents with ajv (draft 2020-12, ajv-formats) against
// partnerkit's schemas, for the conformance check and the benchmark.
//
//   node ajv.mjs verdicts MANIFEST   prints {"schemas": [...], "documents": [...]} as JSON
//   node ajv.mjs bench MANIFEST [SECONDS]
//                                    prints documents per second, parsing included
//
// MANIFEST is the corpus's manifest.json: {"documents": [{"file", "schema"}]},
// with files relative to the manifest's folder.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, "..", "..", "schemas");

export function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  // partnerkit words its messages with an errorMessage string, as the
  // ajv-errors plugin reads it; it changes no verdict, so it is declared
  // here as an annotation.
  ajv.addKeyword({ keyword: "errorMessage", schemaType: "string" });
  const schemas = {};
  const meta = [];
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith(".json")).sort()) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8"));
    const ok = ajv.validateSchema(schema);
    meta.push({ schema: file.replace(/\.json$/, ""), valid: ok, errors: ok ? "" : ajv.errorsText(ajv.errors) });
    ajv.addSchema(schema);
    schemas[file.replace(/\.json$/, "")] = schema.$id;
  }
  const validators = {};
  for (const [name, id] of Object.entries(schemas)) validators[name] = ajv.getSchema(id);
  return { validators, meta };
}

function load(manifestPath) {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const base = dirname(manifestPath);
  return manifest.documents.map((d) => ({ ...d, text: readFileSync(join(base, d.file), "utf8") }));
}

function verdicts(manifestPath) {
  const { validators, meta } = compile();
  const documents = load(manifestPath).map((d) => {
    const validate = validators[d.schema];
    const valid = validate(JSON.parse(d.text));
    const errors = valid ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
    return { file: d.file, schema: d.schema, valid, errors };
  });
  process.stdout.write(JSON.stringify({ schemas: meta, documents }));
}

function bench(manifestPath, seconds) {
  const { validators } = compile();
  const docs = load(manifestPath);
  const run = () => {
    let valid = 0;
    for (const d of docs) if (validators[d.schema](JSON.parse(d.text))) valid++;
    return valid;
  };
  run(); // warm up the JIT
  let n = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds * 1e9) {
    run();
    n += docs.length;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ documents: n, seconds: elapsed / 1e9, cpuSeconds: (used.user + used.system) / 1e6, perSecond: n / (elapsed / 1e9) }));
}

const [cmd, manifest, seconds] = process.argv.slice(2);
if (cmd === "verdicts" && manifest) verdicts(manifest);
else if (cmd === "bench" && manifest) bench(manifest, Number(seconds || 3));
else {
  process.stderr.write("usage: node ajv.mjs verdicts|bench MANIFEST [SECONDS]\n");
  process.exit(2);
}
