#!/usr/bin/env bash
# Portal processes on one PostgreSQL (issue 16): what each request's access check costs when the
# users, API tokens and sign-in throttle are read through from the database (no cache, so a change
# on one process counts on the next request to any) instead of the data dir's files / memory.
# A local PostgreSQL 15 (testkit's PostgresServer, Unix socket); per call p50/p99/max in µs.
# Usage: bench/portal-auth-db.sh [CALLS=2000]
#
# Measured on 2026-12-06, 2 cores shared with two other builds (load average 4.6-6.2), 2000 calls:
#   check (two runs)                    file/memory p50  p99      PostgreSQL p50  p99
#   session: user + stamp                      6-22 us   32-101          40-56 us  345-4403
#   bearer token                                1-2 us     5-13          20 us      90-2152
#   sign-in throttle check                      0-2 us      3-6          95-96 us  552-3398
# So read-through adds ~0.05-0.1 ms per request at p50 (a few ms at p99 on the loaded machine),
# small beside a page's render; a password check is still dominated by bcrypt (~70 ms at cost 10).
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-2000}"
./mvnw -q -o -B -pl fleet -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/fleet/target/bench.classpath" >/dev/null
cp="fleet/target/test-classes:fleet/target/classes:$(cat fleet/target/bench.classpath)"
uptime
java -Dlogback.configurationFile="$PWD/fleet/src/test/resources/logback-test.xml" -cp "$cp" \
    rock.intercom.fleet.central.SharedAuthBench "$calls"
