#!/usr/bin/env bash
# Bounded memory and a still-answering door under a stranger flood (issue 11): the door runs from
# ./intercom (so with the launcher's heap limits; INTERCOM_JAVA_OPTS is passed through) registered
# with Kamailio; a SIPp UAC sends strangers' INVITEs straight to the door at RATE/s for SECONDS,
# and every 5 s an allowed caller (SIPp) calls the door through Kamailio.
# Prints refusals/s, each allowed call's INVITE -> 200 latency and the door JVM's RSS (VmRSS).
# Needs kamailio and sip-tester (./run-tests installs them).
# Usage: bench/stranger-flood.sh [RATE=200] [SECONDS=30]
#
# 2026-12-07 03:58-04:05, 2 cores at load 0.1-1, INTERCOM_JAVA_OPTS=-Xmx48m (the package's heap), 200/s for 20 s,
# every INVITE refused (200 refusals/s), the allowed calls answered in 2.4-18 ms:
#   main before:  RSS 88 -> 144 MB at most; live heap after full GCs 13 -> 32 MiB (-Xlog:gc); at 10 s
#                 1,702 SIPDialog + 1,704 SIPServerTransactionImpl live (jcmd GC.class_histogram), each
#                 with its parsed request: JAIN-SIP's 8 s linger after a refusal, and a dialog per INVITE.
#   after:        RSS 85 -> 132 MB at most; live heap 19-21 MiB; no dialog kept, ~200 transactions (1 s
#                 linger); the largest thing left is the SIP trace (4 MiB of messages, ~9,100 entries).
#   + the SIP trace's share per far end (one host keeps at most 1 MiB of its 4): live heap 15 MiB, RSS 95 -> 127 MB.
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
