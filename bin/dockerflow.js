#!/usr/bin/env node
// Plain JavaScript any Node can parse, run before the CLI is loaded: an older Node than package.json's `engines`
// says so in one line (exit 2) instead of failing inside a dependency with a stack trace.
import { readFileSync } from 'node:fs';
import { URL } from 'node:url';

const wanted = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node);
const need = [Number(wanted[1]), Number(wanted[2]), Number(wanted[3] || 0)];
const have = process.versions.node.split('.').map(Number);
const older = have[0] !== need[0] ? have[0] < need[0] : have[1] !== need[1] ? have[1] < need[1] : have[2] < need[2];
if (older) {
  process.stderr.write(
    `dockerflow needs Node ${need.join('.')} or newer and found ${process.version}: run it with Node 24 (GitHub's node24 runtime) or any Node >= ${need.join('.')}\n`,
  );
  process.exit(2);
}
import('../dist/cli/index.js');
