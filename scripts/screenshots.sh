#!/usr/bin/env bash
# Usage: scripts/screenshots.sh [SECONDS]
#
# Makes docs/screenshots/<example>.png: builds Flowlab if needed, then opens each example of
# resources/examples/ in the window on a virtual 1600×1000 screen (Xvfb), presses Run
# (--run) and saves a picture of the window with --screenshot after SECONDS of wall time
# (default 15, long enough for the visibility-timeout example to show its duplicates).
# Then runs the screenshot drivers of tests/shots/ (e.g. docs/screenshots/charts.png, the
# charts dock), each under the same virtual screen.
# The window starts at its default size: the settings of these runs go to a throw-away
# folder, not to yours. Set FLOWLAB_BUILD_DIR to use another build folder than build/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

after=${1:-15}
build_dir=${FLOWLAB_BUILD_DIR:-build}
command -v xvfb-run >/dev/null || {
    echo "screenshots.sh: xvfb-run is missing (apt-get install xvfb)" >&2
    exit 1
}

scripts/build.sh "$build_dir" >/dev/null

settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
mkdir -p docs/screenshots
for example in resources/examples/*.flowlab; do
    name=$(basename "$example" .flowlab)
    out=docs/screenshots/$name.png
    XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$build_dir/app/flowlab" "$example" --run --screenshot "$out" --after "$after"
    echo "$out"
done
# The screenshot drivers (tests/shots/*): each shows one part of the window in a given state
# and writes its own picture(s) into the folder it is given.
for shot in "$build_dir"/tests/shots/*/shot_*; do
    [[ -f $shot && -x $shot ]] || continue
    XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 1600x1000x24" "$shot" docs/screenshots
done
