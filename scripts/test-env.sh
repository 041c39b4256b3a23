#!/usr/bin/env bash
# Berth's test environment: a Docker engine, a registry on 127.0.0.1:5000, the test images and PostgreSQL's binaries.
# Idempotent; run as root on a fresh Debian 12 machine or where everything already runs.
# Nothing is pulled from the internet: images are built FROM scratch with Debian's busybox-static.
set -euo pipefail

REGISTRY=127.0.0.1:5000
BUSYBOX_IMAGE=berth-test/busybox:latest
HELLO_IMAGE=localhost:5000/hello-world:latest
STATE_DIR=${BERTH_TEST_STATE:-/tmp/berth-test-env}
mkdir -p "$STATE_DIR"

step() { printf '[test-env] %s\n' "$*"; }
die() { printf '[test-env] ERROR: %s\n' "$*" >&2; exit 1; }

# 1. Debian packages (apt-get update only when something is missing)
# postgresql: the server binaries only; tests start throw-away clusters of their own (initdb in a temp dir,
# own port, run as the package's postgres user) and never touch a system-wide cluster
# openssh-server: sshd's binary only, for the fleet harness (scripts/fleet.sh): it runs its own sshd inside a network
# namespace with generated keys; no system-wide sshd is started (images like this one have a policy-rc.d that stops
# apt from starting services; elsewhere disable the ssh service if you do not want it)
packages=(docker.io busybox-static docker-registry chromium chromium-driver sqlite3 postgresql openssh-server)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  [[ $(id -u) -eq 0 ]] || die "missing packages (${missing[*]}) and not root: install them or re-run as root"
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  step "packages present: ${packages[*]}"
fi

# 2. Docker engine
if docker info >/dev/null 2>&1; then
  step "docker engine answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
else
  [[ $(id -u) -eq 0 ]] || die "no Docker engine answers and not root: start dockerd or set DOCKER_HOST"
  step "starting dockerd (log: $STATE_DIR/dockerd.log)"
  nohup dockerd >"$STATE_DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || die "dockerd did not answer within 60 s; see $STATE_DIR/dockerd.log"
  step "docker engine answers"
fi

# 3. Registry on 127.0.0.1:5000 (Debian's docker-registry, its own config in a temp dir)
if curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1; then
  step "registry answers at $REGISTRY"
else
  mkdir -p "$STATE_DIR/registry/data"
  cat >"$STATE_DIR/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
YAML
  registry_bin=$(command -v docker-registry || echo /usr/bin/docker-registry)
  step "starting registry on $REGISTRY (log: $STATE_DIR/registry.log)"
  nohup "$registry_bin" serve "$STATE_DIR/registry/config.yml" >"$STATE_DIR/registry.log" 2>&1 &
  for _ in $(seq 1 30); do
    curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "http://$REGISTRY/v2/" >/dev/null 2>&1 || die "registry did not answer; see $STATE_DIR/registry.log"
  step "registry answers at $REGISTRY"
fi

# 4. Test images, built FROM scratch with static busybox
busybox_bin=$(command -v busybox || echo /bin/busybox)
[[ -x $busybox_bin ]] || die "busybox not found (package busybox-static)"
file "$busybox_bin" 2>/dev/null | grep -q dynamically && die "$busybox_bin is dynamically linked; install busybox-static"

build_ctx=$(mktemp -d)
trap 'rm -rf "$build_ctx"' EXIT

if docker image inspect "$BUSYBOX_IMAGE" >/dev/null 2>&1; then
  step "image $BUSYBOX_IMAGE present"
else
  mkdir -p "$build_ctx/busybox"
  cp "$busybox_bin" "$build_ctx/busybox/busybox"
  cat >"$build_ctx/busybox/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
LABEL berth.test=true
CMD ["sh"]
DOCKERFILE
  step "building $BUSYBOX_IMAGE"
  DOCKER_BUILDKIT=0 docker build -q -t "$BUSYBOX_IMAGE" "$build_ctx/busybox" >/dev/null
  step "built $BUSYBOX_IMAGE"
fi

if curl -fsS "http://$REGISTRY/v2/hello-world/manifests/latest" \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' >/dev/null 2>&1; then
  step "registry holds $HELLO_IMAGE"
else
  mkdir -p "$build_ctx/hello"
  cp "$busybox_bin" "$build_ctx/hello/busybox"
  cat >"$build_ctx/hello/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
ENV PATH=/bin
CMD ["/bin/busybox", "echo", "Hello from Docker!"]
DOCKERFILE
  step "building and pushing $HELLO_IMAGE"
  DOCKER_BUILDKIT=0 docker build -q -t "$HELLO_IMAGE" "$build_ctx/hello" >/dev/null
  docker push -q "$HELLO_IMAGE" >/dev/null || docker push "$HELLO_IMAGE" >/dev/null
  step "pushed $HELLO_IMAGE"
fi
# No local copy of $HELLO_IMAGE is removed here: tests that prove `run` pulls publish their own
# uniquely named copy (TestEngine.helloInRegistry), so nothing depends on this name being absent,
# and removing a shared image would break whoever is using it right now.

step "ready: engine $(docker version --format '{{.Server.Version}}'), registry $REGISTRY, images $BUSYBOX_IMAGE and $HELLO_IMAGE"
