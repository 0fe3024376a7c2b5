// Events as a list, newest first; a traceroute path as its hops, a path change as old and new hops.
import type { EventRecord } from './api';
import { h } from './dom';
import { formatTime } from './time';

interface Hop { ttl: number; address?: string | null; rtts?: number[]; reached?: boolean }
const SHOWN = 200;

function hops(list: Hop[], other?: Hop[]): HTMLElement {
  return h('ol.hops', null, list.map((hop) => {
    const changed = other && other.find((o) => o.ttl === hop.ttl)?.address !== hop.address;
    const rtts = (hop.rtts ?? []).map((r) => r.toFixed(r < 10 ? 2 : 1)).join(' / ');
    return h('li', { value: hop.ttl, class: changed ? 'changed' : '' },
      h('span.addr', null, hop.address ?? '*'),
      rtts ? h('span.muted.small', null, ` ${rtts} ms`) : null,
      hop.reached ? h('span.badge.ok', null, 'reached') : null);
  }));
}

function body(e: EventRecord): HTMLElement {
  const d = e.data as Record<string, unknown> | null;
  if (d && Array.isArray(d.hops)) {
    return h('div', null, h('div.muted.small', null, `${String(d.target ?? '')} ${d.address ? `(${String(d.address)})` : ''} · ${d.reached ? 'reached' : 'not reached'} · ${(d.hops as Hop[]).length} hops`), hops(d.hops as Hop[]));
  }
  if (d && Array.isArray(d.old) && Array.isArray(d.new)) {
    return h('div.path-change', null,
      h('div', null, h('div.muted.small', null, 'before'), hops(d.old as Hop[], d.new as Hop[])),
      h('div', null, h('div.muted.small', null, 'after'), hops(d.new as Hop[], d.old as Hop[])));
  }
  const text = typeof e.data === 'string' ? e.data : JSON.stringify(e.data, null, 1);
  return h('pre.data', null, text && text.length > 2000 ? text.slice(0, 2000) + '…' : text);
}

export function eventList(events: EventRecord[]): HTMLElement {
  if (!events.length) return h('p.empty', null, 'No events in this range.');
  const newest = [...events].sort((a, b) => b.time - a.time).slice(0, SHOWN);
  return h('div.events', null,
    newest.map((e) => h('details.event', { class: e.name.endsWith('path_change') ? 'change' : '', open: e.name.endsWith('path_change') },
      h('summary', null,
        h('span.time', null, formatTime(e.time / 1e6)),
        h('span.ename', null, e.name),
        h('span.tags', null, Object.entries(e.tags).map(([k, v]) => h('span.tag', null, `${k}=${v}`)))),
      body(e))),
    events.length > SHOWN ? h('p.muted.small', null, `${events.length - SHOWN} older events not shown: narrow the range.`) : null);
}

/** Path changes, as chart markers (ms), by the collector that saw them. */
export function pathChanges(events: EventRecord[]): { ms: number; label: string; collector?: string }[] {
  return events.filter((e) => e.name.endsWith('path_change')).map((e) => ({ ms: e.time / 1e6, label: `path change ${e.tags.target ?? ''}`, collector: e.tags.collector }));
}
