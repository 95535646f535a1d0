#!/usr/bin/env bash
# Two costs of issue 14's later parts, printed: the device page's camera view outside a call (camera
# pipeline opened, one 640x480 JPEG, closed; the test pattern, so it is GStreamer's share, not a
# real camera's start-up) and a flood of bogus RTCP generic NACKs against a sending 640x480@15
# session: its RTCP thread's CPU and what it resends, against a quiet window of the same length.
# Usage: bench/video-pictures.sh [SNAPSHOTS=20] [NACKS_PER_SECOND=2000] [SECONDS=5]
#
# Why these choices: the camera view is what an installer waits for on each click; the NACK flood is
# the hostile case the resend budget bounds (100 packets at once, 100 a second; 64 sequence numbers
# read per NACK), so the figures to watch are resends/s (≤ 100) and the RTCP thread's CPU.
#
# Measured on 2026-12-06, 2 cores shared with other engineers' builds and tests (load average 14-16):
#   camera view outside a call (test pattern 640x480, 20 takes): p50 25 ms, max 83 ms, JPEG 30 KB
#   (an earlier run at load 18: p50 71 ms, max 310 ms)
#   phase          NACKs sent  RTCP thread CPU %  packets resent/s  packets sent/s
#   quiet                   0                0.1               0.0            75.0
#   flood 2000/s        10005                3.2             119.6            75.2
# 119.6 resends/s over 5 s is the budget exactly (100 at once + 100/s); sending goes on unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
snapshots="${1:-20}"
rate="${2:-2000}"
seconds="${3:-5}"
for n in "$snapshots" "$rate" "$seconds"; do
  case "$n" in ''|*[!0-9]*) echo "arguments must be numbers" >&2; exit 2 ;; esac
done
[ "$snapshots" -ge 1 ] && [ "$snapshots" -le 200 ] || { echo "SNAPSHOTS must be 1-200" >&2; exit 2; }
[ "$rate" -ge 1 ] && [ "$rate" -le 50000 ] || { echo "NACKS_PER_SECOND must be 1-50000" >&2; exit 2; }
[ "$seconds" -ge 1 ] && [ "$seconds" -le 60 ] || { echo "SECONDS must be 1-60" >&2; exit 2; }
./mvnw -q -o -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/app/target/bench.classpath" >/dev/null
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
exec java -cp "$cp" rock.intercom.app.bench.VideoPicturesBench "$snapshots" "$rate" "$seconds"
