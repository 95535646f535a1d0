#!/usr/bin/env bash
# One thread hand-off on this machine (issue 12's floor under API press -> INVITE): a parked thread
# woken through a blocking queue after 600 ms idle (as a press finds the door) and back to back.
# The door's JVM flags (packaging/jvm.options). Usage: bench/hand-off.sh [HAND_OFFS=40]
#
# Measured on 2026-12-06 21:48, 2 cores shared with other builds (load average 2.1), docker guest,
# cpuidle driver haltpoll, 40 hand-offs each:
#   hand-off to a parked thread    p50 ms   p90 ms   min ms
#   after 600 ms idle               1.553    3.650    0.103
#   after 1 ms idle                 0.061    0.101    0.048
# and again at 21:58 (load average 1.3): 1.173 / 2.823 / 0.124 ms after 600 ms idle, 0.050 back to back.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -B -pl app -am test-compile >/dev/null
java @packaging/jvm.options -cp app/target/test-classes rock.intercom.app.bench.HandOffBench "${1:-40}"
