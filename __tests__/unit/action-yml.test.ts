import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { OPTIONS } from '../../src/config/options.js';
import { helpText } from '../../src/cli/args.js';
import { ROOT } from '../helpers/run.js';

/** A small reader for action.yml's two-level maps (no YAML dependency for one file we write ourselves). */
function section(yml: string, name: string): Map<string, string> {
  const body = yml.split(new RegExp(`^${name}:\\n`, 'm'))[1]!.split(/^\S/m)[0]!;
  const out = new Map<string, string>();
  let current = '';
  for (const line of body.split('\n')) {
    const key = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (key) out.set((current = key[1]!), '');
    const def = /^ {4}default:\s*'?([^']*)'?\s*$/.exec(line);
    if (def && current) out.set(current, def[1]!);
  }
  return out;
}

describe('action.yml', () => {
  const yml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

  it('declares exactly the inputs of the option catalogue, with the same defaults', () => {
    const inputs = section(yml, 'inputs');
    const expected = OPTIONS.filter((o) => !o.cliOnly);
    assert.deepEqual([...inputs.keys()].sort(), expected.map((o) => o.name).sort());
    for (const o of expected) assert.equal(inputs.get(o.name), o.default ?? '', `default of ${o.name}`);
  });

  it('declares every output of the design', () => {
    assert.deepEqual([...section(yml, 'outputs').keys()].sort(), [
      'build-log',
      'digest',
      'imageid',
      'pushed',
      'report',
      'shasum-file',
      'tags',
      'verdict',
      'version-json',
    ]);
  });

  it('runs on node24 with main and post entries that exist', () => {
    assert.match(yml, /using: node24/);
    for (const entry of [/main: (\S+)/.exec(yml)![1]!, /post: (\S+)/.exec(yml)![1]!]) {
      assert.ok(readFileSync(path.join(ROOT, entry)).length > 1000, `${entry} is bundled`);
    }
  });

  it('the CLI help lists every flag, lists in the singular, and no password flag', () => {
    const help = helpText();
    for (const flag of [
      '--build-arg',
      '--secret',
      '--service',
      '--env',
      '--tag',
      '--label',
      '--static-path',
      '--startup-timeout',
      '--password-stdin',
      '--checks-ignore',
      '--out',
    ]) {
      assert.match(help, new RegExp(`^  ${flag}\\b`, 'm'));
    }
    assert.doesNotMatch(help, /^ {2}--password /m);
  });
});
