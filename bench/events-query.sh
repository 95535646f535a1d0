#!/usr/bin/env bash
# Query latency of the SQLite security event store over 1,000,000 events (issue 2).
# Usage: bench/events-query.sh [DATA_DIR] [COUNT]   (defaults: events/target/bench-events 1000000)
# The first run fills the file (about a minute); later runs with the same COUNT reuse it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
data_dir="${1:-$root/events/target/bench-events}"
count="${2:-1000000}"
./mvnw -q -o -B -pl events -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$root/events/target/bench.classpath"
exec java -cp "$root/events/target/test-classes:$root/events/target/classes:$(cat "$root/events/target/bench.classpath")" \
    rock.intercom.events.EventQueryBenchmark "$data_dir" "$count"
