import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Router } from '../src/router.js';

describe('router', () => {
  const r = new Router<string>()
    .get('/', 'index')
    .get('/__heartbeat__', 'hb')
    .get('/api/notes', 'list')
    .post('/api/notes', 'create')
    .get('/api/notes/:id', 'get')
    .delete('/api/notes/:id', 'delete');

  it('matches exact paths', () => {
    assert.deepEqual(r.match('GET', '/'), { kind: 'found', handler: 'index', params: {} });
    assert.deepEqual(r.match('GET', '/__heartbeat__'), { kind: 'found', handler: 'hb', params: {} });
    assert.deepEqual(r.match('POST', '/api/notes'), { kind: 'found', handler: 'create', params: {} });
  });

  it('extracts and decodes parameters', () => {
    assert.deepEqual(r.match('GET', '/api/notes/42'), { kind: 'found', handler: 'get', params: { id: '42' } });
    assert.deepEqual(r.match('DELETE', '/api/notes/a%20b'), { kind: 'found', handler: 'delete', params: { id: 'a b' } });
  });

  it('answers HEAD with the GET handler', () => {
    assert.deepEqual(r.match('HEAD', '/__heartbeat__'), { kind: 'found', handler: 'hb', params: {} });
  });

  it('reports 405 with the allowed methods', () => {
    assert.deepEqual(r.match('PUT', '/api/notes'), { kind: 'method-not-allowed', allow: ['GET', 'HEAD', 'POST'] });
    assert.deepEqual(r.match('POST', '/api/notes/1'), { kind: 'method-not-allowed', allow: ['DELETE', 'GET', 'HEAD'] });
  });

  it('reports not found', () => {
    for (const p of ['/nope', '/api/notes/1/x', '/api/notes/', '/__heartbeat__/', '//', '/api//notes', '/api/notes/%E0%A4%A']) {
      assert.deepEqual(r.match('GET', p), { kind: 'not-found' }, p);
    }
  });

  it('refuses duplicate routes and bad patterns', () => {
    assert.throws(() => new Router<string>().get('/a', 'x').get('/a', 'y'), /duplicate route/);
    assert.throws(() => new Router<string>().get('a', 'x'), /must start with/);
  });
});
