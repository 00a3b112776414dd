#!/usr/bin/env bash
# Usage: scripts/build.sh [BUILD_DIR] [-- EXTRA_CMAKE_ARGS...]
#
# Configures (RelWithDebInfo, Ninja when it is installed) and builds Flowlab with all cores.
# BUILD_DIR defaults to build/ in the repository; a relative path is taken from the
# repository root. Extra arguments after `--` go to the configure step, e.g.
#     scripts/build.sh build-asan -- -DFLOWLAB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build
if (($# > 0)) && [[ $1 != -- ]]; then
    build_dir=$1
    shift
fi
if (($# > 0)) && [[ $1 == -- ]]; then
    shift
fi

configure=(cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo)
# A build folder keeps the generator it was first configured with; choose one only for a
# new folder.
if [[ ! -f $build_dir/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then
    configure+=(-G Ninja)
fi
configure+=("$@")

"${configure[@]}"
cmake --build "$build_dir" --parallel "$(nproc)"
