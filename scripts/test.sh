#!/usr/bin/env bash
# Runs every Berth test: prepares the machine (Docker engine, local registry, busybox test images,
# Chromium for browser tests), then the Maven build with unit (*Test) and integration (*IT) tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/test-env.sh
mvn -B -ntp verify "$@"
