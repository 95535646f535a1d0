#!/usr/bin/env bash
# Builds the Debian package of a door device: target/rock-intercom_<version>_<arch>.deb, carrying a
# Java runtime trimmed with jlink (the box needs no JDK), the device's jars (no demo), the launcher
# /usr/bin/rock-intercom, the systemd unit and its settings. Needs JDK 17 (jlink, jdeps) and dpkg-deb.
# Usage: packaging/build-deb.sh [--no-build]   (--no-build: use app/target as the last `package` left it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/packaging"
cd "$root"

if [ "${1:-}" != --no-build ]; then
  # copy-dependencies adds jars and never removes one: a dependency dropped since the last build would ship.
  rm -rf "$root/app/target/lib"
  ./mvnw -q -B -DskipTests -pl app -am package
fi
app="$root/app/target"
[ -f "$app/intercom-app.jar" ] || { echo "build-deb: $app/intercom-app.jar missing (run without --no-build)" >&2; exit 1; }

pom_version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)"
version="${pom_version/-SNAPSHOT/~snapshot}"   # ~ sorts before the release, as Debian wants
arch="$(dpkg --print-architecture)"
stage="$root/target/deb/rock-intercom_${version}_${arch}"
deb="$root/target/rock-intercom_${version}_${arch}.deb"
home="$stage/usr/lib/rock-intercom"
rm -rf "$stage" "$deb"
mkdir -p "$home/bin" "$home/lib" "$stage/usr/bin" "$stage/lib/systemd/system" "$stage/etc/rock-intercom" \
  "$stage/etc/default" "$stage/usr/share/doc/rock-intercom" "$stage/DEBIAN"

# The device's jars: app's runtime class path (it has no demo class, DeviceClassPathTest).
cp "$app/intercom-app.jar" "$app"/lib/*.jar "$home/lib/"
# Bouncy Castle's jar is signed: the JVM verified it when its first class loaded (~0.2 s of CPU),
# kept its 6,000-entry manifest on the heap (~3 MiB live) and CDS cannot archive a signed jar's
# classes. The device calls one class of it (bcrypt, PasswordHashes), never as a JCE provider (the
# only use a signature matters to), so it ships unsigned, with a manifest of what the JVM reads.
for jar in "$home"/lib/bcprov-*.jar; do
  unsigned="$(mktemp -d)"
  (cd "$unsigned" && jar xf "$jar" && rm -f META-INF/MANIFEST.MF META-INF/*.SF META-INF/*.RSA META-INF/*.DSA META-INF/*.EC)
  printf 'Manifest-Version: 1.0\nMulti-Release: true\nCreated-By: rock-intercom build-deb.sh (unsigned copy of %s)\n' \
    "$(basename "$jar")" > "$unsigned.mf"
  rm "$jar"
  jar --create --file "$jar" --manifest "$unsigned.mf" -C "$unsigned" .
  rm -rf "$unsigned" "$unsigned.mf"
done
# A fixed class path order (a wildcard's order is the directory's): the CDS archive is only mapped
# under the class path it was dumped with.
(cd "$home/lib" && { echo intercom-app.jar; ls -1 *.jar | grep -vx intercom-app.jar | LC_ALL=C sort; }) > "$home/lib/classpath"

# The runtime: the modules jdeps finds in the jars, plus those only reached through a service
# loader or JNDI name, which jdeps cannot see: jdk.naming.dns (SRV lookups, RFC 3263),
# jdk.crypto.ec (ECDHE/ECDSA for SIP over TLS), jdk.unsupported (sun.misc.Unsafe, used reflectively).
modules="$(jdeps -q --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "$home/lib/*" "$home"/lib/*.jar 2>/dev/null | tail -1)"
modules="$modules,jdk.naming.dns,jdk.crypto.ec,jdk.unsupported"
# java.desktop is there for javax.sound (ALSA through libjsound); its X11, font and image
# libraries are never loaded by a headless door and would drag X11 and FreeType into Depends.
jlink --add-modules "$modules" --output "$home/runtime" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive \
  --exclude-files='**/libawt_xawt.so,**/libsplashscreen.so,**/libfontmanager.so,**/libjawt.so,**/liblcms.so,**/libjavajpeg.so,**/libmlib_image.so,**/classes_nocoops.jsa'
rm -f "$home/runtime/lib/server/classes_nocoops.jsa"   # only for heaps over 32 GiB
echo "$modules" > "$home/runtime/modules.txt"

install -m 0755 "$here/intercom" "$here/service" "$here/make-cds" "$home/bin/"
install -m 0644 "$here/jvm.options" "$home/lib/"
ln -s ../lib/rock-intercom/bin/intercom "$stage/usr/bin/rock-intercom"
install -m 0644 "$here/rock-intercom.service" "$stage/lib/systemd/system/"
install -m 0640 "$here/device.yaml" "$stage/etc/rock-intercom/device.yaml"
install -m 0600 "$here/rock-intercom.default" "$stage/etc/default/rock-intercom"
install -m 0644 README.md "$stage/usr/share/doc/rock-intercom/"
install -m 0644 "$here"/debian/conffiles "$stage/DEBIAN/"
install -m 0755 "$here"/debian/postinst "$here"/debian/prerm "$here"/debian/postrm "$stage/DEBIAN/"

# Class-data sharing: the classes one training run of the staged device loads (lib/classes.lst);
# postinst dumps the archive from them (bin/make-cds) under the installed class path.
"$here/train-cds.sh" "$home"

# Depends: the Debian packages of the shared libraries the runtime links against.
depends="$(find "$home/runtime" -name '*.so' -exec ldd {} + 2>/dev/null | awk '/=> \//{print $3}' | sort -u |
  while read -r lib; do dpkg -S "$(readlink -f "$lib")" 2>/dev/null || dpkg -S "$lib" 2>/dev/null || true; done |
  cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')"
size="$(du -sk "$stage" --exclude=DEBIAN | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: rock-intercom
Version: $version
Architecture: $arch
Maintainer: Rock Intercom <intercom@rock.invalid>
Section: net
Priority: optional
Installed-Size: $size
Depends: ${depends}${depends:+, }passwd, init-system-helpers
Description: SIP door intercom (door device)
 Rock Intercom's door device: registers with a SIP server, calls the guard desk
 when the button is pressed, releases the door by DTMF code, keeps security
 events, and serves an Admin Portal and HTTP API. Carries its own trimmed Java
 runtime; runs as the rock-intercom systemd service.
CONTROL
dpkg-deb --root-owner-group -Zxz -z1 --build "$stage" "$deb" >/dev/null
echo "$deb"
