#!/usr/bin/env bash
# Runs the extension's SQL tests on a throwaway PostgreSQL 15 instance:
#   pg_regress           regress/schedule          (regress/sql/*.sql vs regress/expected/*.out)
#   pg_isolation_regress regress/isolation_schedule (regress/specs/*.spec), only if specs exist
# The extension must already be installed (`make test` installs first); the
# test database has it created before the first test (--load-extension).
# regress/regress.conf, if present, is appended to the instance's config.
# PostgreSQL refuses to run as root, so as root the suites run as `postgres`
# on a copy of regress/ that account owns.
# Last line, for tests/run_all.sh:  run_regress: N passed, M failed
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
src="$repo/regress"
bindir=${AI_MEMORY_PG_BINDIR:-/usr/lib/postgresql/15/bin}
pgxs=$("$bindir/pg_config" --pkglibdir 2>/dev/null)/pgxs/src/test
passed=0
failed=0

finish() {
  echo "run_regress: $passed passed, $failed failed"
  exit $((failed > 0 ? 1 : 0))
}

die() {  # a problem that stops the run; counted as one failure
  echo "run_regress: $*" >&2
  failed=$((failed + 1))
  finish
}

[[ -f $src/schedule ]] || die "no schedule: regress/schedule is missing"
sharedir=$("$bindir/pg_config" --sharedir) || die "pg_config not found in $bindir"
[[ -f $sharedir/extension/ai_memory.control ]] ||
  die "the ai_memory extension is not installed in $sharedir (run 'make install' first)"

# Every test file must be in its schedule, or it would silently never run.
check_scheduled() {  # DIR EXT SCHEDULE
  local file name
  for file in "$src/$1"/*."$2"; do
    [[ -e $file ]] || continue
    name=$(basename "$file" ".$2")
    if ! grep -Eq "^test:.*[[:space:]]$name([[:space:]]|$)" "$src/$3" 2>/dev/null; then
      echo "run_regress: $1/$name.$2 is not in regress/$3"
      failed=$((failed + 1))
    fi
  done
}
check_scheduled sql sql schedule

work=$(mktemp -d /tmp/ai-memory-regress.XXXXXX) || die "mktemp failed"
trap 'rm -rf "$work"' EXIT
cp -a "$src" "$work/regress"
run_as=()
if [[ $(id -u) -eq 0 ]]; then
  chown -R postgres: "$work"
  run_as=(runuser -u postgres --)
fi

# run_suite NAME DRIVER SCHEDULE: runs one driver, adds its counts, shows diffs
# on failure and keeps them as regress/regression[.NAME].diffs (git-ignored).
run_suite() {
  local name=$1 driver=$2 schedule=$3 out="$work/$1"
  local kept="$src/regression.diffs"
  [[ $name == regress ]] || kept="$src/regression.$name.diffs"
  rm -f "$kept"
  local args=(--bindir="$bindir" --inputdir="$work/regress" --outputdir="$out"
              --temp-instance="$out/instance" --schedule="$work/regress/$schedule"
              --encoding=UTF8 --load-extension=ai_memory)
  [[ -f $work/regress/regress.conf ]] && args+=(--temp-config="$work/regress/regress.conf")
  mkdir -p "$out"
  [[ ${#run_as[@]} -gt 0 ]] && chown postgres: "$out"
  echo "== $name: $(basename "$driver") --schedule=regress/$schedule"
  (cd "$work" && "${run_as[@]}" env LC_ALL=C.UTF-8 LANG=C.UTF-8 "$driver" "${args[@]}") |
    tee "$out/output.txt"
  local rc=${PIPESTATUS[0]}
  # Per-test lines: "test NAME ... ok", "     NAME ... FAILED", "... failed (ignored)".
  local ok bad
  ok=$(grep -Ec '^(test | +)[^ ]+ +\.\.\. ok( |$)' "$out/output.txt")
  bad=$(grep -Ec '^(test | +)[^ ]+ +\.\.\. FAILED' "$out/output.txt")
  passed=$((passed + ok))
  failed=$((failed + bad))
  if [[ $rc -ne 0 ]]; then
    if [[ -s $out/regression.diffs ]]; then
      cp "$out/regression.diffs" "$kept"
      echo "== $name: regression.diffs (first 400 lines; all of it in ${kept#"$repo"/})"
      head -n 400 "$out/regression.diffs"
    fi
    if [[ $bad -eq 0 ]]; then  # it did not get as far as running tests
      echo "run_regress: $name could not run its tests (exit $rc)" >&2
      if ! grep -q 'running regression test queries' "$out/output.txt"; then
        local log
        for log in "$out/log/initdb.log" "$out/log/postmaster.log"; do
          [[ -f $log ]] && { echo "== $log (tail)"; tail -n 15 "$log"; }
        done
      fi
      failed=$((failed + 1))
    fi
  fi
}

run_suite regress "$pgxs/regress/pg_regress" schedule

if compgen -G "$src/specs/*.spec" >/dev/null; then
  if [[ -f $src/isolation_schedule ]]; then
    check_scheduled specs spec isolation_schedule
    run_suite isolation "$pgxs/isolation/pg_isolation_regress" isolation_schedule
  else
    echo "run_regress: regress/specs has specs but regress/isolation_schedule is missing" >&2
    failed=$((failed + 1))
  fi
fi

finish
