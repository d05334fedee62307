#!/usr/bin/env bash
# The quick start's second command (`npm test`): static checks, then every test against the real
# Postgres and Kafka. Starts what it needs and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install.sh
echo "[check] eslint, prettier, dependency rules"
npm run --silent lint
echo "[check] typescript"
npm run --silent typecheck

export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/keten_test}
DATABASE_URL=$TEST_DATABASE_URL bash deploy/postgres.sh ensure
echo "[build] compiling"
npm run --silent build
DATABASE_URL=$TEST_DATABASE_URL npm run --silent db:prepare -- --recreate

if bash deploy/kafka.sh status >/dev/null 2>&1; then
  echo "[kafka] using the broker that is already running"
else
  trap 'bash deploy/kafka.sh stop' EXIT
  bash deploy/kafka.sh start
fi

mkdir -p .run
status=0
npm run --silent jest -- --ci --maxWorkers=2 --json --outputFile=.run/jest-results.json "$@" || status=$?
node -e '
  const r = require("./.run/jest-results.json");
  console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' || true
exit "$status"
