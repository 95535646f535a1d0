#!/usr/bin/env bash
# Footprint and start-up of the door (issue 15) next to baresip 1.0 from the same run, both
# registered to one Kamailio over UDP on loopback and calling one desk (a baresip station, 400,
# that answers): start -> the registrar's 200 OK to REGISTER on the wire, the first call's
# trigger -> INVITE on the wire (the door's wired button = input_event records written to its
# FIFO; baresip's UDP console), RSS idle registered (3 s after) and in a call (5 s into it).
# Median of RUNS starts per subject, after one unmeasured start. Wire times come from tcpdump's
# kernel timestamps. Subjects: the door as the Debian package runs it (packaging/build-deb.sh's
# staged tree: jlink runtime, lib/jvm.options, the CDS archive bin/make-cds dumps), the door as
# ./intercom runs it (JDK 17, default JVM flags, no archive), and baresip.
# Needs root (tcpdump), tcpdump, baresip, kamailio.  Usage: bench/footprint.sh [RUNS=5]
#
# Measured on 2026-12-06 23:50 (2 cores shared with other builds), 3 runs: the package before the
# start-up changes (657de51) and after them, both as subjects of one FootprintBench run (load average
# 1.70 at its start, 0.68 at its end); the target column is the issue's. `bench/footprint.sh 3` just
# before (load 4.04 -> 1.83) gave the package after 390 ms (373-396), 95.6 MiB idle (anonymous 46.8),
# ./intercom 793 ms and 111.0 MiB, baresip 7 ms and 7.3 MiB; the package before, alone at 22:56
# (load 0.19 -> 1.24): 763 ms (682-835), 118.8 MiB idle. README.md "Footprint and start-up" says
# what changed and what holds the floor:
#   figure (median of 3; min-max)             target   package before       package after
#   start -> REGISTERED (ms)                 <= 1000   829 (773-851)        391 (386-395)
#   first call: trigger -> INVITE (ms)         <= 20   7.7 (7.0-8.6)        7.2 (7.1-10.8)
#   later calls: trigger -> INVITE, p50 (ms)    <= 1   3.32 (3.26-3.38)     2.92 (2.79-3.98)
#   RSS idle, registered (MiB)                 <= 64   110.6 (109.7-113.8)  95.2 (95.2-96.5)
#   RSS in call (MiB)                          <= 72   112.2 (111.4-115.4)  98.1 (97.0-99.4)
#     of which anonymous, idle (MiB)                   64.3 (63.4-67.4)     47.0 (47.0-48.3)
#     of which anonymous, in call (MiB)                66.1 (65.1-69.2)     49.9 (48.8-51.2)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
command -v tcpdump >/dev/null || { echo "tcpdump is needed: apt-get install -y tcpdump" >&2; exit 1; }
[ -x /usr/bin/baresip ] || { echo "baresip is needed: apt-get install -y baresip" >&2; exit 1; }
packaging/build-deb.sh >/dev/null
home="$(ls -d "$PWD"/target/deb/rock-intercom_*/usr/lib/rock-intercom | head -1)"
work="$PWD/app/target/bench-footprint"
rm -rf "$work" && mkdir -p "$work"
"$home/bin/make-cds" "$work/intercom.jsa"
./mvnw -q -o -B -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath" >/dev/null
cp="app/target/test-classes:app/target/classes:$(cat "$work/classpath")"
# Its own process group: on exit or interrupt everything it started goes with it.
setsid java -cp "$cp" rock.intercom.app.bench.FootprintBench "$work" "$runs" \
    "door:door (package):$home/bin/intercom:$work/intercom.jsa" "door:door (./intercom):$PWD/intercom" baresip &
bench=$!
trap 'kill -TERM -- -"$bench" 2>/dev/null || true' EXIT INT TERM
wait "$bench"
