#!/usr/bin/env bash
# One H.264 640x480@15 video call (with PCMU audio) between the whole door device and a baresip desk
# (FFmpeg libx264 via avcodec, fakevideo) through Kamailio on loopback, both ends measured in the
# same run (issue 14): CPU of each process over a steady window, frames each decoded of the other's
# stream, and key-frame latency after a PLI (10 each way). Needs kamailio, baresip, baresip-ffmpeg
# and GStreamer (./run-tests installs them).
# Usage: bench/video-call.sh [SECONDS=20] [rtp|srtp]   (SECONDS 5-300)
#
# Why these choices: one call measured at both of its ends is the fairest comparison there is (same
# pictures size and rate, same network, same moment of machine load); the door's figure is its
# whole JVM (SIP stack, portal, audio and video), as on a device. The door's key-frame latency runs
# from the request (what its RTCP loop does on a PLI) to the key frame's first packet leaving;
# baresip's from our PLI leaving to its key frame's first packet arriving (loopback adds µs).
#
# Measured on 2026-12-06, 2 cores shared with other engineers' builds and tests, 20 s window:
#   plain RTP (load 4.2)  side     % of a core  fps decoded of peer  key frame after PLI ms p50/max
#                         door            11.0                 15.0                          65/66
#                         baresip          4.9                 15.0                          31/38
#   SRTP 80   (load 5.6)  door            13.7                 15.0                          63/94
#                         baresip          5.2                 15.0                          29/34
# Again after the camera's JPEG branch (a tee with a queue before x264enc) was added, load 8.6:
#   plain RTP                door            14.9                 14.9                          42/75
#                            baresip          5.6                 15.0                          30/65
# The door costs ~2-3x baresip's CPU: its figure holds the whole device JVM, a test pattern drawn
# with two text overlays every frame (baresip's fakevideo draws none) and a JPEG a second for
# snapshots. Its key frame after a PLI comes one frame interval later (66 ms at 15 fps: GStreamer
# applies the request to the next frame captured after it), baresip's half of one on average.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
security="${2:-rtp}"
case "$seconds" in ''|*[!0-9]*) echo "SECONDS must be a number" >&2; exit 2 ;; esac
[ "$seconds" -ge 5 ] && [ "$seconds" -le 300 ] || { echo "SECONDS must be 5-300" >&2; exit 2; }
[ -x /usr/bin/baresip ] || { echo "baresip is needed: apt-get install -y baresip baresip-ffmpeg" >&2; exit 1; }
# One reactor run, so the sibling modules resolve to their target/classes (nothing is installed in ~/.m2);
# every module writes the file in turn and app, built last, leaves its own class path in it.
./mvnw -q -o -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/app/target/bench.classpath" >/dev/null
cp="app/target/test-classes:app/target/classes:$(cat app/target/bench.classpath)"
work="$PWD/app/target/bench-video-call"
rm -rf "$work"
# Its own process group: on exit or interrupt, Kamailio and baresip go with it.
setsid java -cp "$cp" rock.intercom.app.bench.VideoCallBench "$seconds" "$security" "$work" &
bench=$!
trap 'kill -TERM -- -"$bench" 2>/dev/null || true' EXIT INT TERM
wait "$bench"
