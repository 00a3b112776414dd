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
# Then docs/screenshots/serve.png: `flowlab --serve` with the window on the video-processing
# example while Debian's AWS CLI creates a queue, sends to it and to the example's queue, and
# receives (then boto3, with the same credentials, does so several times a second); the client
# appears as a node and its messages travel on the canvas.
# Then runs every screenshot driver the build made (tests/shots/*/shot_*: the charts dock, the
# queue's messages, a passport, the event log), under the same virtual screen, with
# docs/screenshots as its output folder: each opens the window, puts it in the state it shows
# (a dock open, a message chosen) and saves its own PNGs.
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

# The endpoint with the window, driven by the AWS CLI.
command -v aws >/dev/null || {
    echo "screenshots.sh: the AWS CLI is missing (apt-get install awscli)" >&2
    exit 1
}
out=docs/screenshots/serve.png
log=$(mktemp)
XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$build_dir/app/flowlab" --serve --port 0 resources/examples/video-processing.flowlab \
    --screenshot "$out" --after "$after" >"$log" 2>&1 &
flowlab=$!
url=""
for _ in $(seq 1 100); do
    url=$(grep -o 'listening on http://[^ ]*' "$log" | head -n1 | cut -d' ' -f3 || true)
    [[ -n $url ]] && break
    sleep 0.1
done
[[ -n $url ]] || {
    echo "screenshots.sh: flowlab --serve did not start" >&2
    cat "$log" >&2
    exit 1
}
export AWS_ACCESS_KEY_ID=AKIDEXAMPLECLI AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
sqs() { aws --endpoint-url "$url" sqs "$@" >/dev/null; }
sqs create-queue --queue-name cli-orders
# Then a boto3 program (the same access key: the same client node) sends to that queue and to
# the example's, and receives and deletes from its own, a few times a second.
/usr/bin/python3 - "$url" "$((${after%.*} - 5))" <<'PY'
import sys, time, boto3
url, seconds = sys.argv[1], float(sys.argv[2])
sqs = boto3.client("sqs", endpoint_url=url)
orders, jobs = f"{url}/000000000000/cli-orders", f"{url}/000000000000/video-jobs"
end = time.time() + seconds
while time.time() < end:
    sqs.send_message(QueueUrl=orders, MessageBody="order placed")
    sqs.send_message(QueueUrl=jobs, MessageBody="render this video")
    for m in sqs.receive_message(QueueUrl=orders, MaxNumberOfMessages=1).get("Messages", []):
        if time.time() < end - 3:
            sqs.delete_message(QueueUrl=orders, ReceiptHandle=m["ReceiptHandle"])
    time.sleep(0.2)
PY
wait "$flowlab"
rm -f "$log"
echo "$out"

for shot in "$build_dir"/tests/shots/*/shot_*; do
    [[ -x $shot && -f $shot ]] || continue
    XDG_CONFIG_HOME=$settings xvfb-run -a -s "-screen 0 1600x1000x24" "$shot" docs/screenshots
done
