#!/usr/bin/env python3
"""Registers N service records (and one host record per 100) over one keep-alive connection."""
import http.client, json, sys

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection(host, port, timeout=30)
headers = {"Content-Type": "application/json; charset=utf-8"}
for i in range(count):
    if i % 100 == 0:
        rec = {"type": ["host"], "host-name": [f"host-{i // 100}.bench.example"], "ttl": ["PT120M"],
               "host-os-name": ["Debian"], "location-sitename": [f"site-{i // 1000}"]}
    else:
        rec = {"type": ["service"], "service-type": ["ping" if i % 3 else "traceroute"],
               "service-name": [f"Fathom ping on host-{i // 100}.bench.example {i}"],
               "service-locator": [f"tcp://198.18.{(i // 250) % 250}.{i % 250}:{1024 + i}"],
               "group-domains": [f"domain-{i % 10}.example"], "ttl": ["PT120M"]}
    conn.request("POST", "/lookup/records", body=json.dumps(rec), headers=headers)
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"record {i}: HTTP {r.status}")
print(count)
