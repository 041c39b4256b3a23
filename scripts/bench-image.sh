#!/usr/bin/env bash
# Measures Berth's container image (docs/benchmarks.md, "Container image"): size, start-up and idle memory.
# Usage: scripts/bench-image.sh [-n ROUNDS] [IMAGE]     (default: 3 rounds of berth:local)
#
# Each round starts a fresh container as the README runs it (read-only root, socket group, a new volume), then:
#   start-up  = container start (State.StartedAt) -> Berth's "listening" log line (both the engine's clock), and
#               start -> the first 200 from /healthz as a client sees it, and the JVM's CPU time (user+sys) by then
#               (steadier than wall time on a shared machine);
#   idle RSS  = VmRSS of the JVM (/proc/PID/status) and docker stats' MemUsage, 60 s after signing in to the console
#               and opening its live container list (the SSE stream a browser tab keeps open), with the tab still open.
# Everything it makes is named bench-image-<random> and removed at the end.
set -euo pipefail
rounds=3
while getopts n: o; do case $o in n) rounds=$OPTARG ;; *) exit 2 ;; esac; done
shift $((OPTIND - 1))
image=${1:-berth:local}
id=bench-image-$RANDOM$RANDOM
gid=$(stat -c %g /var/run/docker.sock)
jar=$(mktemp -d)
cleanup() {
  for i in $(seq 1 "$rounds"); do docker rm -f "$id-$i" >/dev/null 2>&1 || true; docker volume rm "$id-$i" >/dev/null 2>&1 || true; done
  [[ -n ${sse:-} ]] && kill "$sse" 2>/dev/null || true
  rm -rf "$jar"
}
trap cleanup EXIT
ms() { date -d "$1" +%s%3N; }

echo "image $image: $(( $(docker image inspect --format '{{.Size}}' "$image") / 1000000 )) MB; load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %14s %14s %12s %12s %14s\n' round start→listen start→healthz "CPU by then" "VmRSS (MB)" "docker stats"
for i in $(seq 1 "$rounds"); do
  c=$id-$i
  docker volume create --label berth.test=true "$c" >/dev/null
  docker run -d --name "$c" --label berth.test=true --read-only --tmpfs /tmp --group-add "$gid" \
    -v /var/run/docker.sock:/var/run/docker.sock -v "$c:/data" -p 127.0.0.1::8080 "$image" >/dev/null
  base=http://$(docker port "$c" 8080/tcp | head -n 1)
  until curl -fsS -o /dev/null "$base/healthz" 2>/dev/null; do sleep 0.05; done
  healthy=$(date +%s%3N)
  pid=$(docker inspect --format '{{.State.Pid}}' "$c")
  cpu=$(awk -v t="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  started=$(ms "$(docker inspect --format '{{.State.StartedAt}}' "$c")")
  until docker logs "$c" 2>&1 | grep -q 'Berth listening'; do sleep 0.1; done
  listen_at=$(docker logs -t "$c" 2>&1 | grep 'Berth listening' | cut -d' ' -f1)
  password=$(docker logs "$c" 2>&1 | sed -n "s/.*Sign in as 'admin' with password: //p")
  curl -fsS -o /dev/null -c "$jar/c" --data-urlencode login=admin --data-urlencode "password=$password" "$base/login"
  curl -fsS -o /dev/null -b "$jar/c" "$base/containers"
  curl -sS -N -o /dev/null -b "$jar/c" "$base/containers/events" & sse=$!
  sleep 60
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  stats=$(docker stats --no-stream --format '{{.MemUsage}}' "$c" | cut -d/ -f1)
  kill "$sse" 2>/dev/null || true; sse=
  printf '%-6s %11s ms %11s ms %9s ms %12s %14s\n' "$i" "$(( $(ms "$listen_at") - started ))" "$((healthy - started))" \
    "$cpu" "$rss" "$stats"
  docker rm -f "$c" >/dev/null; docker volume rm "$c" >/dev/null
done
