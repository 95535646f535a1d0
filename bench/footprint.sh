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
# Measured on 2026-12-06, 2 cores shared with other builds and tests (load average 7-8: noisy,
# ±30 % run to run on the start figures), 5 runs; README.md "Footprint and start-up" says what holds it:
#   figure (median of 5; min-max)           door (package)    door (./intercom)     baresip
#   start -> REGISTERED (ms)              1024 (920-1503)   3479 (2615-5109)     10 (8-25)
#   first call: trigger -> INVITE (ms)    18.7 (16.8-103.9) 145.4 (55.1-331.1)   0.8 (0.5-1.4)
#   RSS idle, registered (MiB)           114.6 (112.7-116.8) 202.1 (167.5-212.6) 7.3 (7.2-7.4)
#   RSS in call (MiB)                    116.2 (115.1-118.5) 205.1 (181.7-218.5) 7.5 (7.4-7.6)
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
