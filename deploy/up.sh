#!/usr/bin/env bash
# The quick start's first command (`npm start`): everything keten needs, from nothing to a running platform.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/install.sh
echo "[build] compiling"
npm run --silent build
bash deploy/postgres.sh ensure
bash deploy/kafka.sh start
npm run --silent db:prepare
npm run --silent token -- --init

api_port=${API_PORT:-3000}
worker_port=${WORKER_PORT:-3001}
# A second `npm start` runs what was just built, not what was running before.
bash deploy/services.sh stop
bash deploy/services.sh start api
bash deploy/services.sh start worker
bash deploy/wait-ready.sh "http://127.0.0.1:$api_port/health/ready" 60 api
bash deploy/wait-ready.sh "http://127.0.0.1:$worker_port/health/ready" 60 worker
npm run --silent demo

cat <<INFO

keten is running.
  GraphQL        http://127.0.0.1:$api_port/graphql
  api health     http://127.0.0.1:$api_port/health/ready
  worker health  http://127.0.0.1:$worker_port/health/ready
  demo tokens    .run/demo-tokens.env   (source it, then: curl -H "authorization: Bearer \$KETEN_TOKEN_NLA_INSPECTOR" ...)
  Kafka          127.0.0.1:${KAFKA_PORT:-9092}, TLS + SASL/SCRAM-SHA-512 only; topics keten.feed.<agency>
  agency Kafka   npm run -s kafka:client-config -- --agency NLA > nla.properties   (creates NLA's credentials)
                 kcat -F nla.properties -C -t keten.feed.NLA -o beginning
  logs           .run/logs/
  stop           npm run stop
INFO
