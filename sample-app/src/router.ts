// A deliberately small router: exact segments and `:name` parameters, one handler per method.
// HEAD is answered by the GET handler (node:http drops the body of HEAD responses by itself).

export type Params = Record<string, string>;

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Params }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Route<H> {
  segments: string[];
  handlers: Map<string, H>;
}

function splitPath(path: string): string[] {
  // "/" -> [""], "/api/notes" -> ["api", "notes"]
  return path.split('/').slice(1);
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  on(method: string, pattern: string, handler: H): this {
    if (!pattern.startsWith('/')) throw new Error(`route pattern must start with "/": ${pattern}`);
    const segments = splitPath(pattern);
    const key = segments.join('/');
    let route = this.routes.find((r) => r.segments.join('/') === key);
    if (!route) {
      route = { segments, handlers: new Map() };
      this.routes.push(route);
    }
    const m = method.toUpperCase();
    if (route.handlers.has(m)) throw new Error(`duplicate route ${m} ${pattern}`);
    route.handlers.set(m, handler);
    return this;
  }

  get(pattern: string, handler: H): this {
    return this.on('GET', pattern, handler);
  }
  post(pattern: string, handler: H): this {
    return this.on('POST', pattern, handler);
  }
  delete(pattern: string, handler: H): this {
    return this.on('DELETE', pattern, handler);
  }

  match(method: string, path: string): RouteMatch<H> {
    const parts = splitPath(path);
    const m = method.toUpperCase();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      const handler = route.handlers.get(m) ?? (m === 'HEAD' ? route.handlers.get('GET') : undefined);
      if (handler) return { kind: 'found', handler, params };
      const allow = [...route.handlers.keys()];
      if (allow.includes('GET')) allow.push('HEAD');
      return { kind: 'method-not-allowed', allow: allow.sort() };
    }
    return { kind: 'not-found' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Params | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith(':')) {
      if (v === '') return undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(v);
      } catch {
        return undefined;
      }
      params[p.slice(1)] = decoded;
    } else if (p !== v) {
      return undefined;
    }
  }
  return params;
}
