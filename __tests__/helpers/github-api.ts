/**
 * A local server speaking the handful of GitHub REST endpoints the PR comment uses (list, create and update issue
 * comments), with Link-header pagination as GitHub sends it and a read-only mode that answers 403 as GitHub does
 * for a fork's token. Point Octokit at it through GITHUB_API_URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
  issue: number;
  user: { login: string };
}

export interface FakeGitHub {
  url: string;
  comments: StoredComment[];
  /** Every request as `METHOD path?query`, with its Authorization header. */
  requests: { method: string; path: string; auth: string | undefined; body?: string }[];
  /** Answer 403 to writes (a fork's read-only token). */
  readOnly: boolean;
  close(): Promise<void>;
}

export async function fakeGitHub(repo = 'example/app'): Promise<FakeGitHub> {
  let nextId = 1000;
  const state: FakeGitHub = { url: '', comments: [], requests: [], readOnly: false, close: async () => undefined };
  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const view = (c: StoredComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    html_url: `https://github.com/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
  });
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (d: Buffer) => (data += d.toString()));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      state.requests.push({
        method: req.method ?? '',
        path: `${u.pathname}${u.search}`,
        auth: req.headers.authorization,
        ...(data ? { body: data } : {}),
      });
      if (!/^(token|Bearer) \S+$/.test(req.headers.authorization ?? '')) return json(res, 401, { message: 'Requires authentication' });
      const list = new RegExp(`^/repos/${repo}/issues/(\\d+)/comments$`).exec(u.pathname);
      const one = new RegExp(`^/repos/${repo}/issues/comments/(\\d+)$`).exec(u.pathname);
      const forbidden = () =>
        json(res, 403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: '403',
        });
      if (list && req.method === 'GET') {
        const perPage = Math.min(Number(u.searchParams.get('per_page') ?? 30), 100);
        const page = Number(u.searchParams.get('page') ?? 1);
        const all = state.comments.filter((c) => c.issue === Number(list[1]));
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number, rel: string) => `<${state.url}${u.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        const links = [
          ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
          ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
        ];
        return json(res, 200, all.slice((page - 1) * perPage, page * perPage).map(view), links.length ? { link: links.join(', ') } : {});
      }
      if (list && req.method === 'POST') {
        if (state.readOnly) return forbidden();
        const c = {
          id: nextId++,
          body: (JSON.parse(data) as { body: string }).body,
          issue: Number(list[1]),
          user: { login: 'github-actions[bot]' },
        };
        state.comments.push(c);
        return json(res, 201, view(c));
      }
      if (one && req.method === 'PATCH') {
        if (state.readOnly) return forbidden();
        const c = state.comments.find((x) => x.id === Number(one[1]));
        if (!c) return json(res, 404, { message: 'Not Found' });
        c.body = (JSON.parse(data) as { body: string }).body;
        return json(res, 200, view(c));
      }
      json(res, 404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
