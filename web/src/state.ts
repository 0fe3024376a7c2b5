// The view lives in the URL, so any view can be bookmarked and shared:
//   /                        overview; /collectors/ID a collector's page
//   ?r=1h                    a preset range (15m 1h 6h 24h 7d 30d), or from=…&to=… (ISO) for a custom one
//   &z=FROMms-TOms           a zoom window inside it (drag on a chart; double-click to leave)
//   &s=KEY (repeatable)      the charted series (canonical keys: name{tag=value,…})
//   &step=auto|raw|DURATION  the query step (auto: from the range, ~1000–2000 points per series)
//   &refresh=off|10s|30s|1m  auto refresh (relative ranges only)
import { PRESETS, parseDuration } from './time';

export interface View {
  page: 'overview' | 'collector';
  collector?: string;
  preset?: string;
  from?: number; // ms, custom range
  to?: number;
  zoom?: [number, number]; // ms
  series: string[];
  step: string;
  refresh: string;
}

export function readView(loc: Location = location): View {
  const q = new URLSearchParams(loc.search);
  const m = /^\/collectors\/([^/]+)\/?$/.exec(loc.pathname);
  const view: View = {
    page: m ? 'collector' : 'overview',
    collector: m ? decodeURIComponent(m[1]) : undefined,
    series: q.getAll('s'),
    step: q.get('step') ?? 'auto',
    refresh: q.get('refresh') ?? '30s',
  };
  const from = Date.parse(q.get('from') ?? '');
  const to = Date.parse(q.get('to') ?? '');
  if (!Number.isNaN(from) && !Number.isNaN(to) && from < to) {
    view.from = from;
    view.to = to;
  } else {
    const r = q.get('r') ?? '1h';
    view.preset = r in PRESETS ? r : '1h';
  }
  const z = /^(\d+)-(\d+)$/.exec(q.get('z') ?? '');
  if (z && Number(z[1]) < Number(z[2])) view.zoom = [Number(z[1]), Number(z[2])];
  if (view.step !== 'auto' && view.step !== 'raw' && parseDuration(view.step) === null) view.step = 'auto';
  return view;
}

export function viewUrl(v: View): string {
  const q = new URLSearchParams();
  if (v.preset) q.set('r', v.preset);
  if (v.from !== undefined && v.to !== undefined) {
    q.set('from', new Date(v.from).toISOString());
    q.set('to', new Date(v.to).toISOString());
  }
  if (v.zoom) q.set('z', `${Math.round(v.zoom[0])}-${Math.round(v.zoom[1])}`);
  for (const s of v.series) q.append('s', s);
  if (v.step !== 'auto') q.set('step', v.step);
  if (v.refresh !== '30s') q.set('refresh', v.refresh);
  const path = v.page === 'collector' && v.collector ? `/collectors/${encodeURIComponent(v.collector)}` : '/';
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The range shown now, in ms: the zoom window, else the custom range, else the preset ending now. */
export function shownRange(v: View, nowMs: number): [number, number] {
  if (v.zoom) return v.zoom;
  return baseRange(v, nowMs);
}

/** The range picked (without zoom), in ms. */
export function baseRange(v: View, nowMs: number): [number, number] {
  if (v.from !== undefined && v.to !== undefined) return [v.from, v.to];
  return [nowMs - PRESETS[v.preset ?? '1h'] * 1000, nowMs];
}

/** True when the range follows the clock (a preset without zoom): auto refresh moves it. */
export const isLive = (v: View): boolean => !!v.preset && !v.zoom;
