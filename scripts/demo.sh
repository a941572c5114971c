#!/usr/bin/env bash
# The main job on a fresh machine of this kind: prepare the engine, base images and the PostgreSQL sidecar image
# when absent, then run the whole Dockerflow pipeline on sample-app. Artifacts land in ./dockerflow-out.
# Extra arguments go to `dockerflow run` (e.g. --push true --registry 127.0.0.1:5000 --username ... --password-stdin).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup/project.sh
exec npx --no-install dockerflow run \
  --context sample-app \
  --image dockerflow/sample-app \
  --service "db=postgres:15 POSTGRES_PASSWORD=sample-app-ci" \
  --env DATABASE_URL=postgres://postgres:sample-app-ci@db:5432/postgres \
  --test-command test \
  --static-path / --static-path /static/app.js --static-path /static/style.css \
  --out dockerflow-out \
  "$@"
