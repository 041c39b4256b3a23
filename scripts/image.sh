#!/usr/bin/env bash
# Builds a container image FROM scratch: no base image from a registry is needed (none is reachable here).
# Usage: scripts/image.sh [berth|postgres] [--name REPOSITORY]
#   berth (default)  Berth: tags berth:local and berth:VERSION (VERSION from pom.xml)
#   postgres         the stack's database, PostgreSQL 15: tags berth-postgres:local and berth-postgres:PGVERSION
#
# Both are a root filesystem of Debian packages, fetched with `apt-get download` at the versions this machine has
# installed and unpacked with `dpkg-deb -x` (the machinery below is shared: pin, unpack_packages, cached_rootfs,
# build_image), plus what the image adds on top.
#
# The berth image holds:
#   - the libraries a JVM links: libc6, libgcc-s1, libstdc++6, zlib1g; busybox-static for the HEALTHCHECK's wget;
#   - a jlink runtime of the Java modules the jar's libraries need (listed below), with the JDK's CDS archive;
#   - the Berth jar (the launcher's build: `mvn package` without tests) and deploy/berth.yml as /etc/berth/berth.yml;
#   - a class-data archive of the jar, trained while the image is built (io.berth.app.StartupTraining: CLI calls,
#     then serve on a loopback port with a throw-away login, so the server's classes are in it too).
# It runs as uid/gid 10001 (no root entrypoint); /data is the only directory it writes (see docs/container.md).
#
# The postgres image holds Debian's postgresql-15 (server, initdb) and pg_isready (postgresql-client-15), the
# packages of the libraries those binaries link (found with ldd on this machine's installed copies, the packages
# with dpkg -S), busybox-static for its start script (deploy/postgres/start.sh: initdb on the
# first start into the volume, the password from POSTGRES_PASSWORD_FILE or POSTGRES_PASSWORD) and no JIT (LLVM is
# not linked). It runs as postgres, uid/gid 10002, never root; its data is /var/lib/postgresql/data (a volume).
#
# Root filesystems are slow to make (downloads, jlink) and change rarely: they are kept outside the clone under
# ${BERTH_IMAGE_CACHE:-~/.cache/berth/image}/<sha256 of their inputs>/ (postgres: the same directory's name with
# -postgres appended) and rebuilt whenever missing. Their inputs: the package versions, the code that makes them
# (and for berth the JDK build and the module list).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kind=berth
name=
case "${1:-}" in berth|postgres) kind=$1; shift ;; esac
while (($#)); do
  case "$1" in
    --name) name="${2:?--name needs a repository name}"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0" | cut -c3-; exit 0 ;;
    *) echo "image: unknown argument '$1' (usage: scripts/image.sh [berth|postgres] [--name REPOSITORY])" >&2; exit 2 ;;
  esac
done
[[ -n $name ]] || name=$([[ $kind == berth ]] && echo berth || echo berth-postgres)
step() { printf '[image] %s\n' "$*" >&2; }
die() { printf '[image] ERROR: %s\n' "$*" >&2; exit 1; }
[[ $name =~ ^[a-z0-9]+([._/-][a-z0-9]+)*$ ]] || die "'$name' is not a repository name docker accepts (lower case)"
command -v docker >/dev/null || die "docker not found (apt-get install docker.io)"
command -v dpkg-deb >/dev/null && command -v apt-get >/dev/null || die "needs Debian's apt-get and dpkg-deb"
mkdir -p "$here/target"

# --- shared machinery: packages -> cached root filesystem -> image ----------------------------------------------
pinned=()
# pin PACKAGE...: the versions installed here, so the image has what this machine runs (and the cache key moves
# when an upgrade changes them). A version the archive no longer offers (superseded by a security update) cannot be
# fetched: then the archive's newest of that package, said so. One dpkg-query and one apt-cache call for all (each
# loads its whole cache: seconds on a busy machine).
pin() {
  local p v offered installed
  installed=$(dpkg-query -W -f='${Package} ${Version}\n' "$@" 2>/dev/null) || true
  offered=$(apt-cache madison "$@" 2>/dev/null | awk -F' *[|] *' '{gsub(/^ +/, "", $1); print $1, $2}') || true
  for p in "$@"; do
    v=$(awk -v p="$p" '$1 == p {print $2; exit}' <<<"$installed")
    [[ -n $v ]] || die "package $p is not installed (apt-get install $p)"
    if ! grep -qxF "$p $v" <<<"$offered"; then
      local newest
      newest=$(awk -v p="$p" '$1 == p {print $2; exit}' <<<"$offered")
      [[ -n $newest ]] || die "package $p: the archive offers no version (as root, run apt-get update and retry)"
      step "$p $v (installed) is no longer in the archive: using $newest"
      v=$newest
    fi
    pinned+=("$p=$v")
  done
}
# unpack_packages DIR: the pinned packages' files in DIR (their scripts are not run)
unpack_packages() {
  mkdir -p "$work/debs" "$1"
  (cd "$work/debs" && apt-get download "${pinned[@]}" >/dev/null 2>"$work/apt.log") \
    || die "apt-get download failed ($(tail -n 1 "$work/apt.log")); as root, run apt-get update and retry"
  local deb
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$1"; done
}
# cached_rootfs MAKE [KEY TEXT]: sets $rootfs to the root filesystem MAKE writes into $work/rootfs, made only when
# its cache entry is missing. The key covers the pinned packages, MAKE's and the shared functions' own text and
# KEY TEXT. Returns holding the cache's lock (fd 9): the caller copies the root, then `flock -u 9`.
cached_rootfs() {
  local make=$1 extra=${2:-} key cache
  key=$( { printf '%s\n' "${pinned[@]}" "$extra"; declare -f "$make" unpack_packages; } | sha256sum | cut -c1-16)
  cache="${BERTH_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/berth/image}"
  [[ $kind == berth ]] || cache="$cache-$kind"
  rootfs="$cache/$key/rootfs"
  mkdir -p "$cache"
  exec 9>"$cache/.lock"
  flock 9   # two builds at once: the second waits and finds the root filesystem made
  if [[ -d $rootfs ]]; then
    step "root filesystem cached: $rootfs"
    return
  fi
  step "making the root filesystem (${pinned[*]}) into $rootfs"
  work=$(mktemp -d "$cache/.make-XXXXXX")
  trap 'rm -rf "$work"' EXIT
  "$make"
  mkdir -p "$cache/$key"
  mv "$work/rootfs" "$rootfs"
  rm -rf "$work"
  trap - EXIT
  # older roots (other inputs) are dropped: only one is ever used
  local old
  for old in "$cache"/*/; do
    if [[ ${old%/} != "$cache/$key" ]]; then rm -rf "$old"; fi
  done
}
# context: a build context holding a copy of $rootfs (hard links when the cache is on the same filesystem)
context() {
  ctx=$(mktemp -d "$here/target/image-context-XXXXXX")
  trap 'rm -rf "$ctx"' EXIT
  cp -al "$rootfs" "$ctx/rootfs" 2>/dev/null || cp -a "$rootfs" "$ctx/rootfs"
}
# build_image TAG...: docker build of $ctx (its Dockerfile written by the caller), tagged $name:TAG each
build_image() {
  local tags=() t size
  for t in "$@"; do tags+=(-t "$name:$t"); done
  step "building $(printf "$name:%s " "$@")"
  DOCKER_BUILDKIT=0 docker build -q "${tags[@]}" "$ctx" >"$here/target/image-docker.log" 2>&1 || {
    tail -n 20 "$here/target/image-docker.log" >&2; die "docker build failed; see target/image-docker.log"; }
  size=$(docker image inspect --format '{{.Size}}' "$name:$1")
  step "built $name:$1 ($((size / 1000000)) MB)"
}
json() { local out="" a; for a in "$@"; do out+="${out:+, }\"$a\""; done; printf '[%s]' "$out"; }
label() { # the OCI labels every image carries
  printf 'LABEL org.opencontainers.image.title=%s org.opencontainers.image.version=%s org.opencontainers.image.revision=%s\n' \
    "$1" "$2" "$(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)"
}

# --- berth ---------------------------------------------------------------------------------------------------
berth_image() {
  # the project's version: the first <version> of the parent POM is its own (the parent has no parent)
  version=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' "$here/pom.xml" | head -n 1)
  [[ $version =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "no usable <version> in pom.xml (found '$version')"
  java_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
  [[ -x $java_home/bin/jlink && -f $java_home/jmods/java.base.jmod ]] \
    || die "no jlink/jmods in $java_home (apt-get install openjdk-17-jdk-headless)"

  # 1. the jar, built as the launcher builds it (every module of this checkout, no tests)
  jar="$here/app/target/berth.jar"
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
  pin libc6 libgcc-s1 libstdc++6 zlib1g busybox-static
  cached_rootfs make_berth_rootfs "$modules
$(cat "$java_home/release"; java -version 2>&1; sha256sum /etc/ssl/certs/java/cacerts 2>/dev/null)"

  # 4. the image
  context
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
$(label berth "$version")
ENTRYPOINT $(json "$java" "${jvm[@]}" -jar /opt/berth/berth.jar)
CMD ["serve"]
DOCKERFILE
  build_image local "$version"
}
# Makes Berth's root filesystem in $work/rootfs. Its own text is part of the cache key: changing it makes a new one.
make_berth_rootfs() {
  r="$work/rootfs"
  unpack_packages "$r"
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

# --- postgres ------------------------------------------------------------------------------------------------
pg=/usr/lib/postgresql/15
pg_binaries=(postgres initdb pg_isready)       # the server, first-start set-up, the HEALTHCHECK
postgres_image() {
  [[ -x $pg/bin/postgres && -x $pg/bin/pg_isready ]] \
    || die "no PostgreSQL 15 in $pg (apt-get install postgresql-15 postgresql-client-15)"
  pin postgresql-15 postgresql-client-15 busybox-static
  # the packages of the libraries the binaries (and the modules every database loads) link, as installed here
  local libs libpkgs=()
  mapfile -t libs < <(ldd "${pg_binaries[@]/#/$pg/bin/}" "$pg/lib/plpgsql.so" "$pg/lib/dict_snowball.so" \
           | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u)
  # dpkg knows a library under the path its package installed (/lib or /usr/lib: merged /usr links them)
  mapfile -t libpkgs < <( { dpkg -S "${libs[@]}" "${libs[@]/#\/lib\//\/usr\/lib\/}" "${libs[@]/#\/usr\/lib\//\/lib\/}" \
      "${libs[@]/#\/lib64\//\/lib\/x86_64-linux-gnu\/}" 2>/dev/null || true; } | sed -n 's/^\([^:, ]*\)\(:[a-z0-9]*\)\{0,1\}: .*/\1/p')
  mapfile -t libpkgs < <(printf '%s\n' "${libpkgs[@]}" | sort -u)
  pin "${libpkgs[@]}"
  pg_version=$(dpkg-query -W -f='${Version}' postgresql-15); pg_version=${pg_version%%-*}
  [[ $pg_version =~ ^[0-9]+(\.[0-9]+)*$ ]] || die "unexpected postgresql-15 version '$pg_version'"
  cached_rootfs make_postgres_rootfs "${pg_binaries[*]}"
  context
  cp "$here/deploy/postgres/start.sh" "$ctx/start.sh"
  flock -u 9
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
COPY --chown=0:0 rootfs/ /
COPY --chown=0:0 start.sh /usr/local/lib/berth-postgres/start.sh
RUN ["/bin/busybox", "chown", "10002:10002", "/var/lib/postgresql", "/var/lib/postgresql/data", "/var/run/postgresql"]
RUN ["/bin/busybox", "chmod", "0700", "/var/lib/postgresql/data"]
RUN ["/bin/busybox", "chmod", "1777", "/tmp"]
ENV PATH=$pg/bin PGDATA=/var/lib/postgresql/data TZ=GMT LANG=C
VOLUME /var/lib/postgresql/data
USER 10002:10002
EXPOSE 5432
STOPSIGNAL SIGINT
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["pg_isready", "-q", "-h", "127.0.0.1"]
$(label berth-postgres "$pg_version")
ENTRYPOINT ["/bin/sh", "/usr/local/lib/berth-postgres/start.sh"]
DOCKERFILE
  build_image local "$pg_version"
}
# Makes PostgreSQL's root filesystem in $work/rootfs. Its own text is part of the cache key.
make_postgres_rootfs() {
  r="$work/rootfs"
  unpack_packages "$r"
  # the server, initdb and pg_isready; their share/ (catalog templates, timezone abbreviations, snowball stop
  # words) and loadable modules, without the JIT (LLVM is not in the image) and its bitcode
  find "$r$pg/bin" -mindepth 1 $(printf -- '-not -name %s ' "${pg_binaries[@]}") -delete
  rm -rf "$r$pg/lib/bitcode" "$r$pg/lib/llvmjit"* "$r/usr/bin" "$r/usr/sbin" "$r/sbin" "$r/etc" "$r/usr/libexec" \
         "$r/usr/lib/x86_64-linux-gnu/gconv" "$r/usr/lib/python3" "$r/usr/share/postgresql/15/man"
  # no zone files: the server's time zone is GMT, which PostgreSQL knows without them (tzdata is 30 MB); docs,
  # locales and the like go
  mv "$r/usr/share/postgresql" "$work/postgresql"
  rm -rf "$r/usr/share"
  mkdir -p "$r/usr/share"
  mv "$work/postgresql" "$r/usr/share/postgresql"
  # busybox with one applet link, /bin/sh: the start script's shell, and initdb's popen() (it runs `postgres -V`
  # through /bin/sh); its other applets run only from inside that shell
  mv "$r/bin/busybox" "$work/busybox" && rm -rf "$r/bin" && mkdir -p "$r/bin" && mv "$work/busybox" "$r/bin/busybox"
  ln -s busybox "$r/bin/sh"
  mkdir -p "$r/etc" "$r/tmp" "$r/var/lib/postgresql/data" "$r/var/run/postgresql"
  printf 'root:x:0:0:root:/root:/nonexistent\npostgres:x:10002:10002:PostgreSQL:/var/lib/postgresql:/nonexistent\n' >"$r/etc/passwd"
  printf 'root:x:0:\npostgres:x:10002:\n' >"$r/etc/group"
  printf 'hosts: files dns\n' >"$r/etc/nsswitch.conf"
}

"${kind}_image"
