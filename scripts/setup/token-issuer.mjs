// A small token service for the token-auth test registry (scripts/setup/token-registry.sh), speaking Docker's
// token protocol (https://distribution.github.io/distribution/spec/auth/token/) the way Docker Hub's does:
//   GET /token?service=S&scope=repository:NAME:pull,push[&scope=...]   with Basic credentials (or none)
//   → 200 {"token", "access_token", "expires_in", "issued_at"}; 401 for a wrong password.
// Tokens are ES256 JWTs with the signing certificate in the x5c header, checked by the registry against its
// rootcertbundle. The scope-less request `docker login` makes gets a token with no access.
// Users come from the config file: { "users": { NAME: { "password", "actions": ["pull","push"], "ttl", "catalog" } } }.
// Node built-ins only: setup starts this before the project's dependencies are installed.
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { appendFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { URL } from 'node:url';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const key = createPrivateKey(readFileSync(config.key));
const certDer = new X509Certificate(readFileSync(config.cert)).raw.toString('base64');
// Distribution accepts a token up to 60 s after its exp (token.Leeway): exp is set back by as much, so a
// user's ttl is how long the registry really takes its tokens.
const LEEWAY_S = 60;

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const log = (line) => {
  if (config.log) appendFileSync(config.log, `${new Date().toISOString()} ${line}\n`);
};

function jwt(claims) {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: [certDer] }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key, dsaEncoding: 'ieee-p1363' });
  return `${header}.${payload}.${b64url(signature)}`;
}

/** `repository:a/b:pull,push` → { type, name, actions }; a name may hold ':' only in a registry:catalog:* scope. */
function parseScope(scope) {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return null;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function grant(user, scopes) {
  const access = [];
  for (const s of scopes) {
    if (s.type === 'repository') {
      const actions = s.actions.filter((a) => user.actions.includes(a));
      access.push({ type: 'repository', name: s.name, actions });
    } else if (s.type === 'registry' && s.name === 'catalog' && user.catalog) {
      access.push({ type: 'registry', name: 'catalog', actions: s.actions.filter((a) => a === '*') });
    }
  }
  return access;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://issuer');
  const answer = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  if (url.pathname !== '/token' || req.method !== 'GET') return answer(404, { errors: [{ code: 'NOT_FOUND' }] });
  let name = null;
  const auth = req.headers.authorization ?? '';
  if (auth.startsWith('Basic ')) {
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (colon < 0 || config.users[user]?.password !== password) {
      log(`401 ${user} ${url.searchParams.getAll('scope').join(' ')}`);
      return answer(401, { details: 'incorrect username or password' }, { 'www-authenticate': 'Basic realm="dockerflow-token-issuer"' });
    }
    name = user;
  }
  if (url.searchParams.get('service') && url.searchParams.get('service') !== config.service) {
    return answer(400, { details: `unknown service ${url.searchParams.get('service')}` });
  }
  const user = name ? config.users[name] : { actions: [], ttl: 300 };
  const scopes = url.searchParams
    .getAll('scope')
    .flatMap((s) => s.split(' '))
    .map(parseScope)
    .filter(Boolean);
  const access = grant(user, scopes);
  const now = Math.floor(Date.now() / 1000);
  const ttl = user.ttl ?? 300;
  const token = jwt({
    iss: config.issuer,
    sub: name ?? '',
    aud: config.service,
    exp: now + ttl - LEEWAY_S,
    nbf: now - 1,
    iat: now,
    jti: randomUUID(),
    access,
  });
  log(`200 ${name ?? '(anonymous)'} ${access.map((a) => `${a.type}:${a.name}:${a.actions.join(',')}`).join(' ') || '(no access)'}`);
  answer(200, { token, access_token: token, expires_in: ttl, issued_at: new Date(now * 1000).toISOString() });
});

const [host, port] = config.listen.split(':');
server.listen(Number(port), host, () => log(`listening on ${config.listen}`));
