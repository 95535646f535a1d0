#!/usr/bin/env bash
# The floor the door's libraries set on this machine, with none of the door's own code (issues 12 and
# 15), under the door's JVM flags (packaging/jvm.options), no class-data sharing archive of its own:
# 1. resident memory (VmRSS, after 4 s) of a JVM that only starts a JAIN-SIP stack (UDP), opens an SQLite
#    file and serves HTTP with Jetty — the three the door cannot do without (the brief's SIP stack, the
#    default event store, the portal and API) — next to issue 15's targets (idle <= 64 MiB, call <= 72);
# 2. HTTP press -> INVITE on the wire when a request only makes JAIN-SIP send a ready-written INVITE
#    (no access check, call logic, SDP offer or RTP ports), 600 ms apart as bench/api-press.sh presses,
#    next to issue 12's target (p50 <= 2 ms): read by a plain socket, by a Jetty handler, and by a Jetty
#    handler handing the send to another thread (the door's call thread).
# Usage: bench/stack-floor.sh [PRESSES=30]
set -euo pipefail
cd "$(dirname "$0")/.."
presses="${1:-30}"
./mvnw -q -o -B -DskipTests package >/dev/null # compiles the bench class too
# The device's own class path (what ./intercom runs) and the bench class beside it.
cp="app/target/test-classes:app/target/intercom-app.jar:app/target/lib/*"
bench() { java @packaging/jvm.options -cp "$cp" rock.intercom.app.bench.StackFloorBench "$@" 2>"app/target/stack-floor.err"; }

printf '%-24s %10s %10s %8s\n' "resident, idle" "VmRSS MiB" "anon MiB" "threads"
for parts in jvm sip sip+sqlite sip+sqlite+jetty; do
    bench rss "$parts" 6000 > "app/target/stack-floor.$$" &
    pid=$!
    for _ in $(seq 1 100); do grep -q up "app/target/stack-floor.$$" 2>/dev/null && break; sleep 0.1; done
    sleep 4
    java_pid=$(pgrep -f "StackFloorBench rss ${parts//+/.} 6000" | head -1)
    awk -v parts="$parts" '/^VmRSS/ {rss=$2} /^RssAnon/ {anon=$2} /^Threads/ {t=$2}
        END {printf "%-24s %10.1f %10.1f %8d\n", parts, rss/1024, anon/1024, t}' "/proc/$java_pid/status"
    wait "$pid" || true
done
rm -f "app/target/stack-floor.$$"
echo "target: idle registered <= 64 MiB, in a call <= 72 MiB (issue 15)"
echo
printf '%-16s %8s %8s %8s\n' "press -> INVITE" "p50 ms" "p90 ms" "min ms"
for mode in socket jetty jetty-hand-off; do
    bench press "$mode" "$presses"
done
echo "target: API press -> INVITE p50 <= 2 ms (issue 12), with everything the door does on the way"
