#!/usr/bin/env bash
# make bench: store, then recall quality, then search speed, then the HTTP
# bridge against SQL. Each prints one
# JSON document on stdout and nothing else there; progress and errors go to
# stderr. Not part of make test: timings on a shared machine are
# measurements, not assertions.
#   BENCH_ROWS, BENCH_SECONDS, BENCH_CLIENTS   store
#   BENCH_SIZES          search speed levels (default 10000,100000;
#                        the 1M level is opt-in: 10000,100000,1000000)
#   BENCH_SEARCH_SECONDS search speed, seconds per measurement (default 2)
#   BENCH_HTTP_SECONDS, BENCH_HTTP_CONNECTIONS, BENCH_HTTP_REPEAT
#                        HTTP vs SQL (defaults 5, 1,8,32 and 1); needs wrk
set -euo pipefail
build=${1:-build}
export AI_MEMORY_BIN="$build/ai-memory"
"$build/ai-memory-bench-store" --rows "${BENCH_ROWS:-100000}" --seconds "${BENCH_SECONDS:-5}" \
  --clients "${BENCH_CLIENTS:-1,8}"
"$build/ai-memory-bench-recall"
"$build/ai-memory-bench-search" --sizes "${BENCH_SIZES:-10000,100000}" --seconds "${BENCH_SEARCH_SECONDS:-2}"
"$build/ai-memory-bench-http" --seconds "${BENCH_HTTP_SECONDS:-5}" \
  --connections "${BENCH_HTTP_CONNECTIONS:-1,8,32}" --repeat "${BENCH_HTTP_REPEAT:-1}"
