#!/usr/bin/env bash
# Copies the console's screenshots that docs/console.md shows (docs/images/console-<name>.png) from where the
# browser tests took them (.run/console-screenshots/<name>.png, written by every run of the console specs).
# Run after `npm test` (or the console specs alone) when the screens changed: `npm run docs:screenshots`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=0
copied=0
for name in $(grep -o 'images/console-[a-z0-9-]*\.png' docs/console.md | sort -u | sed 's|images/console-||; s|\.png$||'); do
  taken=".run/console-screenshots/$name.png"
  if [ -f "$taken" ]; then
    cp "$taken" "docs/images/console-$name.png"
    copied=$((copied + 1))
  else
    echo "[screenshots] $taken is missing: run the console specs (npm run jest -- test/e2e/console --selectProjects e2e) first" >&2
    missing=$((missing + 1))
  fi
done
echo "[screenshots] copied $copied into docs/images"
[ "$missing" -eq 0 ]
