#!/usr/bin/env bash
# Usage: scripts/test.sh [CTEST_ARGS...]
#
# Installs what is missing, builds, and runs the whole test suite with CTest. Exits non-zero
# when any test fails. Extra arguments go to ctest, e.g. `scripts/test.sh -L core`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
scripts/build.sh build
ctest --test-dir build --output-on-failure -j2 "$@"
