#!/usr/bin/env bash
# Package time: one training run of the staged device (start, REGISTER over UDP answered with a
# challenge and then 200 OK by TrainingRegistrar.java, the HTTP API, a button press that builds an
# INVITE and binds RTP) writes the classes it loaded to lib/classes.lst. The archive itself is
# dumped on the box (bin/make-cds, from postinst), because JDK 17 maps an archive only under the
# exact class path it was dumped with.
# Usage: packaging/train-cds.sh STAGED_HOME   (…/usr/lib/rock-intercom of the staging tree)
set -euo pipefail
home="$1"
work="$(mktemp -d)"
pid=""
registrar=""
trap 'kill $pid $registrar 2>/dev/null || true; rm -rf "$work"' EXIT
# A registrar that challenges, then accepts: a real server's exchange is in the training too.
java "$(dirname "${BASH_SOURCE[0]}")/TrainingRegistrar.java" "$work/registrar.port" &
registrar=$!
for _ in $(seq 1 300); do
  [ -s "$work/registrar.port" ] && break
  kill -0 "$registrar" 2>/dev/null || { echo "train-cds: the training registrar did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/registrar.port" ] || { echo "train-cds: no training registrar after 30 s" >&2; exit 1; }
cat > "$work/device.yaml" <<YAML
device: { id: training, name: Training }
sip:
  enabled: true
  server: { address: 127.0.0.1, port: $(cat "$work/registrar.port"), transport: UDP, pollingIntervalSeconds: 30, caCertificatePem: null }
  encryption: RTP_OPTIONAL_SRTP
  identity: { authUsername: "505", authPassword: "training", displayName: Training, extension: "505" }
  callNumber: "400"
  fallbackNumbers: []
  callOptions: { microphoneVolume: 80, speakerVolume: 70, callTimeoutSeconds: 35, videoCalls: OFF }
  incomingCalls: { allow: true, mode: EXTENSION_LIST, allowedCallers: [] }
  proxy: { enabled: false, address: null, port: 5060, authUsername: null, authPassword: null }
YAML
password="training-$RANDOM$RANDOM"
: > "$work/out" # made here: the loop below may read it before the device's shell has opened it
INTERCOM_ADMIN_PASSWORD="$password" INTERCOM_JAVA_OPTS="-XX:DumpLoadedClassList=$work/classes.lst -Xshare:off" \
  INTERCOM_CDS=none "$home/bin/intercom" device --config "$work/device.yaml" --data-dir "$work/data" \
  --http-host 127.0.0.1 --http-port 0 --sip-port 0 --microphone tone:1000 --speaker none > "$work/out" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -n 's|.*API http://127.0.0.1:\([0-9]*\)/api/v1.*|\1|p' "$work/out")"
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; echo "train-cds: the device did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/out" >&2; echo "train-cds: no HTTP port after 30 s" >&2; exit 1; }
auth="$(printf 'admin:%s' "$password" | base64 -w0)"
http() {  # METHOD PATH: one request over bash's /dev/tcp (curl is not on every build box)
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' \
    "$1" "$2" "$auth" >&3
  head -1 <&3 || true
  exec 3<&-
}
http GET /api/v1/devices/training/status >/dev/null
http POST /api/v1/devices/training/button >/dev/null
sleep 1
http POST /api/v1/devices/training/button >/dev/null
http GET / >/dev/null
sleep 0.5
kill -TERM "$pid"
wait "$pid" || true
# The @ lines (lambda proxies and the lambda forms they use) are archived too: without them a start
# spun ~600 lambda classes and ~270 lambda forms at run time (~40 ms to the REGISTER, ~2 MiB private).
# Not the lambdas naming picocli: its class files are Java 5's, and CDS leaves out an old class once
# resolving a lambda linked it at dump time (all of picocli then loads from the jar).
grep -v '^@lambda-proxy.*picocli/' "$work/classes.lst" > "$home/lib/classes.lst"
echo "train-cds: $(grep -vc '^@' "$home/lib/classes.lst") classes, $(grep -c '^@' "$home/lib/classes.lst") lambda lines" >&2
