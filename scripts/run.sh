#!/usr/bin/env bash
# Usage: scripts/run.sh [FLOWLAB_ARGS...]
#
# Installs what is missing, builds, and starts build/app/flowlab. With no arguments it runs
# the video-processing example headless for 10 minutes of virtual time and prints its
# summary; with arguments it passes them to flowlab unchanged, e.g.
#     scripts/run.sh --headless resources/examples/fifo-message-groups.flowlab --duration 1h --seed 7
# Given arguments, flowlab runs in the folder run.sh was started from, so relative paths in
# them mean what they say.
set -euo pipefail
caller=$PWD
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts/install-deps.sh
scripts/build.sh build

if (($# == 0)); then
    # The window, on the video-processing example.
    exec build/app/flowlab resources/examples/video-processing.flowlab
fi
cd "$caller"
exec "$root/build/app/flowlab" "$@"
