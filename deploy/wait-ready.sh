#!/usr/bin/env bash
# `wait-ready.sh URL SECONDS NAME`: waits until URL answers 200, or shows the end of NAME's log and fails.
set -euo pipefail
url=$1 seconds=$2 name=$3
for _ in $(seq 1 "$seconds"); do
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' "$url"; then
    exit 0
  fi
  sleep 1
done
echo "[$name] not ready at $url after ${seconds}s; last lines of .run/logs/$name.log:" >&2
tail -n 30 ".run/logs/$name.log" >&2 || true
exit 1
