#!/usr/bin/env bash
# A fleet of real Docker engines on this machine, for Berth's multi-endpoint tests and for trying it by hand.
# The one implementation: io.berth.core.testing.TestFleet (core's test-jar) runs this script.
#
#   scripts/fleet.sh up [DIR]        start a fleet; DIR (default: a new /tmp/berth-fleet-XXXXXX) holds everything;
#                                    prints DIR and writes DIR/fleet.env (shell/Java readable) and DIR/endpoints.yml
#   scripts/fleet.sh down DIR        tear it down (also a half-started one), remove DIR
#   scripts/fleet.sh kill DIR NODE   SIGKILL one engine (m1 w1 w2 tls ssh)
#   scripts/fleet.sh crash DIR NODE  lose the whole node, as a host losing power: its link goes down (peers see no
#                                    FIN), then its engine, containerd, shims and containers are SIGKILLed
#   scripts/fleet.sh start DIR NODE  start it again (after kill or crash) and wait until it answers
#
# What "up" builds (needs root; see docs/fleet.md "Harness"):
#   - a Linux bridge of its own with 10.213.X.1/24 (X random, unused on this machine) and one iptables FORWARD accept
#     rule for that bridge only (the shared dockerd sets FORWARD to DROP);
#   - five network namespaces, each joined to the bridge by a veth pair, each with a dockerd entered by nsenter
#     (ip netns exec remounts /sys and dockerd fails), with its own data-root, exec-root, containerd namespace and
#     cgroup parent. No dockerd runs in the root namespace: a second one there can take docker0 away from the shared
#     engine. m1 (.11) is a Swarm manager, w1 (.12) and w2 (.13) workers; tls (.14) listens on tcp://10.213.X.14:2376
#     with --tlsverify (CA, server and client certificates made here with openssl); ssh (.15) is reached through an
#     sshd in its namespace (generated host and user keys, a known_hosts file) that forwards its socket.
#   - berth-test/busybox:latest copied from the shared engine into every engine (docker save | docker load).
# The shared engine (/var/run/docker.sock) is only ever read from, by that `docker save`.
set -euo pipefail

NODES=(m1 w1 w2 tls ssh)
SWARM=(m1 w1 w2)
IMAGE=${BERTH_FLEET_IMAGE:-berth-test/busybox:latest}
READY_SECONDS=60

log() { printf '[fleet] %s\n' "$*" >&2; }
die() { printf '[fleet] ERROR: %s\n' "$*" >&2; exit 1; }

node_index() { # m1 -> 11 ... ssh -> 15: the last octet of its address
  local i
  for i in "${!NODES[@]}"; do [[ ${NODES[$i]} == "$1" ]] && { echo $((11 + i)); return; }; done
  die "unknown node '$1' (one of: ${NODES[*]})"
}

# names derived from the fleet id, so "down" can find everything from DIR/fleet.env alone
names() {
  BRIDGE="bfbr$ID"                 # interface names stay within 15 characters
  RULE=(FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT)
}
ns_of() { echo "berth-fleet-$ID-$1"; }
veth_of() { echo "bf$ID$1"; }
addr_of() { echo "$SUBNET.$(node_index "$1")"; }
sock_of() { echo "$DIR/$1/docker.sock"; }
dk() { local n=$1; shift; docker -H "unix://$(sock_of "$n")" "$@"; }

load_env() {
  [[ -f $DIR/fleet.env ]] || die "$DIR/fleet.env missing: not a fleet directory"
  # shellcheck disable=SC1091
  source "$DIR/fleet.env"
  [[ $FLEET_DIR == "$DIR" ]] || die "$DIR/fleet.env belongs to $FLEET_DIR: refusing to touch it"
  ID=$FLEET_ID
  SUBNET=$FLEET_SUBNET
  names
}

# --- engines ---------------------------------------------------------------------------------------------------
start_daemon() {
  local n=$1 d="$DIR/$1" extra=()
  if [[ $n == tls ]]; then
    extra=(-H "tcp://$(addr_of tls):2376" --tlsverify --tlscacert "$DIR/certs/ca.pem"
      --tlscert "$DIR/certs/server-cert.pem" --tlskey "$DIR/certs/server-key.pem")
  fi
  mkdir -p "$d"
  # setsid: the daemon outlives this script (TestFleet and "down" stop it by pid); nsenter, unshare and sh exec,
  # so the pid is dockerd's. Its own UTS namespace gives the node its own hostname (in `docker node ls`).
  setsid nsenter --net="/var/run/netns/$(ns_of "$n")" unshare --uts \
    sh -c 'hostname "$0" && exec dockerd "$@"' "fleet-$ID-$n" \
    --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/docker.pid" -H "unix://$d/docker.sock" \
    --containerd-namespace "berth-fleet-$ID-$n" --containerd-plugins-namespace "berth-fleet-$ID-$n-plugins" \
    --cgroup-parent "berth-fleet-$ID-$n" "${extra[@]}" </dev/null >>"$d/dockerd.log" 2>&1 &
  echo $! >"$d/daemon.pid"
}

wait_daemon() {
  local n=$1 pid
  pid=$(cat "$DIR/$n/daemon.pid")
  for _ in $(seq 1 $((READY_SECONDS * 5))); do
    kill -0 "$pid" 2>/dev/null || die "dockerd $n exited: $(tail -5 "$DIR/$n/dockerd.log")"
    dk "$n" version --format '{{.Server.Version}}' >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  die "dockerd $n did not answer within $READY_SECONDS s: $(tail -5 "$DIR/$n/dockerd.log")"
}

alive() { # a zombie (a daemon this shell started and has not reaped yet) is not alive
  kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

# A SIGKILLed dockerd leaves its --pidfile behind. dockerd refuses to start while the pid in it is alive, and on a
# busy machine (pid_max 32768, every JVM thread takes a pid) that pid is soon another process's: seen as
# "pid file found, ensure docker is not running". Our own record says whether the daemon is really gone.
clear_stale_pidfile() {
  local pid
  pid=$(cat "$DIR/$1/daemon.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && alive "$pid"; then die "dockerd $1 is still running (pid $pid)"; fi
  rm -f "$DIR/$1/docker.pid"
}

kill_daemon() { # SIGKILL, as a crash; containerd and shims stay, as they would
  local pid
  pid=$(cat "$DIR/$1/daemon.pid" 2>/dev/null || true)
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || die "dockerd $1 is not running"
  kill -KILL "$pid"
  while alive "$pid"; do sleep 0.1; done
}

node_containerd() { # the containerd a node's dockerd started (its config lies under the node's exec root)
  grep -lsF -- "$DIR/$1/exec/" /proc/[0-9]*/cmdline | while read -r f; do
    exe=$(head -zn1 "$f" 2>/dev/null | tr -d '\0') || continue
    [[ ${exe##*/} == containerd ]] && { f=${f#/proc/}; echo "${f%/cmdline}"; }
  done
}

# Starts a node again after "kill". A SIGKILLed dockerd leaves its containerd running, and a new dockerd tries to
# adopt it, which here fails ("failed to start containerd: timeout waiting for containerd to start", 15 s later;
# reproduced on a quiet machine, and seen in CI). So that containerd goes first, as a reboot would take it; the
# containers' shims stay, and the fresh containerd finds their tasks in its state directory.
restart_node() {
  local n=$1 pid
  ip link set "$(veth_of "$n")" up   # after a crash
  for pid in $(node_containerd "$n"); do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in $(node_containerd "$n"); do while alive "$pid"; do sleep 0.1; done; done
  rm -f "$DIR/$n/exec/containerd/containerd.pid"
  clear_stale_pidfile "$n"
  start_daemon "$n"
  wait_daemon "$n"
}

# The node is lost as a host that loses power: first its link (so nothing it sends afterwards, not even the FIN of
# a dying process, reaches anyone: a peer learns of the loss only by its own timeouts), then every process of it:
# dockerd, its containerd and shims (they name the node's directory) and the containers (the node's cgroup parent).
crash_node() {
  local n=$1 pid pids
  ip link set "$(veth_of "$n")" down
  kill_daemon "$n"
  pids=$( { grep -lsF -- "$DIR/$n/" /proc/[0-9]*/cmdline; grep -lsE "berth-fleet-$ID-$n(/|\$)" /proc/[0-9]*/cgroup;
            true; } | cut -d/ -f3 | sort -u)   # (grep finding none is no error)
  for pid in $pids; do [[ $pid == "$$" ]] || kill -KILL "$pid" 2>/dev/null || true; done
  for pid in $pids; do while alive "$pid"; do sleep 0.1; done; done
}

stop_daemon() { # SIGTERM, then SIGKILL after 20 s
  local pid
  pid=$(cat "$DIR/$1/daemon.pid" 2>/dev/null || true)
  [[ -n $pid ]] && alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

# --- certificates and keys -------------------------------------------------------------------------------------
make_certs() {
  local c="$DIR/certs" cl="$DIR/certs/client"
  mkdir -p "$cl"
  (
    cd "$c"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=berth-fleet-$ID CA" \
      -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$(addr_of tls)" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$(addr_of tls)" >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext \
      -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=berth-fleet-client" -keyout client/key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext \
      -out client/cert.pem 2>/dev/null
    cp ca.pem client/ca.pem    # docker's layout (DOCKER_CERT_PATH): ca.pem cert.pem key.pem
    chmod 600 ./*-key.pem client/key.pem
  )
}

make_ssh() {
  local s="$DIR/sshd" addr
  addr=$(addr_of ssh)
  mkdir -p "$s"
  ssh-keygen -q -t ed25519 -N '' -C "berth-fleet-$ID host" -f "$s/host_ed25519"
  ssh-keygen -q -t ed25519 -N '' -C "berth-fleet-$ID user" -f "$s/id_ed25519"
  cp "$s/id_ed25519.pub" "$s/authorized_keys"
  echo "$addr $(cut -d' ' -f1-2 "$s/host_ed25519.pub")" >"$s/known_hosts"
  # SetEnv: `docker -H ssh://root@ADDR` runs `docker system dial-stdio` there, which must reach this engine,
  # never the shared one. StrictModes off: the files live under /tmp, which is world-writable.
  cat >"$s/sshd_config" <<EOF
ListenAddress $addr:22
HostKey $s/host_ed25519
PidFile $s/sshd.pid
AuthorizedKeysFile $s/authorized_keys
PermitRootLogin prohibit-password
AllowUsers root
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
# forwarding of the engine socket (-L local.sock:remote.sock) needs both: sshd gates stream-local forwarding on
# AllowTcpForwarding too
AllowTcpForwarding local
AllowStreamLocalForwarding local
X11Forwarding no
PermitTTY no
SetEnv DOCKER_HOST=unix://$(sock_of ssh)
EOF
}

start_sshd() {
  mkdir -p /run/sshd   # sshd's privilege separation directory (Debian's init script would create it)
  setsid nsenter --net="/var/run/netns/$(ns_of ssh)" /usr/sbin/sshd -D -e -f "$DIR/sshd/sshd_config" \
    </dev/null >>"$DIR/sshd/sshd.log" 2>&1 &
  echo $! >"$DIR/sshd/daemon.pid"
  for _ in $(seq 1 50); do
    ssh-keyscan -T 1 "$(addr_of ssh)" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  die "sshd did not answer: $(tail -5 "$DIR/sshd/sshd.log")"
}

# --- network ---------------------------------------------------------------------------------------------------
pick_subnet() { # 10.213.X.0/24 with X random and no address or route of this machine in it
  local x tries=0
  while ((tries++ < 50)); do
    x=$((RANDOM % 250 + 2))
    ip -4 route show | grep -q "^10\.213\.$x\." && continue
    ip -4 addr show | grep -q "inet 10\.213\.$x\." && continue
    echo "10.213.$x"; return
  done
  die "no free 10.213.X.0/24"
}

make_bridge() {
  ip link add "$BRIDGE" type bridge
  ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  iptables -I "${RULE[@]}"
}

make_namespaces() {
  local n ns veth
  for n in "${NODES[@]}"; do
    ns=$(ns_of "$n"); veth=$(veth_of "$n")
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip link set "$veth" master "$BRIDGE" up
    ip -n "$ns" addr add "$(addr_of "$n")/24" dev eth0
    ip -n "$ns" link set eth0 up
  done
}

# --- commands --------------------------------------------------------------------------------------------------
write_env() {
  cat >"$DIR/fleet.env" <<EOF
FLEET_ID=$ID
FLEET_DIR=$DIR
FLEET_SUBNET=$SUBNET
FLEET_BRIDGE=$BRIDGE
FLEET_NODES="${NODES[*]}"
EOF
}

write_endpoints() {
  local n
  for n in "${NODES[@]}"; do
    echo "FLEET_${n^^}_NETNS=$(ns_of "$n")"
    echo "FLEET_${n^^}_ADDR=$(addr_of "$n")"
    echo "FLEET_${n^^}_SOCKET=$(sock_of "$n")"
  done >>"$DIR/fleet.env"
  cat >>"$DIR/fleet.env" <<EOF
FLEET_TLS_HOST=tcp://$(addr_of tls):2376
FLEET_TLS_CERTS=$DIR/certs/client
FLEET_SSH_HOST=ssh://root@$(addr_of ssh)
FLEET_SSH_IDENTITY=$DIR/sshd/id_ed25519
FLEET_SSH_KNOWN_HOSTS=$DIR/sshd/known_hosts
EOF
  {
    echo "# Berth's engine.endpoints for fleet $ID (scripts/fleet.sh); swarm nodes by their sockets"
    echo "engine:"
    echo "  endpoints:"
    for n in "${SWARM[@]}"; do
      local role=worker; [[ $n == m1 ]] && role=manager
      printf '    - name: %s\n      host: unix://%s\n      labels: {fleet: "%s", swarm: %s}\n' "$n" "$(sock_of "$n")" "$ID" "$role"
    done
    printf '    - name: tls\n      host: tcp://%s:2376\n      tls: %s\n      labels: {fleet: "%s"}\n' \
      "$(addr_of tls)" "$DIR/certs/client" "$ID"
    # socket: the forward's remote end; the ssh engine's own socket, never the shared /var/run/docker.sock
    printf '    - name: ssh\n      host: ssh://root@%s\n      ssh: {identity: %s, knownHosts: %s, socket: %s}\n      labels: {fleet: "%s"}\n' \
      "$(addr_of ssh)" "$DIR/sshd/id_ed25519" "$DIR/sshd/known_hosts" "$(sock_of ssh)" "$ID"
  } >"$DIR/endpoints.yml"
}

up() {
  [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces, a bridge, dockerd)"
  local n t0=$SECONDS t=$SECONDS
  for tool in dockerd nsenter ip iptables openssl ssh-keygen ssh-keyscan /usr/sbin/sshd; do
    command -v "$tool" >/dev/null || die "$tool missing (scripts/test-env.sh installs it)"
  done
  ID=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
  if [[ -z ${DIR:-} ]]; then DIR=$(mktemp -d /tmp/berth-fleet-XXXXXX); else mkdir -p "$DIR"; fi
  DIR=$(realpath "$DIR")
  # the subnet is claimed under a lock, so two fleets started at once never pick the same X
  exec 9>/run/lock/berth-fleet.lock
  flock 9
  SUBNET=$(pick_subnet)
  names
  write_env   # first: "down" needs only this file to find everything, also after a failed start
  log "starting fleet $ID in $DIR ($SUBNET.0/24, bridge $BRIDGE)"
  STARTED=0
  trap '[[ $STARTED == 1 ]] || { log "fleet $ID: start failed; tearing down"; down_all; }' EXIT
  make_bridge
  exec 9>&-   # unlocks; the daemons started below do not inherit it
  make_namespaces
  make_certs
  make_ssh
  for n in "${NODES[@]}"; do start_daemon "$n"; done
  docker save "$IMAGE" -o "$DIR/image.tar"   # the one use of the shared engine
  for n in "${NODES[@]}"; do wait_daemon "$n"; done
  timing "engines answer"
  local pids=()
  for n in "${NODES[@]}"; do dk "$n" load -q -i "$DIR/image.tar" >/dev/null & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  rm -f "$DIR/image.tar"
  timing "image loaded"
  start_sshd
  dk m1 swarm init --advertise-addr "$(addr_of m1)" --listen-addr "$(addr_of m1):2377" >/dev/null
  local token
  token=$(dk m1 swarm join-token -q worker)
  for n in w1 w2; do
    dk "$n" swarm join --advertise-addr "$(addr_of "$n")" --listen-addr "$(addr_of "$n"):2377" \
      --token "$token" "$(addr_of m1):2377" >/dev/null
  done
  timing "swarm formed"
  write_endpoints
  STARTED=1
  log "fleet $ID up in $((SECONDS - t0)) s: $DIR (endpoints: $DIR/endpoints.yml)"
  echo "$DIR"
}

own_processes() { # everything that names this fleet's directory: dockerd, containerd, shims, sshd, ssh forwards
  local f pid exe
  for f in $(grep -lsF -- "$DIR/" /proc/[0-9]*/cmdline); do
    pid=${f#/proc/}; pid=${pid%/cmdline}
    [[ $pid == "$$" ]] && continue
    exe=$(head -zn1 "$f" 2>/dev/null | tr -d '\0') || continue
    case "${exe##*/}" in dockerd|containerd|containerd-shim*|sshd|ssh|docker-proxy) echo "$pid" ;; esac
  done
}

in_fleet_cgroups() { # container processes (cgroup parent berth-fleet-ID-NODE), should a shim have died first
  grep -l "berth-fleet-$ID-" /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3 || true
}

leave() { [[ -S $(sock_of "$1") ]] && timeout 20 dk "$1" swarm leave --force >/dev/null 2>&1; }
remove_containers() {
  local ids
  [[ -S $(sock_of "$1") ]] || return 0
  ids=$(timeout 10 dk "$1" ps -aq 2>/dev/null)
  [[ -z $ids ]] || timeout 30 dk "$1" rm -f $ids >/dev/null 2>&1
}
timing() { [[ -z ${FLEET_TIMING:-} ]] || log "$1 after $((SECONDS - t)) s"; }

down_all() {
  set +e
  local n ns pid
  # 1. leave the swarm (workers first) and remove containers, while the daemons still answer
  local t=$SECONDS
  # (waits name their jobs: after a failed start the daemons are this shell's children too)
  local jobs=()
  for n in w1 w2; do leave "$n" & jobs+=($!); done
  wait "${jobs[@]}"
  leave m1
  timing "swarm left"
  jobs=()
  for n in "${NODES[@]}"; do remove_containers "$n" & jobs+=($!); done
  wait "${jobs[@]}"
  timing "containers removed"
  # 2. daemons by pid (in parallel), sshd
  pid=$(cat "$DIR/sshd/daemon.pid" 2>/dev/null) && kill -KILL "$pid" 2>/dev/null
  jobs=()
  for n in "${NODES[@]}"; do stop_daemon "$n" & jobs+=($!); done
  wait "${jobs[@]}"
  timing "daemons stopped"
  # 3. whatever is left of them: containerd, shims, forwards, container processes, anything in the namespaces
  for pid in $(own_processes) $(in_fleet_cgroups); do kill -KILL "$pid" 2>/dev/null; done
  for n in "${NODES[@]}"; do
    ns=$(ns_of "$n")
    [[ -e /var/run/netns/$ns ]] && for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
  done
  sleep 0.2
  timing "leftovers killed"
  # 4. mounts under the directory (deepest first), namespaces, veths, bridge, the iptables rule, the directory
  awk -v d="$DIR/" 'index($5, d) == 1 {print $5}' /proc/self/mountinfo | sort -r | while read -r m; do
    umount -l "$m" 2>/dev/null
  done
  for n in "${NODES[@]}"; do
    ns=$(ns_of "$n")
    [[ -e /var/run/netns/$ns ]] && ip netns delete "$ns"
    ip link delete "$(veth_of "$n")" 2>/dev/null   # usually gone with its namespace
  done
  ip link show "$BRIDGE" >/dev/null 2>&1 && ip link delete "$BRIDGE"
  while iptables -C "${RULE[@]}" 2>/dev/null; do iptables -D "${RULE[@]}"; done
  local c   # the cgroup parents' directories (v1: one per controller), deepest first
  for c in /sys/fs/cgroup/berth-fleet-"$ID"-* /sys/fs/cgroup/*/berth-fleet-"$ID"-*; do
    [[ -d $c ]] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  rm -rf --one-file-system "$DIR"
  log "fleet $ID down"
}

down() {
  [[ -f $DIR/fleet.env ]] || { log "$DIR: no fleet there (already down)"; return 0; }
  load_env
  down_all
}

cmd=${1:-}
case "$cmd" in
  up) DIR=${2:-}; up ;;
  down) [[ -n ${2:-} ]] || die "usage: $0 down DIR"; DIR=$(realpath -m "$2"); down ;;
  kill|crash|start)
    [[ -n ${2:-} && -n ${3:-} ]] || die "usage: $0 $cmd DIR NODE"
    DIR=$(realpath "$2"); load_env; node_index "$3" >/dev/null
    case $cmd in kill) kill_daemon "$3" ;; crash) crash_node "$3" ;; start) restart_node "$3" ;; esac ;;
  *) die "usage: $0 up [DIR] | down DIR | kill DIR NODE | crash DIR NODE | start DIR NODE" ;;
esac
