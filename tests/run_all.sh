#!/usr/bin/env bash
# Runs every test suite in order, keeps going after a failing one, and ends
# with one summary line:  N passed, M failed
# A suite that crashes, hangs or is missing counts as one failure.
# Usage: tests/run_all.sh BUILD_DIR
set -uo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "run_all: no build directory $1" >&2; exit 2; }
tests=$(cd "$(dirname "$0")" && pwd)
suite_timeout=${AI_MEMORY_SUITE_TIMEOUT:-900}  # seconds per suite
passed=0
failed=0
log=$(mktemp /tmp/ai-memory-run-all.XXXXXX)
trap 'rm -f "$log"' EXIT

# run NAME CMD...: runs a suite with a time limit, output to the terminal and $log.
run() {
  local name=$1
  shift
  echo
  echo "=== $name"
  timeout --foreground --kill-after=10 "$suite_timeout" "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

count() {  # NAME RC PASSED FAILED: adds a suite's counts; a bad exit with no failures is a crash
  local name=$1 rc=$2 ok=$3 bad=$4
  passed=$((passed + ok))
  failed=$((failed + bad))
  if [[ $rc -ne 0 && $bad -eq 0 ]]; then
    [[ $rc -eq 124 || $rc -eq 137 ]] && echo "run_all: $name timed out after ${suite_timeout}s" ||
      echo "run_all: $name exited with status $rc without reporting a failed test"
    failed=$((failed + 1))
  fi
}

# gtest_suite NAME BINARY [ENV...]: a GoogleTest binary; counts from its summary lines.
gtest_suite() {
  local name=$1 binary=$2
  shift 2
  if [[ ! -x $binary ]]; then
    echo "run_all: $name did not run: $binary is missing"
    failed=$((failed + 1))
    return
  fi
  run "$name" env "$@" "$binary" --gtest_color=no
  local rc=$? ok bad
  ok=$(sed -nE 's/^\[  PASSED  \] ([0-9]+) tests?\..*/\1/p' "$log" | tail -n 1)
  bad=$(sed -nE 's/^\[  FAILED  \] ([0-9]+) tests?, listed below.*/\1/p' "$log" | tail -n 1)
  count "$name" "$rc" "${ok:-0}" "${bad:-0}"
}

# script_suite NAME PREFIX CMD...: a script ending with "PREFIX: N passed, M failed".
script_suite() {
  local name=$1 prefix=$2
  shift 2
  run "$name" "$@"
  local rc=$? line ok bad
  line=$(grep -E "^$prefix: [0-9]+ passed, [0-9]+ failed$" "$log" | tail -n 1)
  ok=$(sed -nE "s/^$prefix: ([0-9]+) passed.*/\1/p" <<<"$line")
  bad=$(sed -nE 's/.* ([0-9]+) failed$/\1/p' <<<"$line")
  count "$name" "$rc" "${ok:-0}" "${bad:-0}"
}

gtest_suite core_tests "$build/core_tests"

script_suite regress run_regress "$tests/run_regress.sh"

[[ -x $build/bridge_tests ]] && gtest_suite bridge_tests "$build/bridge_tests"

gtest_suite integration_tests "$build/integration_tests" "AI_MEMORY_BIN=$build/ai-memory"

# The benchmark programs at their smallest: they still run and print JSON.
script_suite bench_smoke bench_smoke "$tests/bench_smoke.sh" "$build"

echo
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
