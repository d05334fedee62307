#!/usr/bin/env bash
# Runs the built api, worker and development identity provider in the background:
# `services.sh start api|worker|idp`, `stop [api|worker|idp]`, `status`.
# Pid files, instance ids and logs live in .run/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .run/logs
# shellcheck source=deploy/ports.sh
. deploy/ports.sh

entry() {
  case "$1" in
    api) echo dist/apps/api/src/main.js ;;
    worker) echo dist/apps/worker/src/main.js ;;
    idp) echo dist/apps/idp/src/main.js ;;
    *) echo "unknown service '$1' (expected api, worker or idp)" >&2; exit 2 ;;
  esac
}

# The port a service listens on, and the variable that sets it.
port_of() {
  case "$1" in
    api) echo "${API_PORT:-3000} API_PORT" ;;
    worker) echo "${WORKER_PORT:-3001} WORKER_PORT" ;;
    idp) echo "${IDP_PORT:-3003} IDP_PORT" ;;
  esac
}

running() { [ -f ".run/$1.pid" ] && kill -0 "$(cat ".run/$1.pid")" 2>/dev/null; }

start() {
  local name=$1 file port variable instance
  file=$(entry "$name")
  if running "$name"; then
    echo "[$name] already running (pid $(cat ".run/$name.pid"))"
    return
  fi
  [ -f "$file" ] || { echo "[$name] $file is missing: run 'npm run build' first" >&2; exit 1; }
  read -r port variable <<<"$(port_of "$name")"
  require_free_port "$name" "$port" "$variable"
  # The readiness check (wait-ready.sh) compares this id with the one the health answer names.
  instance=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  echo "$instance" >".run/$name.instance"
  KETEN_INSTANCE_ID=$instance setsid nohup node "$file" >>".run/logs/$name.log" 2>&1 </dev/null &
  echo $! >".run/$name.pid"
  echo "[$name] started (pid $!, port $port, log .run/logs/$name.log)"
}

stop() {
  local name=$1 pid
  running "$name" || { rm -f ".run/$name.pid" ".run/$name.instance"; return; }
  pid=$(cat ".run/$name.pid")
  kill -TERM "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f ".run/$name.pid" ".run/$name.instance"
  echo "[$name] stopped"
}

case "${1:-}" in
  start) start "${2:?usage: services.sh start api|worker|idp}" ;;
  stop) if [ -n "${2:-}" ]; then stop "$2"; else stop api; stop worker; stop idp; fi ;;
  status)
    for name in api worker idp; do
      if running "$name"; then echo "$name: running (pid $(cat ".run/$name.pid"))"; else echo "$name: stopped"; fi
    done
    ;;
  *) echo "usage: deploy/services.sh start api|worker|idp | stop [api|worker|idp] | status" >&2; exit 2 ;;
esac
