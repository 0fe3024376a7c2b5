// Values with their units, as the axes and legends show them (units are the archive's: ms, bytes, bits/s, percent, count…).

const SI = ['', 'k', 'M', 'G', 'T', 'P'];
const BIN = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];

function num(v: number, digits = 3): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en');
  return Number(v.toPrecision(digits)).toString();
}

function scaled(v: number, base: number, prefixes: string[], unit: string): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < prefixes.length - 1) { x /= base; i++; }
  return `${num(x)} ${prefixes[i]}${unit}`.trim();
}

/** One value with its unit, short: 12.3 ms, 1.5 s, 3.2 MiB, 940 Mb/s, 99.5 %. */
export function formatValue(v: number | null | undefined, unit: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  switch (unit) {
    case 'ms': return Math.abs(v) >= 1000 ? `${num(v / 1000)} s` : Math.abs(v) < 1 && v !== 0 ? `${num(v * 1000)} µs` : `${num(v)} ms`;
    case 's': case 'seconds': return `${num(v)} s`;
    case 'bytes': return scaled(v, 1024, BIN, 'B');
    case 'bits/s': return scaled(v, 1000, SI, 'b/s');
    case 'bytes/s': return scaled(v, 1024, BIN, 'B/s');
    case 'percent': return `${num(v)} %`;
    case 'count': case '': return Math.abs(v) >= 1e6 ? scaled(v, 1000, SI, '') : num(v);
    case 'count/s': return `${Math.abs(v) >= 1e6 ? scaled(v, 1000, SI, '') : num(v)}/s`;
    default: return `${num(v)} ${unit}`;
  }
}

/** The axis title for a unit. */
export function axisLabel(unit: string): string {
  return ({ ms: 'milliseconds', bytes: 'bytes', 'bits/s': 'bits per second', percent: 'percent', count: 'count', 'count/s': 'per second' } as Record<string, string>)[unit] ?? unit;
}
