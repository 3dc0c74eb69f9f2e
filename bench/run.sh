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
# With tools/glove-embedder/node_modules present (make bench runs npm ci), the
# recall-quality bench also measures hybrid recall with GloVe vectors served
# by tools/glove-embedder, started here on a free port and stopped after it.
set -euo pipefail
build=${1:-build}
export AI_MEMORY_BIN="$build/ai-memory"
glove=$(cd "$(dirname "$0")/.." && pwd)/tools/glove-embedder
glove_pid=
glove_out=

stop_glove() {
  if [[ -n $glove_pid ]]; then
    kill "$glove_pid" 2>/dev/null || true
    wait "$glove_pid" 2>/dev/null || true
  fi
  if [[ -n $glove_out ]]; then rm -f "$glove_out"; fi
  glove_pid=
  glove_out=
}
trap stop_glove EXIT

# Starts the GloVe embedder on a free port; sets recall_flags to reach it.
recall_flags=()
start_glove() {
  [[ -d $glove/node_modules ]] && command -v node >/dev/null || return 0
  glove_out=$(mktemp /tmp/ai-memory-glove.XXXXXX)
  node "$glove/server.mjs" --port 0 >"$glove_out" &
  glove_pid=$!
  local url=
  for _ in $(seq 1200); do  # loading the 341k-word vectors takes a few seconds
    url=$(sed -n 's/^glove-embedder listening on //p' "$glove_out")
    [[ -n $url ]] || ! kill -0 "$glove_pid" 2>/dev/null && break
    sleep 0.1
  done
  if [[ -z $url ]]; then
    echo "bench: glove-embedder did not start; hybrid_recall_service skipped" >&2
    stop_glove
    return 0
  fi
  recall_flags=(--embed-url "$url" --embedding-model glove-6b-100d-sif)
}

"$build/ai-memory-bench-store" --rows "${BENCH_ROWS:-100000}" --seconds "${BENCH_SECONDS:-5}" \
  --clients "${BENCH_CLIENTS:-1,8}"
start_glove
"$build/ai-memory-bench-recall" "${recall_flags[@]}"
stop_glove
"$build/ai-memory-bench-search" --sizes "${BENCH_SIZES:-10000,100000}" --seconds "${BENCH_SEARCH_SECONDS:-2}"
"$build/ai-memory-bench-http" --seconds "${BENCH_HTTP_SECONDS:-5}" \
  --connections "${BENCH_HTTP_CONNECTIONS:-1,8,32}" --repeat "${BENCH_HTTP_REPEAT:-1}"
