import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_PORT, loadConfig, redactDatabaseUrl } from '../src/config.js';

const DB = 'postgres://app:s3cret@db:5432/notes';

describe('config', () => {
  it('uses defaults: PORT 8000, LOG_LEVEL info', () => {
    const c = loadConfig({ DATABASE_URL: DB });
    assert.deepEqual(c, { port: DEFAULT_PORT, databaseUrl: DB, logLevel: 6 });
    assert.equal(DEFAULT_PORT, 8000);
  });

  it('reads PORT, DATABASE_URL and LOG_LEVEL', () => {
    const c = loadConfig({ PORT: '8123', DATABASE_URL: 'postgresql://u@localhost/x', LOG_LEVEL: 'debug' });
    assert.equal(c.port, 8123);
    assert.equal(c.databaseUrl, 'postgresql://u@localhost/x');
    assert.equal(c.logLevel, 7);
  });

  it('treats empty values as unset', () => {
    assert.equal(loadConfig({ PORT: '', LOG_LEVEL: '', DATABASE_URL: DB }).port, 8000);
  });

  for (const bad of ['0', '65536', 'abc', '80.5', '-1', '8000x']) {
    it(`rejects PORT=${bad}`, () => {
      assert.throws(() => loadConfig({ PORT: bad, DATABASE_URL: DB }), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /PORT must be an integer between 1 and 65535/);
        return true;
      });
    });
  }

  it('requires DATABASE_URL', () => {
    assert.throws(() => loadConfig({}), /DATABASE_URL is required/);
  });

  it('rejects a DATABASE_URL that is not a postgres URL, without echoing it', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://u:pw@h/db' }), /postgres:\/\/ or postgresql:\/\//);
    assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /not a valid URL/);
    try {
      loadConfig({ DATABASE_URL: 'mysql://u:hunter2@h/db' });
    } catch (err) {
      assert.ok(!String((err as Error).message).includes('hunter2'));
    }
  });

  it('rejects an unknown LOG_LEVEL', () => {
    assert.throws(() => loadConfig({ DATABASE_URL: DB, LOG_LEVEL: 'loud' }), /LOG_LEVEL must be/);
  });

  it('reports every problem at once', () => {
    assert.throws(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 3);
      return true;
    });
  });

  it('redacts the password for logging', () => {
    assert.equal(redactDatabaseUrl(DB), 'postgres://app:***@db:5432/notes');
    assert.equal(redactDatabaseUrl('postgres://db/x?password=p'), 'postgres://db/x?password=***');
    assert.equal(redactDatabaseUrl('::'), '<unparseable>');
  });
});
