#!/usr/bin/env bash
# JMH benchmark of the media send path (G.711 encode + RTP + SRTP protect per 20 ms packet).
# Usage: bench/media-send-path.sh [extra JMH args, e.g. -p security=RTP]
# Builds the media module with -Pbench (JMH is not part of the normal build) and runs JMH in a fork.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -B -pl media -am -Pbench -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/media/target/bench.cp" >/dev/null
CP="media/target/test-classes:media/target/classes:$(cat media/target/bench.cp)"
exec java -cp "$CP" org.openjdk.jmh.Main 'rock.intercom.media.bench.SendPathBenchmark' -rf text -rff media/target/jmh-send-path.txt "$@"
