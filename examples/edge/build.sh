#!/usr/bin/env bash
# Builds the worker into build/ (or $BUILD_DIR): workers-assets-gen writes
# its patched wasm_exec.js, our worker.mjs replaces the module it writes
# (which would start a new Go program for every request), and Go builds the
# checker to build/app.wasm. Standard Go, not TinyGo.
set -euo pipefail
cd "$(dirname "$0")"
out="${BUILD_DIR:-build}"

go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$out"
cp worker.mjs "$out/worker.mjs"
rm -f "$out/runtime.mjs" # the generated module's helper; worker.mjs does without
# EDGE_TEST=1 builds the end-to-end test's worker: the tag
# partnerkit_edgetest adds paths that end the Go program mid-request
# (testhooks.go). Never deploy that build.
tags=
if [ "${EDGE_TEST:-}" = 1 ]; then tags=partnerkit_edgetest; fi
GOOS=js GOARCH=wasm go build -trimpath -tags="$tags" -ldflags='-s -w' -o "$out/app.wasm" .
