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
# Measured on 2026-12-06, 2 loaded cores shared with other builds and tests (noisy: ±30 % run to
# run on the start figures), 5 runs:   see README.md "Footprint" for the table and what holds it.
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
