// Fathom's dashboard: collectors' health, charts of series, status timelines and events, all from
// the daemon's own API, with the view (page, range, zoom, series) in the URL.
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { api, ApiError, CollectorList, EventRecord, parseKey, SeriesPoints, token } from './api';
import type { ChartGroup, ChartHandle } from './charts';
import { collectorCard, collectorTable } from './collectors';
import { fill, h } from './dom';
import { eventList, pathChanges } from './events';
import { searchBox } from './search';
import { baseRange, isLive, readView, shownRange, View, viewUrl } from './state';
import { statusTimeline } from './status';
import { formatTime, parseDuration, PRESETS, stepFor, toLocalInput } from './time';
import { askToken } from './token';

let view: View = readView();
let generation = 0;
let refreshTimer = 0;
let lastCollectors: CollectorList | null = null;

const app = document.getElementById('app')!;
const header = h('header.top');
const main = h('main');
const collectorsBody = h('div.section-body', { id: 'collectors' }, h('p.muted', null, 'Loading collectors…'));
const collectorsSec = h('section.block', null, h('h2.section', null, 'Collectors'), collectorsBody);
const chartsBody = h('div.charts', { id: 'charts' });
const chartsSec = h('section.block', null,
  h('div.section-head', null, h('h2.section', null, 'Charts'), searchBox(() => view.series, toggleSeries)),
  chartsBody);
const statusBody = h('div.section-body', { id: 'status' });
const statusSec = h('section.block', null, h('h2.section', null, 'Status'), statusBody);
const eventsBody = h('div.section-body', { id: 'events' });
const eventsSec = h('section.block', null, h('h2.section', null, 'Events'), eventsBody);
fill(app, header, main);

function navigate(next: View, push = true): void {
  view = next;
  const url = viewUrl(view);
  if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  render();
}

function toggleSeries(key: string): void {
  const series = view.series.includes(key) ? view.series.filter((s) => s !== key) : [...view.series, key];
  navigate({ ...view, series });
}

function stepSeconds(rangeMs: number): number | null {
  if (view.step === 'raw') return null;
  if (view.step !== 'auto') return parseDuration(view.step);
  return stepFor(rangeMs / 1000);
}

function renderHeader(): void {
  const [from, to] = baseRange(view, Date.now());
  const fromInput = h('input', { type: 'datetime-local', name: 'from', value: toLocalInput(from), 'aria-label': 'from' });
  const toInput = h('input', { type: 'datetime-local', name: 'to', value: toLocalInput(to), 'aria-label': 'to' });
  const custom = h('form.custom', {
    onsubmit: (e: Event) => {
      e.preventDefault();
      const f = Date.parse(fromInput.value);
      const t = Date.parse(toInput.value);
      if (Number.isNaN(f) || Number.isNaN(t) || f >= t) return;
      navigate({ ...view, preset: undefined, from: f, to: t, zoom: undefined });
    },
  }, fromInput, h('span.muted', null, '→'), toInput, h('button', { type: 'submit' }, 'Apply'));
  const select = (name: string, value: string, options: [string, string][], onchange: (v: string) => void) =>
    h('select', { name, 'aria-label': name, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) },
      options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  fill(header,
    h('a.brand', { href: '/', 'data-link': true }, logo(), 'Fathom'),
    view.page === 'collector' ? h('span.crumb', null, '/ ', h('a', { href: '/', 'data-link': true }, 'collectors'), ` / ${view.collector}`) : null,
    h('div.spacer'),
    h('div.presets', { role: 'group', 'aria-label': 'time range' },
      Object.keys(PRESETS).map((p) => h('button', {
        type: 'button', class: view.preset === p && !view.zoom ? 'on' : '', 'data-range': p,
        onclick: () => navigate({ ...view, preset: p, from: undefined, to: undefined, zoom: undefined }),
      }, p))),
    h('details.custom-range', null,
      h('summary', { class: view.from !== undefined ? 'on' : '' }, view.from !== undefined ? `${formatTime(view.from)} → ${formatTime(view.to!)}` : 'Custom'),
      custom),
    view.zoom ? h('button.zoomed', { type: 'button', title: 'Leave the zoom', onclick: () => navigate({ ...view, zoom: undefined }) },
      `zoom ${formatTime(view.zoom[0], false)}–${formatTime(view.zoom[1], false)} ✕`) : null,
    select('step', view.step, [['auto', 'step: auto'], ['raw', 'raw points'], ['1m', 'step 1 min'], ['5m', 'step 5 min'], ['1h', 'step 1 h']], (v) => navigate({ ...view, step: v })),
    select('refresh', view.refresh, [['off', 'refresh off'], ['10s', 'every 10 s'], ['30s', 'every 30 s'], ['1m', 'every 1 min']], (v) => navigate({ ...view, refresh: v }, false)),
    h('button.key', { type: 'button', title: token.get() ? 'The admin token is set for this tab' : 'Set the admin token (for run now)', class: token.get() ? 'on' : '', onclick: async () => { await askToken(); renderHeader(); } }, token.get() ? 'Token ✓' : 'Token'));
}

function logo(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'logo');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M1 11 Q4 3 8 8 T15 5');
  svg.appendChild(path);
  return svg;
}

async function loadCollectors(gen: number): Promise<void> {
  try {
    const list = await api.collectors();
    if (gen !== generation) return;
    lastCollectors = list;
    const now = Date.now();
    if (view.page === 'collector') {
      const c = list.collectors.find((x) => x.id === view.collector);
      fill(collectorsBody, c ? collectorCard(c, list.canRun, now, refreshSoon) : h('p.error-line', null, `No collector '${view.collector}'.`));
    } else {
      fill(collectorsBody, collectorTable(list, now, refreshSoon));
    }
    performance.mark('fathom:collectors');
  } catch (e) {
    fill(collectorsBody, h('p.error-line', null, `Collectors: ${(e as Error).message}`));
  }
}

function refreshSoon(): void { setTimeout(() => loadCollectors(generation), 300); }

let eventsPromise: Promise<EventRecord[]> | null = null;
function loadEvents(fromMs: number, toMs: number): Promise<EventRecord[]> {
  const tags = view.page === 'collector' && view.collector ? { collector: view.collector } : undefined;
  eventsPromise = api.events(fromMs * 1e6, toMs * 1e6, tags).then((r) => r.events);
  return eventsPromise;
}

/** The series to chart: the URL's, or on a collector's page (when the URL names none) its own, up to 12. */
async function seriesKeys(): Promise<string[]> {
  if (view.series.length || view.page !== 'collector' || !view.collector) return view.series;
  const list = await api.series('*', { collector: view.collector });
  return list.series.slice(0, 12).map((s) => s.key);
}

async function loadCharts(gen: number, fromMs: number, toMs: number, events: Promise<EventRecord[]>): Promise<void> {
  let keys: string[];
  try {
    keys = await seriesKeys();
  } catch (e) {
    fill(chartsBody, h('p.error-line', null, (e as Error).message));
    return;
  }
  const charts = await import('./charts');
  const { drawChart, registry } = charts;
  if (!keys.length) {
    for (const c of registry.values()) c.destroy();
    fill(chartsBody, h('p.empty', null, 'No series charted yet: search above and pick some. Several of one name share a chart.'));
    return;
  }
  const step = stepSeconds(toMs - fromMs);
  const byName = new Map<string, string[]>();
  for (const k of keys) {
    const { name } = parseKey(k);
    byName.set(name, [...(byName.get(name) ?? []), k]);
  }
  const answers = await Promise.all([...byName.entries()].map(async ([name, group]) => {
    try {
      const results = await Promise.all(group.map(async (key) => {
        const { tags } = parseKey(key);
        const r = await api.query(name, tags, fromMs * 1e6, toMs * 1e6, step);
        return r.series.find((s) => s.key === key) ?? r.series[0] ?? null;
      }));
      return { name, series: results.filter((s): s is SeriesPoints => s !== null), error: null as string | null };
    } catch (e) {
      return { name, series: [] as SeriesPoints[], error: (e as ApiError).message };
    }
  }));
  const markers = await events.then(pathChanges).catch(() => []);
  if (gen !== generation) return;
  for (const c of registry.values()) c.destroy();
  const cards: HTMLElement[] = [];
  for (const a of answers) {
    if (a.error || !a.series.length) {
      cards.push(h('section.card.chart', { dataset: { series: a.name } },
        h('div.chart-head', null, h('h3', null, a.name), h('button.icon', { type: 'button', 'data-remove': a.name, title: 'Remove this chart' }, '✕')),
        h('p', { class: a.error ? 'error-line' : 'empty' }, a.error ?? 'No points in this range.')));
      continue;
    }
    const collectors = new Set(a.series.map((s) => s.tags.collector));
    const group: ChartGroup = { name: a.name, unit: a.series[0].unit, series: a.series, stepS: step };
    const chart: ChartHandle = drawChart(group, {
      rangeMs: [fromMs, toMs],
      markers: markers.filter((m) => !m.collector || collectors.has(m.collector)),
      onZoom: (f, t) => navigate({ ...view, zoom: [f, t] }),
      onReset: () => { if (view.zoom) navigate({ ...view, zoom: undefined }); },
    });
    cards.push(chart.root);
    if (step) void exactStats(gen, chart, a.series, fromMs, toMs);
  }
  fill(chartsBody, cards);
  // uPlot sized itself before it was in the page: fit the width now that it is.
  for (const c of registry.values()) {
    const w = c.root.querySelector('.plot')!.clientWidth;
    if (w > 0 && Math.abs(w - c.plot.width) > 2) c.plot.setSize({ width: w, height: 240 });
  }
  performance.mark('fathom:charts');
}

/** With a step, the chart draws bucket averages; the legend's min and max come from the archive over the whole range (one bucket). */
async function exactStats(gen: number, chart: ChartHandle, series: SeriesPoints[], fromMs: number, toMs: number): Promise<void> {
  const wholeS = Math.max(1, Math.ceil((toMs - fromMs) / 1000));
  await Promise.all(series.map(async (s, i) => {
    try {
      const [lo, hi] = await Promise.all(['min', 'max'].map((agg) => api.query(s.name, s.tags, fromMs * 1e6, toMs * 1e6, wholeS, agg)));
      if (gen !== generation) return;
      const pick = (r: typeof lo, f: (...v: number[]) => number) => {
        const v = (r.series.find((x) => x.key === s.key)?.v ?? []).filter((x): x is number => x !== null);
        return v.length ? f(...v) : null;
      };
      chart.exact(i, pick(lo, Math.min), pick(hi, Math.max));
    } catch {
      // the bucket averages' min and max stay
    }
  }));
}

chartsBody.addEventListener('click', (e) => {
  const name = (e.target as HTMLElement).closest<HTMLElement>('[data-remove]')?.dataset.remove;
  if (name) navigate({ ...view, series: view.series.filter((k) => parseKey(k).name !== name) });
});

async function loadStatus(gen: number, fromMs: number, toMs: number): Promise<void> {
  try {
    const list = await api.status(fromMs * 1e6, toMs * 1e6);
    if (gen === generation) fill(statusBody, statusTimeline(list.elements, fromMs, toMs));
  } catch (e) {
    if (gen === generation) fill(statusBody, h('p.error-line', null, `Status: ${(e as Error).message}`));
  }
}

async function showEvents(gen: number, events: Promise<EventRecord[]>): Promise<void> {
  try {
    const list = await events;
    if (gen === generation) fill(eventsBody, eventList(list));
  } catch (e) {
    if (gen === generation) fill(eventsBody, h('p.error-line', null, `Events: ${(e as Error).message}`));
  }
}

/** Loads everything the view shows; `quiet` keeps what is on screen until the new answers are in (auto refresh). */
function render(quiet = false): void {
  const gen = ++generation;
  renderHeader();
  fill(main, collectorsSec, chartsSec, view.page === 'overview' ? statusSec : null, eventsSec);
  const [fromMs, toMs] = shownRange(view, Date.now());
  const events = loadEvents(fromMs, toMs);
  if (!quiet && lastCollectors === null) collectorsBody.replaceChildren(h('p.muted', null, 'Loading collectors…'));
  void loadCollectors(gen);
  void loadCharts(gen, fromMs, toMs, events);
  if (view.page === 'overview') void loadStatus(gen, fromMs, toMs);
  void showEvents(gen, events);
  schedule();
}

function schedule(): void {
  clearInterval(refreshTimer);
  const every = parseDuration(view.refresh);
  if (view.refresh === 'off' || !every) return;
  refreshTimer = window.setInterval(() => {
    if (document.hidden) return;
    if (isLive(view)) render(true);
    else void loadCollectors(generation);
  }, every * 1000);
}

// Links inside the dashboard change the view without reloading the page.
document.addEventListener('click', (e) => {
  const a = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  const target = new URL(a.href);
  const m = /^\/collectors\/([^/]+)/.exec(target.pathname);
  navigate({ ...view, page: m ? 'collector' : 'overview', collector: m ? decodeURIComponent(m[1]) : undefined, series: [], zoom: undefined });
});
window.addEventListener('popstate', () => { view = readView(); render(); });

render();
