#!/usr/bin/env bash
# Bounded memory and a still-answering door under a stranger flood (issue 11): the door runs from
# ./intercom (so with the launcher's heap limits; INTERCOM_JAVA_OPTS is passed through) registered
# with Kamailio; a SIPp UAC sends strangers' INVITEs straight to the door at RATE/s for SECONDS,
# and every 5 s an allowed caller (SIPp) calls the door through Kamailio.
# Prints refusals/s, each allowed call's INVITE -> 200 latency and the door JVM's RSS (VmRSS).
# Needs kamailio and sip-tester (./run-tests installs them).
# Usage: bench/stranger-flood.sh [RATE=200] [SECONDS=30]
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-200}"
seconds="${2:-30}"
./mvnw -q -B -DskipTests package
./mvnw -q -B -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/app/target/bench.classpath" >/dev/null
cp="app/target/test-classes:app/target/classes:sip/target/test-classes:$(cat app/target/bench.classpath)"
work="$PWD/app/target/bench-stranger-flood"
rm -rf "$work"
# Own process group: on exit or interrupt the door, Kamailio and SIPp are stopped with the bench.
setsid java -cp "$cp" rock.intercom.app.bench.StrangerFlood "$rate" "$seconds" "$work" "$PWD" &
bench=$!
trap 'kill -TERM -- -"$bench" 2>/dev/null || true' EXIT INT TERM
wait "$bench"
