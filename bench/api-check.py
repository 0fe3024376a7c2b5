#!/usr/bin/env python3
"""bench/api-query.sh's content check: the three answers to the same query hold the same buckets.

  api-check.py FATHOM_URL INFLUX_URL VM_URL    (each the full query URL; FATHOM_URL "-": the
                                               peers against each other, InfluxDB as reference)

Fetches each once and compares point count, bucket times (InfluxDB's and Fathom's bucket starts;
VictoriaMetrics' evaluation times, which are shifted by a fixed offset, see api-query.sh) and
values (relative tolerance 1e-9). Prints one summary line; exits 1 on a mismatch.
"""
import json
import math
import sys
import urllib.request


def get(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def fathom(url):
    doc = get(url)
    series = doc["series"]
    if len(series) != 1:
        raise SystemExit(f"fathom: {len(series)} series, want 1 ({url})")
    s = series[0]
    return [t // 1_000_000_000 for t in s["t"]], s["v"]


def influx(url):
    doc = get(url)
    rows = doc["results"][0]["series"][0]["values"]
    return [int(r[0]) // 1_000_000_000 for r in rows], [r[1] for r in rows]


def victoria(url):
    doc = get(url)
    result = doc["data"]["result"]
    if len(result) != 1:
        raise SystemExit(f"victoria-metrics: {len(result)} series, want 1 ({url})")
    rows = result[0]["values"]
    return [int(r[0]) for r in rows], [float(r[1]) for r in rows]


def same(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def main():
    i_t, i_v = influx(sys.argv[2])
    f_t, f_v = fathom(sys.argv[1]) if sys.argv[1] != "-" else (i_t, i_v)
    v_t, v_v = victoria(sys.argv[3])
    bad = []
    for name, t, v in (("influxdb", i_t, i_v), ("victoria-metrics", v_t, v_v)):
        if len(t) != len(f_t):
            bad.append(f"{name}: {len(t)} points, fathom {len(f_t)}")
            continue
        shift = t[0] - f_t[0]
        if any(b - a != shift for a, b in zip(f_t, t)):
            bad.append(f"{name}: bucket times differ beyond a fixed shift")
        diff = [k for k in range(len(f_v)) if not same(f_v[k], v[k])]
        if diff:
            k = diff[0]
            bad.append(f"{name}: {len(diff)} values differ, first at {f_t[k]}: fathom {f_v[k]} vs {v[k]}")
    total = sum(x for x in f_v if x is not None)
    print(f"check points={len(f_t)} first={f_t[0]} last={f_t[-1]} sum={total:.6f} "
          f"influxdb={len(i_t)} victoria-metrics={len(v_t)} vm_shift_s={v_t[0] - f_t[0]} "
          + ("ok" if not bad else "MISMATCH " + "; ".join(bad)))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
