#!/usr/bin/env bash
# The quick start's second command (`npm test`): static checks, then every test against the real
# Postgres and Kafka, then the fault suites. Starts what it needs and stops what it started.
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
# Arguments (e.g. test paths) go to both runs; a run they select nothing of passes with no tests.
status=0
npm run --silent jest -- --ci --maxWorkers=2 --json --outputFile=.run/jest-results.json --passWithNoTests "$@" \
  --selectProjects unit integration e2e || status=$?
# The fault suites (test/faults, `npm run test:faults`) after the main suite, one at a time: they kill the
# worker, stop a Kafka broker and a Postgres cluster of their own, and load the machine on their own.
echo "[faults] killing, stopping and restarting the real processes"
faults=0
npm run --silent jest -- --ci --runInBand --json --outputFile=.run/jest-faults-results.json --passWithNoTests "$@" \
  --selectProjects faults || faults=$?
node -e '
  const main = require("./.run/jest-results.json");
  console.log(`jest: ${main.numPassedTests} passed, ${main.numFailedTests} failed`);
  const faults = require("./.run/jest-faults-results.json");
  console.log(`jest faults: ${faults.numPassedTests} passed, ${faults.numFailedTests} failed`);
' || true
[ "$status" -ne 0 ] || status=$faults
exit "$status"
