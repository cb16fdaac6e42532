#!/usr/bin/env bash
# The test command of the README and of CI: installs what the integration tests need (Debian
# packages, when missing), runs every test, and fails if any test was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v kcat >/dev/null 2>&1 || need+=(kcat)
/usr/bin/python3 -c 'import mongomock' >/dev/null 2>&1 || need+=(python3-mongomock)
/usr/bin/python3 -c 'import mockupdb' >/dev/null 2>&1 || need+=(python3-mockupdb)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test/run.sh: install ${need[*]} (Debian packages) first" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test CineMatch.sln --configuration Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 351, Skipped: 0, Total: 351, ...".
summaries=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)
if [ -z "$summaries" ]; then
  echo "test/run.sh: dotnet test printed no test summary" >&2
  exit 1
fi
count() { awk -v field="$1" 'match($0, field ": +[0-9]+") { split(substr($0, RSTART, RLENGTH), part, ": +"); sum += part[2] } END { print sum + 0 }' <<<"$summaries"; }
failed=$(count Failed)
passed=$(count Passed)
skipped=$(count Skipped)
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$skipped" -ne 0 ]; then
  echo "test/run.sh: $skipped test(s) skipped; every integration test must run" >&2
  exit 1
fi
exit "$status"
