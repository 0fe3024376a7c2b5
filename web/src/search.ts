// Find series by name glob and tags ("ping.* target=example.org") and toggle them onto the charts.
import { api, Series, Tags } from './api';
import { h, fill } from './dom';
import { formatTime } from './time';

const SHOWN = 60;

export function parseSearch(text: string): { name?: string; tags: Tags } {
  const tags: Tags = {};
  const names: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    if (eq > 0) tags[word.slice(0, eq)] = word.slice(eq + 1);
    else names.push(word);
  }
  const name = names.length ? (/[*?[]/.test(names[0]) ? names[0] : `*${names[0]}*`) : undefined;
  return { name, tags };
}

export function searchBox(selected: () => string[], toggle: (key: string) => void): HTMLElement {
  const input = h('input.search', { type: 'search', placeholder: 'Search series: name or glob, and tag=value (e.g. ping.rtt* target=example.org)', 'aria-label': 'search series', spellcheck: false });
  const results = h('div.results', { hidden: true });
  let timer = 0;
  let controller: AbortController | null = null;
  const run = async () => {
    controller?.abort();
    controller = new AbortController();
    const { name, tags } = parseSearch(input.value);
    try {
      const list = (await api.series(name ?? '*', tags, controller.signal)).series;
      show(list);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      fill(results, h('p.error-line', null, (e as Error).message));
      results.hidden = false;
    }
  };
  const show = (list: Series[]) => {
    const chosen = new Set(selected());
    fill(results,
      list.length ? null : h('p.muted', null, 'No series match.'),
      h('ul', null, list.slice(0, SHOWN).map((s) => h('li', null,
        h('button.pick', { type: 'button', 'data-key': s.key, class: chosen.has(s.key) ? 'on' : '', onclick: (ev: Event) => {
          const b = ev.currentTarget as HTMLElement;
          toggle(s.key);
          b.classList.toggle('on');
          b.querySelector('.check')!.textContent = b.classList.contains('on') ? '✓' : '+';
        } },
          h('span.check', null, chosen.has(s.key) ? '✓' : '+'),
          h('span.sname', null, s.name),
          h('span.tags', null, Object.entries(s.tags).map(([k, v]) => h('span.tag', null, `${k}=${v}`))),
          h('span.muted.small', null, `${s.unit} · ${s.points.toLocaleString('en')} pts${s.last ? ` · last ${formatTime(s.last / 1e6)}` : ''}`))))),
      list.length > SHOWN ? h('p.muted.small', null, `${list.length - SHOWN} more: narrow the search.`) : null);
    results.hidden = false;
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = window.setTimeout(run, 200); });
  input.addEventListener('focus', () => { if (results.hidden) run(); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') { results.hidden = true; input.blur(); } });
  const root = h('div.searchbox', null, input, results);
  document.addEventListener('click', (e) => { if (!root.contains(e.target as Node)) results.hidden = true; });
  return root;
}
