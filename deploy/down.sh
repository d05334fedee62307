#!/usr/bin/env bash
# `npm run stop`: stops the api, the worker, the development identity provider and the Kafka broker that `npm start` started. Postgres is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/services.sh stop
bash deploy/kafka.sh stop
