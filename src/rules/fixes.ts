import type { RuleId } from './catalogue.js';

/**
 * One line per rule that says how to fix a failure, as Markdown (code spans for code), from the **Fix:** of
 * docs/rules.md; the PR comment shows it beside each failure. A rule missing here has its message only.
 */
export const RULE_FIXES: Partial<Record<RuleId, string>> = {
  DF101: 'create the user and switch to it: `useradd --uid 10001 --gid app app`, then `USER app`',
  DF102: "create the group first and make it the user's group: `groupadd --gid 10001 app`",
  DF103: 'set both, in exec form: `ENTRYPOINT ["/app/bin/run.sh"]` and `CMD ["server"]`',
  DF104: '`WORKDIR /app`, then `COPY . /app` (or copy the build output there)',
  DF105: '`COPY . /app`, or `COPY version.json /app/version.json` in the final stage; never commit a stale copy',
  DF106: 'pass secrets at deploy time or as build secrets (`RUN --mount=type=secret`), never in `ENV`, `ARG` or a layer',
  DF107: 'use the JSON form, e.g. `ENTRYPOINT ["node", "server.js"]`; a shell script should end with `exec "$@"`',
  DF201: 'read the port from `$PORT` (default as a fallback) and listen on `0.0.0.0`',
  DF202: 'add a `/__lbheartbeat__` route that answers 200 with no I/O',
  DF203: 'make the failing check in `/__heartbeat__` pass, or fix the service it checks (body in `build.log`)',
  DF204: 'serve `/app/version.json` as it is at `/__version__`',
  DF205: 'check each backing service in `/__heartbeat__` with a short timeout and answer 500 when one is down',
  DF206: 'serve the files from the app itself at the paths in `static-paths`',
  DF207: 'handle SIGTERM (stop accepting, finish in-flight requests, exit 0); use `exec` or `--init` for PID 1',
  DF208: 'read the last log lines in the message (full output in `build.log`); often a variable is missing',
  DF301: 'log to stdout or stderr, one line per request, not to a file',
  DF302: 'use a mozlog formatter (`dockerflow.logging.JsonLogFormatter`, `mozlog` for Node)',
  DF401: 'fix the failing tests; a missing command must exist in the image and be on its `PATH`',
};

/** Where every rule, its reason and its fix are documented. */
export const RULES_DOCS_URL = 'https://github.com/dockerflow/dockerflow-action/blob/v1/docs/rules.md';
