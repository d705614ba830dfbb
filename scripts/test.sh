#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need when it is missing (Debian's Chromium
# for the browser tests, redis-server for the scale-out tests, coturn for the relay tests), then prints "N passed, N failed" alone
# on the last line (the scan of the run's log for secrets included). First checks the vendored browser libraries against package-lock.json (when node and
# npm are installed); a drift counts as one failure. Exit code: dotnet test's, or 1 after a drift.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

apt_install() {
  # One retry: a first try can fail when apt's cache is cleaned between download and unpack.
  as_root apt-get install -y --no-install-recommends "$@" || { as_root apt-get update && as_root apt-get install -y --no-install-recommends "$@"; }
}

need=()
chromium_path="${LIVECALL_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium_path" ] || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)
[ -x "${LIVECALL_TURNSERVER:-/usr/bin/turnserver}" ] || need+=(coturn)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} for the tests..."
  as_root apt-get update >/dev/null
  apt_install "${need[@]}" >/dev/null || { echo "Could not install ${need[*]}" >&2; exit 1; }
fi

libraries=0
scripts/check-browser-libraries.sh || libraries=$?

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
# Every app the tests start logs into one file; afterwards LogScanTests reads it whole for tokens, phone numbers,
# passwords and message text (a second, filtered run of one test, counted like the others).
run_log="$(pwd)/artifacts/logs/test-run.log"
rm -f "$run_log"
# Release: the apps under test run optimized code (about a fifth less CPU for the browser tests on two cores).
LIVECALL_TEST_LOG="$run_log" dotnet test LiveCall.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
code=$?
if [ -f "$run_log" ]; then
  LIVECALL_SCAN_LOG="$run_log" dotnet test LiveCall.Tests -c Release --no-build --filter "FullyQualifiedName~LogScanTests.WholeTestRun" \
    --logger "trx;LogFileName=logscan.trx" --results-directory "$results/logscan"
  scan=$?
  [ "$code" -ne 0 ] || code=$scan
fi

# The circuits bench once, quick (about two minutes): seller dashboards as real circuits against the published app,
# beside bare SignalR and SQLite in the same run (docs/performance.md, "Circuits"). It builds itself: the test run does
# not build the bench. A measurement, not a test: its figures go to artifacts/bench/circuits-quick.json and the log;
# if it cannot run, that is said and the tests' result stands.
if [ "$code" -eq 0 ]; then
  mkdir -p artifacts/bench
  dotnet run --project LiveCall.Bench -c Release -- circuits --quick --json artifacts/bench/circuits-quick.json \
    || echo "The circuits bench did not finish: see its output above (the tests' result is not changed by it)." >&2
fi

passed=0; failed=0
for trx in "$results"/*.trx "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$code" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or host failure counts as a failure
if [ "$libraries" -ne 0 ]; then
  failed=$((failed + 1))
  [ "$code" -ne 0 ] || code=1
  echo "The browser library check failed: see its message above the test run." >&2
fi
echo "$passed passed, $failed failed"
exit "$code"
