#!/usr/bin/env bash
# Checks that the browser libraries the app serves from LiveCall.App/wwwroot/lib/ are byte for byte the files of
# the package versions package-lock.json pins: installs the lock file into a temporary folder (npm ci) and compares.
# Needs node and npm; without them it says so and passes (dotnet run and the .NET tests need no Node).
# Exit code: 0 when every file matches (or the check was skipped), 1 on drift or when the install fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# served file                                     file in the installed package
libraries=(
  "LiveCall.App/wwwroot/lib/signalr/signalr.min.js  @microsoft/signalr/dist/browser/signalr.min.js"
)

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Browser libraries: not checked (node and npm are not installed)."
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp package.json package-lock.json "$work/"
if ! (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >"$work/npm.log" 2>&1; then
  cat "$work/npm.log" >&2
  echo "Browser libraries: npm ci failed, so the served copies could not be checked." >&2
  exit 1
fi

drift=0
for entry in "${libraries[@]}"; do
  read -r served packaged <<<"$entry"
  package="${packaged%%/dist/*}"
  version="$(node -p "require(process.argv[1]).version" "$work/node_modules/$package/package.json")"
  if cmp -s "$served" "$work/node_modules/$packaged"; then
    echo "Browser libraries: $served is $package $version."
  else
    echo "DRIFT: $served is not the $packaged of $package $version (the version package-lock.json pins)." >&2
    echo "  Either copy the pinned file over it (npm ci, then cp node_modules/$packaged $served)" >&2
    echo "  or pin the version the served file comes from (npm install --save-exact $package@<version>)." >&2
    drift=1
  fi
done
exit "$drift"
