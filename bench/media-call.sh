#!/usr/bin/env bash
# CPU per call and send-interval jitter of the door's media next to baresip's (issue 6), on
# loopback, in one run: N door calls (MediaSession, its own JVM) for T seconds, then N baresip calls
# to a minimal SIP UAS for T seconds; both send PCMU 20 ms frames of a 1 kHz tone to discarding
# sink ports on 127.0.0.1 (send only: the sinks send nothing back). CPU is utime+stime of the
# sender's process from /proc/PID/stat over the same steady window (T - 4 s, after a 3 s warm-up);
# jitter is |spacing of consecutive RTP packets - 20 ms| from one tcpdump capture (kernel
# timestamps, ns) of lo for the whole run. Needs root (capture) and tcpdump (apt-get install tcpdump).
# Usage: bench/media-call.sh [CALLS=10] [SECONDS=20] [rtp|srtp]   (CALLS 1-16, SECONDS 8-300)
#
# Measured on 2026-11-27, 2 cores, loaded (other builds and tests running), 10 calls x 20 s:
#   (figures below)
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-10}"
seconds="${2:-20}"
security="${3:-rtp}"
command -v tcpdump >/dev/null || { echo "tcpdump is needed: apt-get install -y tcpdump" >&2; exit 1; }
[ -x /usr/bin/baresip ] || { echo "baresip is needed: apt-get install -y baresip" >&2; exit 1; }
./mvnw -q -o -pl app -am test-compile
./mvnw -q -o -pl app dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/app/target/bench.classpath" >/dev/null
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
work="$PWD/app/target/bench-media-call"
rm -rf "$work"
# The bench runs in its own process group (setsid): on exit or interrupt everything it started
# (tcpdump, the door JVM, baresip) is stopped with it, whatever state it is in.
setsid java -cp "$cp" rock.intercom.app.bench.MediaCallBench "$calls" "$seconds" "$security" "$work" &
bench=$!
trap 'kill -TERM -- -"$bench" 2>/dev/null || true' EXIT INT TERM
wait "$bench"
