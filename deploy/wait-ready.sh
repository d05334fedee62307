#!/usr/bin/env bash
# `wait-ready.sh URL SECONDS NAME`: waits until URL answers 200 from the process services.sh started as NAME
# (its health answer names the instance id in .run/NAME.instance), or shows the end of NAME's log and fails.
set -euo pipefail
url=$1 seconds=$2 name=$3
instance=$(cat ".run/$name.instance" 2>/dev/null || true)
for _ in $(seq 1 "$seconds"); do
  if [ -f ".run/$name.pid" ] && ! kill -0 "$(cat ".run/$name.pid")" 2>/dev/null; then
    echo "[$name] exited while starting; last lines of .run/logs/$name.log:" >&2
    tail -n 30 ".run/logs/$name.log" >&2 || true
    exit 1
  fi
  # 0: ours and ready; 2: something answers that is not the process just started.
  status=0
  node -e '
    const [url, instance] = process.argv.slice(1);
    fetch(url).then(async (r) => {
      const body = await r.json().catch(() => ({}));
      const id = body?.details?.instance?.id ?? body?.info?.instance?.id;
      if (instance && id !== instance) process.exit(2);
      process.exit(r.status === 200 ? 0 : 1);
    }, () => process.exit(1));
  ' "$url" "$instance" || status=$?
  if [ "$status" -eq 0 ]; then exit 0; fi
  if [ "$status" -eq 2 ]; then
    echo "[$name] $url is answered by another program, not the $name just started; stop it or move $name to a free port." >&2
    exit 1
  fi
  sleep 1
done
echo "[$name] not ready at $url after ${seconds}s; last lines of .run/logs/$name.log:" >&2
tail -n 30 ".run/logs/$name.log" >&2 || true
exit 1
