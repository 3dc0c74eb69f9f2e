#!/usr/bin/env bash
# make bench: every benchmark, each printing one JSON document on stdout.
# Not part of make test: timings on a shared machine are measurements, not assertions.
set -euo pipefail
build=${1:-build}
export AI_MEMORY_BIN="$build/ai-memory"
"$build/ai-memory-bench" --rows "${BENCH_ROWS:-100000}" --seconds "${BENCH_SECONDS:-5}" --clients "${BENCH_CLIENTS:-1,8}"
