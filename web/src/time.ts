// Time ranges, the step a query asks for, and how times read.

export const PRESETS: Record<string, number> = { '15m': 900, '1h': 3600, '6h': 21600, '24h': 86400, '7d': 604800, '30d': 2592000 };
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
/** Points a chart asks for per series: the step is the nicest one that keeps a range at or under this. */
export const TARGET_POINTS = 2000;

/** The step (seconds) for a range: the smallest nice step giving at most TARGET_POINTS buckets (1000–2000 for the presets). */
export function stepFor(rangeS: number): number {
  const want = rangeS / TARGET_POINTS;
  return NICE_STEPS.find((s) => s >= want) ?? Math.ceil(want / 86400) * 86400;
}

/** "90" → 90; "1m" → 60; "5m", "1h", "1d", "1w" as the CLI reads them; null when not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)?$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2] ?? 's'] ?? 1;
  return n * unit;
}

export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s < 10 ? s.toFixed(1).replace(/\.0$/, '') : Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${(s / 3600).toFixed(s < 36000 ? 1 : 0).replace(/\.0$/, '')} h`;
  return `${(s / 86400).toFixed(s < 864000 ? 1 : 0).replace(/\.0$/, '')} d`;
}

/** "12 s ago", "in 3 s". */
export function relative(whenMs: number, nowMs: number): string {
  const d = (whenMs - nowMs) / 1000;
  if (Math.abs(d) < 0.5) return 'now';
  return d < 0 ? `${formatDuration(-d)} ago` : `in ${formatDuration(d)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local time, to the second: "2026-12-06 19:21:08". */
export function formatTime(ms: number, withDate = true): string {
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}` : time;
}

/** The value of a datetime-local input for a time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
