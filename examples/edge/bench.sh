#!/usr/bin/env bash
# Builds the worker and benchmarks it in workerd on 127.0.0.1 (no network):
# bundle size, cold start, warm latency against a JavaScript floor, and 50
# requests in flight. Needs Node and `npm ci` here. Not a test: the figures
# go in docs/api.md. Exits 1 if the bundle is over 3 MiB gzipped or a
# request under load fails. Flags go to the benchmark (see bench/main.go).
set -euo pipefail
cd "$(dirname "$0")"
./build.sh
exec go run ./bench "$@"
