#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "keten needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none)). Install it and retry." >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Tools from Debian's packages, installed once, quietly: `debian_tool <command> <package>`.
debian_tool() {
  local command="$1" package="$2"
  command -v "$command" >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "[install] $package (apt-get)"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; }; }; then
      echo "installing $package with apt-get failed; install it by hand (apt-get install $package) and retry." >&2
      exit 1
    fi
  else
    echo "$command is missing and cannot be installed here (needs apt-get as root); install it (e.g. sudo apt-get install $package) and retry." >&2
    exit 1
  fi
}
# kcat, a Kafka client that is not kafkajs: the tests check the broker's TLS, SASL and ACLs from outside
# with it, and agency developers can read their feed with it.
debian_tool kcat kcat
# pdftotext (poppler-utils): the tests read the text of the PDFs keten generates, with a reader of its own.
debian_tool pdftotext poppler-utils
# Chromium: the console's browser tests drive Debian's own build through Playwright's executablePath (Playwright's
# downloaded browsers are never used).
debian_tool chromium chromium
