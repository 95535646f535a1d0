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
# Measured on 2026-12-06 21:10, 2 cores shared with other builds (load average 1.5-3), 3 runs, the
# package before (130009a) and after pinning jitsi-srtp's AES factory and Jetty's 2 idle threads; the
# target column is the issue's. README.md "Footprint and start-up" says what holds the floor:
#   figure (median of 3; min-max)             target   package before       package after        baresip (earlier run)
#   start -> REGISTERED (ms)                 <= 1000   1083 (1080-1287)     1120 (1000-1162)     12 (12-14)
#   first call: trigger -> INVITE (ms)         <= 20   34.7 (24.3-148.9)    32.6 (30.1-60.6)     2.6 (0.8-6.6)
#   later calls: trigger -> INVITE, p50 (ms)    <= 1   7.56 (5.00-23.48)    7.46 (5.17-10.44)    5.59 (2.35-5.59)
#   RSS idle, registered (MiB)                 <= 64   119.1 (118.2-124.2)  113.6 (113.4-114.9)  7.3
#   RSS in call (MiB)                          <= 72   121.8 (121.3-126.2)  115.6 (115.4-116.9)  7.5
#     of which anonymous, idle (MiB)                   66.3 (65.5-71.4)     63.5 (63.4-64.7)     1.1
#     of which anonymous, in call (MiB)                69.1 (68.8-73.5)     65.6 (65.5-66.9)     1.3
# 2026-12-06 21:58-22:07 (load 1.3-2.5), 3 runs, package without / with PressRehearsal (issue 12): first call
# 51.8 / 16.0 ms, later calls p50 22.32 / 6.91 ms, RSS idle 114.4 / 118.7 MiB (anonymous 63.2 / 67.7),
# start -> REGISTERED 923 (830-1046) / 1217 (1010-1676) ms; README.md "HTTP API" says why.
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
