#!/bin/sh
# Container entry point. Every branch uses `exec`, so the final process (node) replaces this shell,
# runs as PID 1 and receives SIGTERM/SIGINT from `docker stop` directly.
#
#   server (default)  start the HTTP service
#   test [ARGS...]    run the app's own tests (node:test); DB tests run when DATABASE_URL is set
#   anything else     exec'd as is, e.g. `docker run IMAGE node --version`
set -eu
cd /app

case "${1:-server}" in
  server)
    exec node /app/dist/src/main.js
    ;;
  test)
    shift
    exec node --test --test-reporter=spec "$@" /app/dist/test/*.test.js
    ;;
  *)
    exec "$@"
    ;;
esac
