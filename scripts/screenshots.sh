#!/usr/bin/env bash
# Usage: scripts/screenshots.sh [SECONDS]
#
# Makes docs/screenshots/<example>.png: builds Flowlab if needed, then opens each example of
# resources/examples/ in the window on a virtual 1600×1000 screen (Xvfb), presses Run
# (--run) and saves a picture of the window with --screenshot after SECONDS of wall time
# (default 15, long enough for the visibility-timeout example to show its duplicates).
# The window starts at its default size: the settings of these runs go to a throw-away
# folder, not to yours. Set FLOWLAB_BUILD_DIR to use another build folder than build/.
#
# Then runs every screenshot driver the build made (tests/shots/*/shot_*), under the same
# virtual screen, with docs/screenshots as its output folder: each opens the window, puts it
# in the state it shows (a dock open, a message chosen) and saves its own PNGs.
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
for shot in "$build_dir"/tests/shots/*/shot_*; do
    [[ -x $shot && -f $shot ]] || continue
    XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 1600x1000x24" "$shot" docs/screenshots
done
