#!/usr/bin/env bash
# API press -> INVITE on the wire (issue 12): how long an access-control server waits between
# POST /api/v1/devices/{id}/button and the door's INVITE reaching the SIP server, with an API
# bearer token (a SHA-256 look-up) and with HTTP Basic (a bcrypt check, cost 10). The door
# (DeviceRuntime, in the bench's JVM) registers over UDP on 127.0.0.1 to a minimal registrar that
# timestamps each INVITE as it reads it and answers 486 Busy Here; presses are 600 ms apart (past
# the 500 ms debounce); the first request of each kind is left out. Target: Bearer p50 <= 2 ms.
# Usage: bench/api-press.sh [PRESSES=50]
#
# Measured on 2026-12-06, 2 cores shared with four other engineers' builds (load average 4-5),
# 50 presses each:
#   auth             p50 ms   p90 ms   max ms   min ms
#   Bearer token       9.26    16.23    19.24     5.82
#   Basic (bcrypt)    77.43   113.59   131.92    66.69
# The token removes the bcrypt check (~70 ms). The 2 ms target is NOT met on this loaded machine:
# the device log shows SDP offer -> INVITE sent in 1-3 ms; most of the rest is the call thread
# appending the Dialing event (SQLite, synchronous=FULL: an fsync) before it runs SendInvite, as
# the call logic orders its commands. Sending the INVITE before the event's fsync is the next step
# (a change in call/OutgoingCall's command order, not in the portal).
set -euo pipefail
cd "$(dirname "$0")/.."
presses="${1:-50}"
./mvnw -q -o -B -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/app/target/bench.classpath" >/dev/null
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
work="$PWD/app/target/bench-api-press"
rm -rf "$work"
mkdir -p "$work"
# The device's own logging (app's logback.xml: INFO to stderr), as on a device, kept in a file;
# the table goes to stdout.
java -Dlogback.configurationFile="$PWD/app/src/main/resources/logback.xml" -cp "$cp" \
    rock.intercom.app.bench.ApiPressBench "$presses" "$work" 2>"$work/device.log"
