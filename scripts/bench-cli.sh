#!/usr/bin/env bash
# Per-call cost of `./berth docker …` next to `docker …` itself: wall-clock and CPU time (user+sys) of
# `docker ps -a`, `<launcher> docker ps -a` and `<launcher> docker help`, every case once per round, in
# turn (interleaved, so load from other processes hits all cases alike); medians over the rounds.
#
# Usage: scripts/bench-cli.sh [-n ROUNDS] [LAUNCHER...]
#   LAUNCHER defaults to this checkout's ./berth; give several to compare them in one run, e.g. an export
#   of an older commit: git archive OLD | tar -x -C /tmp/berth-old && scripts/bench-cli.sh /tmp/berth-old/berth ./berth
# Each launcher is called once before timing, so its build and class-data archive are not measured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=20
if [ "${1:-}" = -n ]; then rounds=$2; shift 2; fi
launchers=("$@")
[ ${#launchers[@]} -gt 0 ] || launchers=("$root/berth")
command -v docker >/dev/null || { echo "bench-cli: needs the docker CLI" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-cli: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

names=("docker ps -a")
cmds=("docker ps -a")
for l in "${launchers[@]}"; do
  "$l" docker help >/dev/null   # builds the jar and writes the archive when due
  names+=("$l docker ps -a" "$l docker help")
  cmds+=("$l docker ps -a" "$l docker help")
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for i in "${!cmds[@]}"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2086  # the command line is split on purpose
    /usr/bin/time -f '%U %S' -o "$work/cpu" ${cmds[$i]} >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000000)) >>"$work/wall.$i"
    awk '{printf "%d\n", ($1 + $2) * 1000}' "$work/cpu" >>"$work/cpu.$i"
  done
  printf '\rbench-cli: round %d/%d' "$r" "$rounds" >&2
done
printf '\n' >&2

median() { sort -n "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
base=$(median "$work/wall.0")
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  rounds: $rounds  load average: $(cut -d' ' -f1-3 /proc/loadavg)  cpus: $(nproc)"
echo "java: $(java -version 2>&1 | head -n 1)  docker: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?')"
printf '| %-60s | %12s | %14s | %16s |\n' case "wall p50 ms" "CPU p50 ms" "overhead p50 ms"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..62})" "$(printf -- '-%.0s' {1..13})-" "$(printf -- '-%.0s' {1..15})-" "$(printf -- '-%.0s' {1..17})-"
for i in "${!cmds[@]}"; do
  wall=$(median "$work/wall.$i")
  printf '| %-60s | %12s | %14s | %16s |\n' "${names[$i]#"$root/"}" "$wall" "$(median "$work/cpu.$i")" "$((wall - base))"
done
