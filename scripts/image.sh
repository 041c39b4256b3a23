#!/usr/bin/env bash
# Builds Berth's container image, FROM scratch: no base image from a registry is needed (none is reachable here).
# Usage: scripts/image.sh [--name REPOSITORY]      (default berth: tags berth:local and berth:VERSION, VERSION from pom.xml)
#
# The image holds:
#   - a root filesystem of a few Debian packages (the libraries a JVM links: libc6, libgcc-s1, libstdc++6, zlib1g;
#     busybox-static for the HEALTHCHECK's wget), fetched with `apt-get download` at the versions this machine has
#     installed and unpacked with `dpkg-deb -x`;
#   - a jlink runtime of the Java modules the jar's libraries need (listed below), with the JDK's CDS archive;
#   - the Berth jar (the launcher's build: `mvn package` without tests) and deploy/berth.yml as /etc/berth/berth.yml;
#   - a class-data archive of the jar, trained while the image is built (io.berth.app.StartupTraining: CLI calls,
#     then serve on a loopback port with a throw-away login, so the server's classes are in it too).
# It runs as uid/gid 10001 (no root entrypoint); /data is the only directory it writes (see docs/container.md).
#
# The root filesystem and runtime are slow to make (downloads, jlink) and change rarely: they are kept outside the
# clone under ${BERTH_IMAGE_CACHE:-~/.cache/berth/image}/<sha256 of their inputs>/ and rebuilt whenever missing.
# Their inputs: the package versions, the JDK build, the module list and the code that makes them (make_rootfs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name=berth
while (($#)); do
  case "$1" in
    --name) name="${2:?--name needs a repository name}"; shift 2 ;;
    -h|--help) sed -n '2,3p' "$0" | cut -c3-; exit 0 ;;
    *) echo "image: unknown argument '$1' (usage: scripts/image.sh [--name REPOSITORY])" >&2; exit 2 ;;
  esac
done
step() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] ERROR: %s\n' "$*" >&2; exit 1; }

# the project's version: the first <version> of the parent POM is its own (the parent has no parent)
version=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' "$here/pom.xml" | head -n 1)
[[ $version =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "no usable <version> in pom.xml (found '$version')"
[[ $name =~ ^[a-z0-9]+([._/-][a-z0-9]+)*$ ]] || die "'$name' is not a repository name docker accepts (lower case)"

command -v docker >/dev/null || die "docker not found (apt-get install docker.io)"
command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || die "needs Debian's apt-get and dpkg-deb"
java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
[[ -x $java_home/bin/jlink && -f $java_home/jmods/java.base.jmod ]] \
  || die "no jlink/jmods in $java_home (apt-get install openjdk-17-jdk-headless)"

# 1. the jar, built as the launcher builds it (every module of this checkout, no tests)
jar="$here/app/target/berth.jar"
mkdir -p "$here/target"
step "building $jar (log: target/image-build.log)"
(cd "$here" && mvn -B -Dstyle.color=never -Dmaven.test.skip=true package >"$here/target/image-build.log" 2>&1) || {
  grep -E '^\[ERROR\]' "$here/target/image-build.log" | head -n 30 >&2; die "build failed; see target/image-build.log"; }

# 2. the modules it needs, by library (what each one uses): java.sql (sqlite-jdbc, pgjdbc), java.naming and
#    java.security.jgss/sasl (pgjdbc, logback), java.net.http, java.xml, java.logging, java.management and
#    jdk.management (Jetty, logback, JDA), java.desktop (java.beans: Jackson, SnakeYAML), jdk.unsupported (Netty,
#    Jackson), jdk.crypto.ec (TLS to Slack/Discord), jdk.naming.dns, jdk.zipfs, java.transaction.xa (java.sql).
#    Not jdeps' answer: over the 63 MB shaded jar it ran for over 14 minutes on this machine without one, and
#    `--print-module-deps` answered only java.base. ImageIT proves this set serves, signs in and runs commands.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss
modules+=,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.management,jdk.naming.dns
modules+=,jdk.unsupported,jdk.zipfs

# 3. the root filesystem, cached by its inputs
packages=(libc6 libgcc-s1 libstdc++6 zlib1g busybox-static)
pinned=()
for p in "${packages[@]}"; do
  v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) || die "package $p is not installed (apt-get install $p)"
  pinned+=("$p=$v")
done
# Makes the root filesystem in $work/rootfs. Its own text is part of the cache key: changing it makes a new one.
make_rootfs() {
  mkdir -p "$work/debs" "$work/rootfs"
  (cd "$work/debs" && apt-get download "${pinned[@]}" >/dev/null 2>"$work/apt.log") \
    || die "apt-get download failed ($(tail -n 1 "$work/apt.log")); as root, run apt-get update and retry"
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/rootfs"; done
  r="$work/rootfs"
  # keep what a JVM loads; documentation, locales, charset converters and package scripts are not
  rm -rf "$r/usr/share" "$r/usr/lib/x86_64-linux-gnu/gconv" "$r/usr/libexec" "$r/etc" "$r/sbin" "$r/usr/sbin" \
         "$r/usr/lib/x86_64-linux-gnu/audit"
  find "$r" -name '*.py' -delete
  mkdir -p "$r/opt/berth" "$r/etc" "$r/tmp" "$r/data"
  # the HEALTHCHECK's wget: busybox without applet links, so there is no shell on PATH
  mv "$r/bin/busybox" "$work/busybox" && rm -rf "$r/bin" && mkdir -p "$r/bin" && mv "$work/busybox" "$r/bin/busybox"
  "$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
    --generate-cds-archive --output "$r/opt/berth/java" >/dev/null
  # Debian's JDK keeps its security files in /etc (links); the image gets the files themselves
  for f in "$r"/opt/berth/java/lib/security/* "$r"/opt/berth/java/conf/security/java.security; do
    if [[ -L $f ]]; then t=$(readlink -f "$f"); rm -f "$f"; [[ -f $t ]] && cp "$t" "$f"; fi
  done
  [[ -s $r/opt/berth/java/lib/security/cacerts ]] || cp /etc/ssl/certs/java/cacerts "$r/opt/berth/java/lib/security/cacerts"
  printf 'root:x:0:0:root:/root:/nonexistent\nberth:x:10001:10001:Berth:/data:/nonexistent\n' >"$r/etc/passwd"
  printf 'root:x:0:\nberth:x:10001:\n' >"$r/etc/group"
  printf 'hosts: files dns\n' >"$r/etc/nsswitch.conf"
}
key=$( { printf '%s\n' "${pinned[@]}" "$modules"; cat "$java_home/release"; java -version 2>&1; declare -f make_rootfs;
         sha256sum /etc/ssl/certs/java/cacerts 2>/dev/null; } | sha256sum | cut -c1-16)
cache="${BERTH_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth/image}"
rootfs="$cache/$key/rootfs"
mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9   # two builds at once: the second waits and finds the root filesystem made
if [[ -d $rootfs ]]; then
  step "root filesystem cached: $rootfs"
else
  step "making the root filesystem (${pinned[*]}; modules $modules) into $rootfs"
  work=$(mktemp -d "$cache/.make-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  make_rootfs
  mkdir -p "$cache/$key"
  mv "$work/rootfs" "$rootfs"
  rm -rf "$work"
  trap - EXIT
  # older roots (other inputs) are dropped: only one is ever used
  for old in "$cache"/*/; do [[ ${old%/} != "$cache/$key" ]] && rm -rf "$old"; done
fi

# 4. the image
ctx=$(mktemp -d "$here/target/image-context-XXXXXX")
trap 'rm -rf "$ctx"' EXIT
cp -al "$rootfs" "$ctx/rootfs" 2>/dev/null || cp -a "$rootfs" "$ctx/rootfs"
cp "$jar" "$ctx/berth.jar"
cp "$here/deploy/berth.yml" "$ctx/berth.yml"
flock -u 9
# JVM settings for a long-running, mostly idle service (docs/benchmarks.md, "Container image"): the serial
# collector and a heap that gives memory back keep idle RSS low; C1 only starts faster and compiles less;
# no perf data file (it would want a writable /tmp). The training run uses the same flags as the server,
# so the archive it writes is the one the server maps.
jvm=(-XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xms16m -Xmx256m -Xss512k
     -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:-UsePerfData -Djava.io.tmpdir=/tmp
     -XX:SharedArchiveFile=/opt/berth/berth.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
json() { local out="" a; for a in "$@"; do out+="${out:+, }\"$a\""; done; printf '[%s]' "$out"; }
java=/opt/berth/java/bin/java
# (the HEALTHCHECK's wget has no -T: Debian's static busybox 1.35 crashes with it; Docker's --timeout bounds it)
cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
COPY --chown=0:0 rootfs/ /
COPY --chown=0:0 berth.jar /opt/berth/berth.jar
COPY --chown=0:0 berth.yml /etc/berth/berth.yml
RUN ["/bin/busybox", "chown", "10001:10001", "/data"]
RUN ["/bin/busybox", "chmod", "1777", "/tmp"]
RUN $(json "$java" "${jvm[@]/#-XX:SharedArchiveFile=*/-XX:ArchiveClassesAtExit=/opt/berth/berth.jsa}" \
        -cp /opt/berth/berth.jar io.berth.app.StartupTraining --serve)
ENV BERTH_CONFIG=/etc/berth/berth.yml LANG=C.UTF-8
WORKDIR /data
VOLUME /data
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \\
  CMD ["/bin/busybox", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
LABEL org.opencontainers.image.title=berth org.opencontainers.image.version=$version \\
      org.opencontainers.image.revision=$(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)
ENTRYPOINT $(json "$java" "${jvm[@]}" -jar /opt/berth/berth.jar)
CMD ["serve"]
DOCKERFILE
step "building $name:local and $name:$version"
DOCKER_BUILDKIT=0 docker build -q -t "$name:local" -t "$name:$version" "$ctx" >"$here/target/image-docker.log" 2>&1 || {
  tail -n 20 "$here/target/image-docker.log" >&2; die "docker build failed; see target/image-docker.log"; }
size=$(docker image inspect --format '{{.Size}}' "$name:local")
step "built $name:local and $name:$version ($((size / 1000000)) MB)"
