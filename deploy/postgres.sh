#!/usr/bin/env bash
# `postgres.sh ensure`: makes sure the PostgreSQL server named by DATABASE_URL answers.
# Starts the local Debian cluster when nothing answers and pg_ctlcluster exists; otherwise says what to do.
set -euo pipefail
cd "$(dirname "$0")/.."

url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/keten}
read -r host port < <(node -e 'const u = new URL(process.argv[1]); console.log(u.hostname || "127.0.0.1", u.port || 5432)' "$url")

answers() {
  node -e '
    const socket = require("node:net").connect({ host: process.argv[1], port: Number(process.argv[2]) });
    socket.setTimeout(2000, () => process.exit(1));
    socket.on("connect", () => process.exit(0)).on("error", () => process.exit(1));
  ' "$host" "$port"
}

case "${1:-ensure}" in
  ensure)
    if answers; then exit 0; fi
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      version=$(ls /etc/postgresql | sort -V | tail -1)
      echo "[postgres] nothing answers on $host:$port; starting local cluster $version/main"
      pg_ctlcluster --skip-systemctl-redirect "$version" main start
      for _ in $(seq 1 30); do answers && exit 0; sleep 1; done
    fi
    echo "PostgreSQL does not answer on $host:$port. Start a PostgreSQL 15+ server there, or set DATABASE_URL to one that runs." >&2
    exit 1
    ;;
  *)
    echo "usage: deploy/postgres.sh ensure" >&2
    exit 2
    ;;
esac
