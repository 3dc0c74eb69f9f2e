#!/usr/bin/env bash
# Each `make bench` program, run at the smallest size: it must exit 0 and
# print one JSON document naming its benchmark. Timings are not looked at
# (benchmarks measure, tests assert), but a bench that no longer runs
# against the current schema fails here instead of on the next `make bench`.
# Usage: tests/bench_smoke.sh BUILD_DIR ; ends with "bench_smoke: N passed, M failed".
set -uo pipefail
build=$(cd "$1" && pwd)
export AI_MEMORY_BIN=$build/ai-memory
passed=0
failed=0
out=$(mktemp /tmp/ai-memory-bench-smoke.XXXXXX)
trap 'rm -f "$out"' EXIT

# smoke NAME BENCHMARK_FIELD CMD...: runs CMD; stdout must be JSON with "benchmark": BENCHMARK_FIELD.
smoke() {
  local name=$1 expected=$2
  shift 2
  if "$@" >"$out" && node -e '
      const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      if (doc.benchmark !== process.argv[2]) throw new Error("benchmark is " + doc.benchmark);' "$out" "$expected"; then
    echo "bench_smoke: $name ok"
    passed=$((passed + 1))
  else
    echo "bench_smoke: $name FAILED"
    head -c 2000 "$out"
    failed=$((failed + 1))
  fi
}

smoke store store "$build/ai-memory-bench-store" --rows 500 --seconds 1 --clients 1
smoke recall recall_quality "$build/ai-memory-bench-recall" --namespaces 5 --questions-per-namespace 4
smoke search search_speed "$build/ai-memory-bench-search" --sizes 1000 --seconds 1 --queries 20 --shared-buffers 128MB
smoke http http "$build/ai-memory-bench-http" --rows 200 --seconds 1 --connections 1 --repeat 1
echo "bench_smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
