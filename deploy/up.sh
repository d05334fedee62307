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
idp_port=${IDP_PORT:-3003}
# The api trusts the development identity provider (unless told another OIDC_ISSUER_URL), which tells the
# api when a session ends (back-channel logout).
export OIDC_ISSUER_URL=${OIDC_ISSUER_URL:-http://127.0.0.1:$idp_port}
# A second `npm start` runs what was just built, not what was running before.
bash deploy/services.sh stop
bash deploy/services.sh start idp
bash deploy/wait-ready.sh "http://127.0.0.1:$idp_port/health/ready" 60 idp
bash deploy/services.sh start api
bash deploy/services.sh start worker
bash deploy/wait-ready.sh "http://127.0.0.1:$api_port/health/ready" 60 api
bash deploy/wait-ready.sh "http://127.0.0.1:$worker_port/health/ready" 60 worker
npm run --silent demo

cat <<INFO

keten is running.
  console        http://127.0.0.1:$api_port/   (open it in a browser; sign in as a demo user below)
  GraphQL        http://127.0.0.1:$api_port/graphql
  explorer       http://127.0.0.1:$api_port/explorer   (GraphiQL, development only; sign in first)
  api health     http://127.0.0.1:$api_port/health/ready
  worker health  http://127.0.0.1:$worker_port/health/ready
  sign in        $OIDC_ISSUER_URL  (development identity provider; the console's sign-in page leads there)
                 demo users, password $(node -p 'require("./deploy/idp/seed.json").password'), seed deploy/idp/seed.json:
$(node -e 'for (const u of require("./deploy/idp/seed.json").users) console.log(`                   ${u.userId.padEnd(20)} ${u.agency} ${u.role}${u.region ? " " + u.region : ""}`)')
  a user token   npm run -s token -- --idp --user inspecteur@nla
  a system token npm run -s token -- --idp --client nla-system   (client credentials; curl: see README)
  Kafka          127.0.0.1:${KAFKA_PORT:-9092}, TLS + SASL/SCRAM-SHA-512 only; topics keten.feed.<agency>
  agency Kafka   npm run -s kafka:client-config -- --agency NLA > nla.properties   (creates NLA's credentials)
                 kcat -F nla.properties -C -t keten.feed.NLA -o beginning
  logs           .run/logs/
  stop           npm run stop
INFO
