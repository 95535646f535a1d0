#!/usr/bin/env bash
# The floor under "CPU per call" (issue 15): what one 20 ms wake of a media thread costs on this
# machine, in Java (the door's JVM flags, packaging/jvm.options) and in C (as baresip's loops are
# written), idle and with one loopback datagram sent per wake, 500 wakes each, CPU time from the
# kernel's per-thread run time. The door's sender, playout and media timer wake every 20-100 ms;
# bench/media-call.sh measures the whole call. Needs gcc.
# Usage: bench/wake-cost.sh [ROUNDS=2]
#
# Measured on 2026-12-07, us CPU per wake (2 cores):
#   01:30, load 0.3-1.5:        java idle 60-72, send 127-214 (spread between runs);  c idle 31, send 59
#   02:22, a CI run beside it:  java idle 39,    send 75;                             c idle 22, send 39
#   02:53, load 0.4-0.9, 2 rounds: java idle 48 / 52, send 97 / 127;                  c idle 27 / 28, send 47 / 49
# So a Java thread's bare timed wake costs twice C's here and its datagram send two to three times:
# the door's ~220 us per sent frame (its rtp-send thread, SRTP, over 10 s of a call) against
# baresip's ~190 us for its whole process is mostly this, not the media code.
set -euo pipefail
cd "$(dirname "$0")/wake-cost"
rounds="${1:-2}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/wake-cost" wake-cost.c -lpthread
for _ in $(seq "$rounds"); do
  for mode in idle send; do
    java @../../packaging/jvm.options WakeCost.java "$mode"
    "$out/wake-cost" "$mode"
  done
done
