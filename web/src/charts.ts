// One chart per series name, its selected series overlaid (uPlot on a canvas), units on the y
// axis, min/avg/max/last of the points shown in the legend, path changes marked, drag to zoom.
import uPlot from 'uplot';
import type { SeriesPoints, Tags } from './api';
import { h } from './dom';
import { formatTime } from './time';
import { formatValue } from './units';

// Powers of two, so a bytes axis ticks at 512 MiB, 1 GiB… rather than 0.93 GiB.
const BINARY_INCRS = Array.from({ length: 64 }, (_, i) => 2 ** i);
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16'];

export interface ChartGroup { name: string; unit: string; series: SeriesPoints[]; stepS: number | null }

export interface ChartHandle {
  root: HTMLElement; plot: uPlot; drawMs: number; destroy(): void;
  /** Puts the exact min and max over the range (asked of the archive) in place of those of the bucket averages drawn. */
  exact(series: number, min: number | null, max: number | null): void;
}

/** What the tests and the benchmark read: the live plots by series name, and draw times. */
export const registry = new Map<string, ChartHandle>();
declare global { interface Window { __fathom?: { charts: Map<string, ChartHandle> } } }
window.__fathom = { charts: registry };

function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Tag pairs that differ between the group's series (what tells them apart), or all tags for one series. */
function labelFor(tags: Tags, all: Tags[]): string {
  const keys = Object.keys(tags).sort();
  const differing = all.length < 2 ? keys : keys.filter((k) => all.some((t) => t[k] !== tags[k]));
  const shown = differing.length ? differing : keys;
  return shown.map((k) => `${k}=${tags[k]}`).join(' ') || '(no tags)';
}

/** Seconds and values, with a null put in wherever the points stop for more than 2.5 intervals (a gap, not a line across it). */
function withGaps(s: SeriesPoints, stepS: number | null): [number[], (number | null)[]] {
  const n = s.t.length;
  const xs: number[] = new Array(n);
  for (let i = 0; i < n; i++) xs[i] = s.t[i] / 1e9;
  // The points' own spacing (median of the first ones), never less than the step: a step finer
  // than the collection interval leaves buckets empty without a hole in the data.
  let interval = stepS ?? 0;
  if (n > 2) {
    const deltas: number[] = [];
    for (let i = 1; i < Math.min(n, 200); i++) deltas.push(xs[i] - xs[i - 1]);
    deltas.sort((a, b) => a - b);
    interval = Math.max(interval, deltas[deltas.length >> 1]);
  }
  if (!interval) return [xs, s.v];
  const limit = interval * 2.5;
  let gaps = 0;
  for (let i = 1; i < n; i++) if (xs[i] - xs[i - 1] > limit) gaps++;
  if (!gaps) return [xs, s.v];
  const gx: number[] = [];
  const gv: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && xs[i] - xs[i - 1] > limit) { gx.push(xs[i - 1] + interval); gv.push(null); }
    gx.push(xs[i]);
    gv.push(s.v[i]);
  }
  return [gx, gv];
}

function sameTimes(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The series as uPlot's aligned columns: one x, a y per series (undefined where a series has no point at an x). */
function align(group: ChartGroup): uPlot.AlignedData {
  const tables = group.series.map((s) => withGaps(s, group.stepS));
  if (tables.length === 1) return [tables[0][0], tables[0][1]] as uPlot.AlignedData;
  if (tables.every((t) => sameTimes(t[0], tables[0][0]))) return [tables[0][0], ...tables.map((t) => t[1])] as uPlot.AlignedData;
  return uPlot.join(tables.map((t) => [t[0], t[1]]) as uPlot.AlignedData[]);
}

interface Stats { min: number; max: number; avg: number; last: number | null }
function stats(xs: ArrayLike<number>, ys: ArrayLike<number | null | undefined>, from: number, to: number): Stats | null {
  let min = Infinity, max = -Infinity, sum = 0, n = 0, last: number | null = null;
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined || xs[i] < from || xs[i] > to) continue;
    if (y < min) min = y;
    if (y > max) max = y;
    sum += y; n++; last = y;
  }
  return n ? { min, max, avg: sum / n, last } : null;
}

export interface ChartOptions {
  rangeMs: [number, number];
  markers: { ms: number; label: string }[];
  onZoom(fromMs: number, toMs: number): void;
  onReset(): void;
}

export function drawChart(group: ChartGroup, opts: ChartOptions): ChartHandle {
  const mark = `chart:${group.name}`;
  performance.mark(`${mark}:start`);
  const data = align(group);
  performance.mark(`${mark}:aligned`);
  const labels = group.series.map((s) => labelFor(s.tags, group.series.map((x) => x.tags)));
  const points = group.series.reduce((n, s) => n + s.t.length, 0);
  const plotBox = h('div.plot');
  const legendRows = group.series.map((_, i) => h('tr', null,
    h('td', null, h('span.swatch', { style: `background:${PALETTE[i % PALETTE.length]}` })),
    h('td.label', null, labels[i]),
    h('td.num.cur'), h('td.num.min'), h('td.num.avg'), h('td.num.max'), h('td.num.last')));
  const legend = h('table.legend', null,
    h('thead', null, h('tr', null, h('th'), h('th', null, 'series'), h('th.num', null, 'cursor'), h('th.num', null, 'min'), h('th.num', null, 'avg'), h('th.num', null, 'max'), h('th.num', null, 'last'))),
    h('tbody', null, legendRows));
  const title = h('div.chart-head', null,
    h('h3', null, group.name),
    h('span.muted.small', { title: 'points drawn; the step the archive aggregated to (avg per bucket), or raw' },
      `${points.toLocaleString('en')} points · ${group.stepS ? `step ${group.stepS >= 60 ? `${group.stepS / 60} min` : `${group.stepS} s`} (avg)` : 'raw'}`),
    h('button.icon', { type: 'button', title: 'Remove this chart', 'data-remove': group.name }, '✕'));
  const root = h('section.card.chart', { dataset: { series: group.name } }, title, plotBox, legend);

  const axis = css('--axis');
  const grid = css('--grid');
  const unit = group.unit;
  const width = Math.max(320, (document.querySelector('main')?.clientWidth ?? 900) - 34);
  const fmt = (v: number) => formatValue(v, unit);
  let drawn = false;
  const handle: ChartHandle = {
    root, plot: undefined as unknown as uPlot, drawMs: 0,
    destroy: () => { observer.disconnect(); handle.plot.destroy(); registry.delete(group.name); },
    exact: (si, min, max) => {
      const row = legendRows[si];
      if (!row) return;
      if (min !== null) (row.querySelector('.min') as HTMLElement).textContent = fmt(min);
      if (max !== null) (row.querySelector('.max') as HTMLElement).textContent = fmt(max);
      row.dataset.exact = 'true';
    },
  };

  const options: uPlot.Options = {
    width,
    height: 240,
    pxAlign: false,
    legend: { show: false },
    cursor: { drag: { x: true, y: false, setScale: false }, sync: { key: 'fathom' }, points: { size: 6 } },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: { x: { time: true, min: opts.rangeMs[0] / 1000, max: opts.rangeMs[1] / 1000 } },
    axes: [
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, values: timeTicks, space: 60 },
      { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { show: false }, size: 78, values: (_u, splits) => splits.map(fmt), incrs: unit === 'bytes' ? BINARY_INCRS : undefined },
    ],
    series: [
      { value: (_u, v) => (v == null ? '–' : formatTime(v * 1000)) },
      ...group.series.map((_, i) => ({
        label: labels[i],
        stroke: PALETTE[i % PALETTE.length],
        width: 1.5,
        fill: group.series.length === 1 ? PALETTE[0] + '1f' : undefined,
        points: { show: false },
        value: (_u: uPlot, v: number | null) => fmt(v as number),
      })),
    ],
    hooks: {
      draw: [(u) => {
        drawMarkers(u, opts.markers);
        if (!drawn) {
          drawn = true;
          performance.mark(`${mark}:drawn`);
          handle.drawMs = performance.measure(`${mark}`, `${mark}:start`, `${mark}:drawn`).duration;
          root.dataset.drawn = String(points);
        }
      }],
      setSelect: [(u) => {
        if (u.select.width < 4) return;
        const from = u.posToVal(u.select.left, 'x');
        const to = u.posToVal(u.select.left + u.select.width, 'x');
        u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        opts.onZoom(from * 1000, to * 1000);
      }],
      setCursor: [(u) => {
        const i = u.cursor.idx;
        legendRows.forEach((row, si) => {
          const cell = row.querySelector('.cur') as HTMLElement;
          const v = i == null ? null : (u.data[si + 1] as (number | null)[])[i];
          cell.textContent = i == null ? '' : fmt(v as number);
        });
      }],
    },
  };
  handle.plot = new uPlot(options, data, plotBox);
  handle.plot.over.addEventListener('dblclick', () => opts.onReset());
  handle.plot.over.title = 'Drag to zoom · double-click to reset';

  const [from, to] = [opts.rangeMs[0] / 1000, opts.rangeMs[1] / 1000];
  legendRows.forEach((row, si) => {
    const s = stats(data[0], data[si + 1] as (number | null)[], from, to);
    const set = (cls: string, v: number | null | undefined) => { (row.querySelector(cls) as HTMLElement).textContent = s ? fmt(v as number) : '–'; };
    set('.min', s?.min); set('.avg', s?.avg); set('.max', s?.max); set('.last', s?.last);
  });

  const observer = new ResizeObserver(() => {
    const w = plotBox.clientWidth;
    if (w > 0 && Math.abs(w - handle.plot.width) > 2) handle.plot.setSize({ width: w, height: 240 });
  });
  observer.observe(plotBox);
  registry.set(group.name, handle);
  return handle;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Time ticks in 24 h local time; the date under the first tick and wherever the day changes, or alone for day-wide steps. */
function timeTicks(_u: uPlot, splits: number[], _axis: number, _space: number, incr: number): string[] {
  let lastDay = '';
  return splits.map((s) => {
    const d = new Date(s * 1000);
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const newDay = day !== lastDay;
    lastDay = day;
    if (incr >= 86400) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const time = incr < 60 ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
    return newDay ? `${time}\n${day}` : time;
  });
}

function drawMarkers(u: uPlot, markers: { ms: number; label: string }[]): void {
  if (!markers.length) return;
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.strokeStyle = css('--marker');
  ctx.fillStyle = css('--marker');
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
  for (const m of markers) {
    const x = u.valToPos(m.ms / 1000, 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.beginPath();
    const s = 5 * devicePixelRatio;
    ctx.moveTo(x - s, top);
    ctx.lineTo(x + s, top);
    ctx.lineTo(x, top + s * 1.4);
    ctx.fill();
  }
  ctx.restore();
}
