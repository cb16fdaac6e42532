#!/usr/bin/env bash
# The test command of the README and of CI: installs what the integration tests need (Debian
# packages, when missing), runs every test, and fails if any test was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v kcat >/dev/null 2>&1 || need+=(kcat)
/usr/bin/python3 -c 'import mongomock' >/dev/null 2>&1 || need+=(python3-mongomock)
/usr/bin/python3 -c 'import mockupdb' >/dev/null 2>&1 || need+=(python3-mockupdb)
# The trends page's browser test (test/CineMatch.Tests/Page): Debian's Chromium and its driver, never a downloaded browser.
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test/run.sh: install ${need[*]} (Debian packages) first" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The reconcile job's pure Python functions (cluster/spark), against the same golden scenarios; standard library only.
python_log=$(mktemp)
if ! (cd cluster/spark && python3 -m unittest discover -s tests) >"$python_log" 2>&1; then
  cat "$python_log"
  echo "test/run.sh: the Python reconcile tests failed" >&2
  exit 1
fi
python_result=$(tail -n 1 "$python_log")
python_tests=$(grep -oE '^Ran [0-9]+ tests?' "$python_log" | grep -oE '[0-9]+')
rm -f "$python_log"
if [ "$python_result" != "OK" ]; then
  echo "test/run.sh: Python reconcile tests: $python_result (a skipped test counts as a failure)" >&2
  exit 1
fi
echo "Python reconcile tests: $python_tests passed"

log=$(mktemp)
mongo_report=$(mktemp)
trap 'rm -f "$log" "$mongo_report"' EXIT
# A test that hangs fails the run after 10 minutes (the whole suite takes about 5) instead of stalling CI;
# no dump: the blame log names the test that hung.
set +e
CINEMATCH_TEST_MONGO_REPORT="$mongo_report" dotnet test CineMatch.sln --configuration Release \
  --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Which MongoDB served the run (the MongoServer fixtures write it; xunit shows no fixture output).
sort -u "$mongo_report"
# Files the tests leave for a person to look at (the trends page's screenshot).
find test/CineMatch.Tests/TestResults/artifacts -type f -printf 'test artifact: %p\n' 2>/dev/null || true

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
