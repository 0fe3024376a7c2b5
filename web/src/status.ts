// Status elements as a timeline of states: one row per element, its ranges as coloured segments.
import type { StatusElement } from './api';
import { h } from './dom';
import { formatDuration, formatTime } from './time';

const KNOWN: Record<string, string> = { up: 'ok', ok: 'ok', running: 'ok', down: 'bad', failed: 'bad', critical: 'bad', error: 'bad', degraded: 'warn', warning: 'warn', testing: 'warn', dormant: 'idle', unknown: 'idle', notpresent: 'idle', lowerlayerdown: 'bad' };

/** ok/warn/bad/idle for known states; other states get a stable colour of their own. */
function toneOf(state: string): string { return KNOWN[state.toLowerCase()] ?? 'other'; }
/** An administrative state other than normal operation (maintenance, troubleshooting…) is striped over the oper colour. */
function adminFlagged(admin: string | null | undefined): boolean { return !!admin && !['normaloperation', 'normal', 'up', 'unknown'].includes(admin.toLowerCase()); }
function hue(state: string): number { let x = 0; for (const c of state) x = (x * 31 + c.charCodeAt(0)) >>> 0; return x % 360; }

function tick(ms: number, span: number): string {
  const t = formatTime(ms, span > 86400000);
  return span >= 3600000 ? t.slice(0, -3) : t;
}

export function statusTimeline(elements: StatusElement[], fromMs: number, toMs: number): HTMLElement {
  if (!elements.length) return h('p.empty', null, 'No status elements in this range.');
  const span = toMs - fromMs;
  const rows = elements.map((e) => {
    const bar = h('div.tl-bar');
    // A range holds from its first observation to its last (perfSONAR's ranges): the time between
    // two ranges was not seen in one state (a change between polls, or fathomd not watching), so it stays empty.
    e.ranges.forEach((r) => {
      const s = Math.max(r.start / 1e6, fromMs);
      const end = Math.min(r.end / 1e6, toMs);
      if (end < s) return;
      const tone = toneOf(r.oper);
      const seg = h('div.tl-seg', {
        class: adminFlagged(r.admin) ? `${tone} admin` : tone,
        dataset: { oper: r.oper, admin: r.admin ?? '' },
        title: `${r.oper}${r.admin ? ` (admin ${r.admin})` : ''}\n${formatTime(r.start / 1e6)} → ${formatTime(r.end / 1e6)}\n${formatDuration((r.end - r.start) / 1e9)}`,
        style: `left:${((s - fromMs) / span) * 100}%;width:max(2px,${((end - s) / span) * 100}%)${tone === 'other' ? `;background:hsl(${hue(r.oper)} 55% 55%)` : ''}`,
      });
      bar.appendChild(seg);
    });
    const tone = toneOf(e.oper);
    return h('div.tl-row', { dataset: { element: e.element } },
      h('div.tl-label', { title: e.element }, h('span.dot', { class: tone }), e.element),
      h('div.tl-state', null, h('span.state', { class: tone }, e.oper), e.admin ? h('span.muted.small', null, ` admin ${e.admin}`) : null,
        h('div.muted.small', null, `since ${formatTime(e.since / 1e6, Date.now() - e.since / 1e6 > 86400000)}`)),
      bar);
  });
  return h('div.timeline', null,
    rows,
    h('div.tl-row.tl-axis', null, h('div'), h('div'),
      h('div.tl-ticks', null, [0, 0.25, 0.5, 0.75, 1].map((f) => h('span', { style: `left:${f * 100}%` }, tick(fromMs + f * span, span))))));
}
