// Every collector's health at a glance, and a run-now button when the daemon has a token.
import { api, ApiError, Collector, CollectorList, token } from './api';
import { h, toast } from './dom';
import { formatDuration, formatTime, relative } from './time';
import { askToken } from './token';

/** The state's tone: ok (running, idle), warn (restarting, an error last run), bad (failed, stopped). */
export function tone(c: Collector): 'ok' | 'warn' | 'bad' | 'idle' {
  if (c.state === 'failed' || c.state === 'stopped' || c.state === 'faulted') return 'bad';
  if (c.state === 'restarting' || c.lastRun?.error) return 'warn';
  if (!c.lastRun) return 'idle';
  return 'ok';
}

function runButton(c: Collector, canRun: boolean, onDone: () => void): HTMLElement | null {
  if (!canRun) return null;
  const b = h('button.run', {
    type: 'button',
    title: `Run ${c.id} now, out of schedule`,
    'data-collector': c.id,
    onclick: async () => {
      if (!token.get() && !(await askToken())) return;
      b.disabled = true;
      try {
        await api.run(c.id);
        toast(`${c.id}: run started`);
        onDone();
      } catch (e) {
        const err = e as ApiError;
        if (err.status === 401) token.set(null);
        toast(`${c.id}: ${err.message}`, 'error');
      } finally {
        b.disabled = false;
      }
    },
  }, '▶ Run now');
  return b;
}

function lastRun(c: Collector, now: number): HTMLElement {
  if (!c.lastRun) return h('span.muted', null, 'never');
  const start = Date.parse(c.lastRun.start);
  return h('span', { title: `${formatTime(start)}${c.lastRun.error ? `\n${c.lastRun.error}` : ''}` },
    relative(start, now),
    h('span.muted', null, ` · ${formatDuration(c.lastRun.durationMs / 1000)}`),
    c.lastRun.error ? h('div.error-line', null, c.lastRun.error) : null);
}

/** The collectors table (overview). */
export function collectorTable(list: CollectorList, now: number, refresh: () => void): HTMLElement {
  if (!list.collectors.length) return h('p.empty', null, 'No collectors configured.');
  const rows = list.collectors.map((c) => h('tr', { dataset: { id: c.id }, class: `tone-${tone(c)}` },
    h('td', null, h('span.dot', { class: tone(c), title: c.state }), h('a.cid', { href: `/collectors/${encodeURIComponent(c.id)}`, 'data-link': true }, c.id)),
    h('td.muted', null, c.module, h('span.small', null, ` · every ${formatDuration(c.intervalSeconds)}`)),
    h('td', null, h('span.state', { class: tone(c) }, c.state)),
    h('td', null, lastRun(c, now)),
    h('td.num', null, c.runs.toLocaleString('en'), c.manualRuns ? h('span.small.muted', { title: 'started with run now' }, ` (${c.manualRuns} manual)`) : null),
    h('td.num', { class: c.failures ? 'bad-text' : '' }, c.failures.toLocaleString('en'), c.timeouts ? h('span.small.muted', { title: 'timeouts' }, ` (${c.timeouts} t/o)`) : null),
    h('td.num', { class: c.restarts ? 'warn-text' : '' }, String(c.restarts)),
    h('td', null, c.runningSince ? h('span.running', null, 'running…') : c.nextRun ? relative(Date.parse(c.nextRun), now) : h('span.muted', null, '–')),
    h('td.actions', null, runButton(c, list.canRun, refresh)),
  ));
  return h('table.collectors', null,
    h('thead', null, h('tr', null, ['Collector', 'Module', 'State', 'Last run', 'Runs', 'Failures', 'Restarts', 'Next run', ''].map((t) => h('th', null, t)))),
    h('tbody', null, rows));
}

/** One collector's card (its own page). */
export function collectorCard(c: Collector, canRun: boolean, now: number, refresh: () => void): HTMLElement {
  const item = (label: string, value: Node | string) => h('div.kv', null, h('span.k', null, label), h('span.v', null, value));
  return h('section.card.collector-card', { class: `tone-${tone(c)}` },
    h('div.card-head', null,
      h('h2', null, h('span.dot', { class: tone(c) }), c.id, h('span.state', { class: tone(c) }, c.state)),
      runButton(c, canRun, refresh)),
    h('div.kvs', null,
      item('module', c.module),
      item('interval', `${formatDuration(c.intervalSeconds)} (${c.schedule})`),
      item('isolation', c.isolation + (c.childPid ? ` · pid ${c.childPid}` : '')),
      item('last run', lastRun(c, now)),
      item('next run', c.runningSince ? 'running now' : c.nextRun ? relative(Date.parse(c.nextRun), now) : '–'),
      item('runs', c.runs.toLocaleString('en') + (c.manualRuns ? ` (${c.manualRuns} manual)` : '')),
      item('failures', `${c.failures} · timeouts ${c.timeouts} · overruns ${c.overruns}`),
      item('restarts', String(c.restarts))));
}
