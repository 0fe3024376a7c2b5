#!/bin/sh
# Prints the host's uptime and process count in InfluxDB line protocol:
# series uptime.seconds and uptime.processes, tagged host=<name>.
read -r up _ < /proc/uptime
procs=$(ls -d /proc/[0-9]* 2>/dev/null | wc -l)
echo "uptime,host=$(hostname) seconds=${up},processes=${procs}i"
