#!/usr/bin/env bash
# Runs Berth's benchmarks (not tests): scripts/bench.sh [ps|audit|console|slack|all]
# Results belong in docs/benchmarks.md with method, machine and date.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
what="${1:-all}"
bash scripts/test-env.sh
mvn -q -B -DskipTests install
run() { # module main-class [args]
  mvn -q -B -pl "$1" test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass="$2" ${3:+-Dexec.args="$3"}
}
case "$what" in ps|all) run core io.berth.core.bench.PsBenchmark "200 300";; esac
case "$what" in audit|all) run core io.berth.core.bench.AuditAppendBenchmark "10 8 /tmp/berth-audit-bench";; esac
case "$what" in console|all) run web io.berth.web.bench.ConsoleBenchmark "500 30 20";; esac
case "$what" in slack|all) run bot io.berth.bot.slack.bench.SlackAckBenchmark "20 15 5000";; esac
