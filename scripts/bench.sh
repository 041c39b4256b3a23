#!/usr/bin/env bash
# Runs Berth's benchmarks (not tests): scripts/bench.sh [ps|audit|query|console|fleet|slack|all] [ARGS...]
# ARGS, given with one benchmark's name, replace its default arguments.
# Results belong in docs/benchmarks.md with method, machine and date.
# Builds in one reactor from this checkout (no `mvn install`, nothing read from ~/.m2's io.berth).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-all}"
shift || true
args="$*"
bash scripts/test-env.sh
run() { # module main-class [args]
  mvn -q -B -pl "$1" -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
  # shellcheck disable=SC2086 # the argument list is meant to split
  java -cp "$1/target/test-classes:$1/target/classes:$(cat "$1/target/bench.cp")" "$2" ${3:-}
}
case "$what" in ps|all) run core io.berth.core.bench.PsBenchmark "${args:-200 300}";; esac
case "$what" in audit|all) run core io.berth.core.bench.AuditAppendBenchmark "${args:-sqlite,postgres 8,64 10 /tmp/berth-audit-bench}";; esac
case "$what" in query|all) run core io.berth.core.bench.AuditQueryBenchmark "${args:-1000000 20}";; esac
case "$what" in console|all) run web io.berth.web.bench.ConsoleBenchmark "${args:-500 30 20}";; esac
# fleet: root (TestFleet starts its own engines); LAUNCHER is a Berth CLI (./berth builds its jar on the first call)
case "$what" in fleet|all) run web io.berth.web.bench.FleetConsoleBenchmark "${args:-5000 10 10 ./berth}";; esac
case "$what" in slack|all) run bot io.berth.bot.slack.bench.SlackAckBenchmark "${args:-20 15 5000}";; esac
