/**
 * Plain-text lines that servers and launchers print around an app's own (mozlog) logs: which program wrote a line,
 * and how to silence it. docs/rules.md (DF302) lists the same.
 */
export interface BannerSource {
  name: string;
  test: RegExp;
  silence: string;
}

export const BANNER_SOURCES: readonly BannerSource[] = [
  {
    name: 'npm',
    // "> app@1.0.0 start", "> node server.js", "npm notice …", "npm warn …", "npm error …"
    test: /^(> \S+@\S+ \S+$|> \S|npm (notice|warn|WARN|error|ERR!)\b)/,
    silence: 'run the app directly (CMD ["node", "server.js"]) instead of npm start, or add --silent and NPM_CONFIG_UPDATE_NOTIFIER=false',
  },
  {
    name: 'yarn',
    test: /^(yarn run v\d|\$ \S|Done in \d+(\.\d+)?s\.)/,
    silence: 'run the app directly instead of yarn, or use yarn --silent',
  },
  {
    name: 'pnpm',
    test: /^\s*(ERR_PNPM_|WARN\s+\S+\s+deprecated)/,
    silence: 'run the app directly instead of pnpm, or use pnpm --silent',
  },
  {
    name: 'gunicorn',
    // "[2026-01-01 10:00:00 +0000] [1] [INFO] Starting gunicorn 23.0.0"
    test: /^\[[\d\- :+.]+\] \[\d+\] \[(DEBUG|INFO|WARNING|ERROR|CRITICAL)\] /,
    silence:
      "give gunicorn a logconfig_dict whose gunicorn.error and gunicorn.access loggers use python-dockerflow's JsonLogFormatter (--logconfig-dict, or logconfig_dict in gunicorn.conf.py)",
  },
  {
    name: 'uvicorn',
    // "INFO:     Started server process [1]", "INFO:     172.18.0.1:40000 - \"GET / HTTP/1.1\" 200 OK"
    test: /^(DEBUG|INFO|WARNING|ERROR|CRITICAL): {2,}\S/,
    silence:
      "start uvicorn with --log-config pointing at a config whose uvicorn, uvicorn.error and uvicorn.access loggers use python-dockerflow's JsonLogFormatter (and --no-access-log if the app logs requests itself)",
  },
  {
    name: 'node',
    // "(node:1) Warning: …", "(node:1) [DEP0040] DeprecationWarning: …"
    test: /^\(node:\d+\) /,
    silence: 'fix the warning, or set NODE_NO_WARNINGS=1',
  },
];

/** The program that printed a plain-text line, when its format says so. */
export function bannerSource(line: string): BannerSource | undefined {
  const text = line.trim();
  return BANNER_SOURCES.find((s) => s.test.test(text));
}
