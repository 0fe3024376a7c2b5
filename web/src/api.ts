// The daemon's API (the wire contract is src/Fathom.Api.Client/Wire/*.cs; camelCase; times in Unix ns).

export interface CollectorRun { start: string; durationMs: number; error?: string }
export interface Collector {
  id: string; module: string; intervalSeconds: number; schedule: string; isolation: string; state: string;
  lastRun?: CollectorRun; runs: number; failures: number; timeouts: number; overruns: number; restarts: number;
  runningSince?: string; nextRun?: string; childPid?: number; manualRuns?: number;
}
export interface CollectorList { collectors: Collector[]; canRun: boolean }
export type Tags = Record<string, string>;
export interface Series { name: string; unit: string; tags: Tags; key: string; points: number; first?: number; last?: number }
export interface SeriesPoints { name: string; unit: string; tags: Tags; key: string; t: number[]; v: (number | null)[] }
export interface QueryResult { from: number; to: number; step?: number; agg?: string; series: SeriesPoints[]; problems: string[] }
export interface EventRecord { time: number; name: string; tags: Tags; data: unknown }
export interface EventList { from: number; to: number; events: EventRecord[] }
export interface StatusRange { start: number; end: number; oper: string; admin?: string }
export interface StatusElement { element: string; oper: string; admin?: string; since: number; until: number; ranges: StatusRange[] }
export interface StatusList { from: number; to: number; elements: StatusElement[] }
export interface Problem { type: string; title: string; status: number; detail?: string; parameter?: string }

/** An answer that is not 2xx: the problem document's detail when there is one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly problem?: Problem) { super(message); }
}

const TOKEN_KEY = 'fathom.token';
export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string | null): void => { if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY); },
};

async function request<T>(method: string, path: string, params?: URLSearchParams, auth = false, signal?: AbortSignal): Promise<T> {
  const url = params && [...params.keys()].length ? `${path}?${params}` : path;
  const headers: Record<string, string> = { Accept: 'application/json' };
  const t = token.get();
  if (auth && t) headers.Authorization = `Bearer ${t}`;
  // Plain GETs go without extra headers, so the page's <link rel=preload> of /api/v1/collectors is reused.
  const res = await fetch(url, auth ? { method, headers, signal } : { method, signal });
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const p = body as Problem | null;
    throw new ApiError(res.status, p?.detail ?? p?.title ?? `${method} ${path}: HTTP ${res.status}`, p ?? undefined);
  }
  return body as T;
}

function tagParams(p: URLSearchParams, tags?: Tags): URLSearchParams {
  for (const [k, v] of Object.entries(tags ?? {})) p.append('tag', `${k}=${v}`);
  return p;
}

const iso = (ns: number): string => new Date(ns / 1e6).toISOString();

export const api = {
  collectors: (signal?: AbortSignal) => request<CollectorList>('GET', '/api/v1/collectors', undefined, false, signal),
  run: (id: string) => request<Collector>('POST', `/api/v1/collectors/${encodeURIComponent(id)}/run`, undefined, true),
  series: (name: string | undefined, tags?: Tags, signal?: AbortSignal) => {
    const p = new URLSearchParams();
    if (name) p.set('name', name);
    return request<{ series: Series[] }>('GET', '/api/v1/series', tagParams(p, tags), false, signal);
  },
  query: (name: string, tags: Tags, fromNs: number, toNs: number, stepS: number | null, agg = 'avg', signal?: AbortSignal) => {
    const p = new URLSearchParams({ name, from: iso(fromNs), to: iso(toNs) });
    tagParams(p, tags);
    if (stepS) { p.set('step', `${stepS}s`); p.set('agg', agg); }
    return request<QueryResult>('GET', '/api/v1/query', p, false, signal);
  },
  events: (fromNs: number, toNs: number, tags?: Tags, signal?: AbortSignal) =>
    request<EventList>('GET', '/api/v1/events', tagParams(new URLSearchParams({ from: iso(fromNs), to: iso(toNs) }), tags), false, signal),
  status: (fromNs: number, toNs: number, signal?: AbortSignal) =>
    request<StatusList>('GET', '/api/v1/status', new URLSearchParams({ from: iso(fromNs), to: iso(toNs) }), false, signal),
};

/** "ping.rtt{collector=a,target=b}" → name and tags (the archive's canonical key). */
export function parseKey(key: string): { name: string; tags: Tags } {
  const brace = key.indexOf('{');
  if (brace < 0 || !key.endsWith('}')) return { name: key, tags: {} };
  const tags: Tags = {};
  for (const pair of key.slice(brace + 1, -1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) tags[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { name: key.slice(0, brace), tags };
}
