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
# Measured on 2026-12-06, 2 cores shared with other builds and tests (load average 5-8: noisy,
# ±30 % run to run on the start figures), 5 runs; README.md "Footprint and start-up" says what holds it:
#   figure (median of 5; min-max)          door (package)      door (./intercom)   baresip
#   start -> REGISTERED (ms)               1099 (610-1333)     2393 (1221-4272)    9 (8-16)
#   first call: trigger -> INVITE (ms)     20.4 (18.9-59.0)    61.6 (38.0-236.4)   0.7 (0.5-2.1)
#   RSS idle, registered (MiB)             113.4 (112.7-114.5) 193.9 (181.6-249.0) 7.3
#   RSS in call (MiB)                      115.7 (115.3-116.3) 196.6 (186.7-220.6) 7.5
#     of which anonymous, idle (MiB)        62.3 (61.4-63.4)   167.0 (154.7-222.2) 1.1
#     of which anonymous, in call (MiB)     64.6 (64.3-65.3)   169.7 (159.7-193.7) 1.3
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
