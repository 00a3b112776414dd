#!/usr/bin/env bash
# Endpoint benchmark: figures for docs/benchmarks.md ("## Endpoint"). Run by hand; not a test.
#
#   tests/bench/endpoint/bench_endpoint.sh [FLOWLAB_BINARY]   (from the repository root;
#                                                             default build/app/flowlab)
#
# Starts `FLOWLAB_BINARY --serve --headless --port 0` and npm's sqslite 2.1.1 (node, on a free
# port), then prints:
#   1. SendMessage requests/s from wrk (-t2 -c8 -d10s, sendmessage.lua: Query protocol form POST)
#      against a fresh queue per run, the non-2xx count, and the queue's
#      ApproximateNumberOfMessages afterwards (the sends were stored);
#   2. a boto3 send -> receive -> delete loop (one client, sequential) in messages/s against
#      flowlab and against sqslite, runs alternating, and the ratio;
#   3. long-poll wake-up latency: a raw-HTTP receiver long-polls an empty queue, another
#      connection sends 50-60 ms later (random within that, so that the sends fall at every
#      phase of the runner's 4 ms paced tick); from just before the send to the receiver's
#      response; median and p90.
# Each figure: the runs and their median.
#
# Needs: Debian's wrk and /usr/bin/python3 with python3-boto3, node + npm. sqslite is installed
# with npm into $SQSLITE_DIR (default /tmp/sqslite) when it is not there already.
# Smaller runs for a smoke test (environment): WRK_DURATION (10s), WRK_RUNS (3), CYCLES (500),
# LOOP_RUNS (3), SAMPLES (50), LP_RUNS (3); LP_VERBOSE=1 prints every long-poll sample.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
flowlab=${1:-build/app/flowlab}
wrk_duration=${WRK_DURATION:-10s}
wrk_runs=${WRK_RUNS:-3}
cycles=${CYCLES:-500}
loop_runs=${LOOP_RUNS:-3}
samples=${SAMPLES:-50}
lp_runs=${LP_RUNS:-3}
sqslite_dir=${SQSLITE_DIR:-/tmp/sqslite}
sqslite_version=2.1.1
python=/usr/bin/python3
clients="$python $here/bench_clients.py"

die() { echo "bench_endpoint: $*" >&2; exit 1; }

[[ -x $flowlab ]] || die "no flowlab binary at $flowlab (pass its path as the first argument)"
command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
$python -c 'import boto3' 2>/dev/null || die "$python has no boto3 (apt-get install python3-boto3)"
command -v node >/dev/null || die "node is missing"

sqslite_cli=$sqslite_dir/node_modules/sqslite/bin/cli.js
installed=$(node -p "require('$sqslite_dir/node_modules/sqslite/package.json').version" 2>/dev/null || true)
if [[ $installed != "$sqslite_version" ]]; then
    echo "installing sqslite@$sqslite_version into $sqslite_dir ..."
    mkdir -p "$sqslite_dir"
    npm install --prefix "$sqslite_dir" --no-save --no-audit --no-fund \
        "sqslite@$sqslite_version" >/dev/null
    installed=$(node -p "require('$sqslite_dir/node_modules/sqslite/package.json').version")
fi

work=$(mktemp -d /tmp/bench_endpoint.XXXXXX)
flowlab_pid=
sqslite_pid=
cleanup() {
    local rc=$?
    if [[ -n $flowlab_pid ]]; then kill "$flowlab_pid" 2>/dev/null || true; wait "$flowlab_pid" 2>/dev/null || true; fi
    if [[ -n $sqslite_pid ]]; then kill "$sqslite_pid" 2>/dev/null || true; wait "$sqslite_pid" 2>/dev/null || true; fi
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT

# wait_for FILE REGEX: prints the first match of REGEX in FILE, waiting up to 20 s.
wait_for() {
    local i
    for ((i = 0; i < 200; i++)); do
        if grep -Eo "$2" "$1" 2>/dev/null | head -1 | grep .; then return 0; fi
        sleep 0.1
    done
    cat "$1" >&2
    return 1
}

# cpu_seconds PID: user + system CPU time of a process so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$flowlab" --serve --headless --port 0 >"$work/flowlab.log" 2>&1 &
flowlab_pid=$!
flowlab_url=$(wait_for "$work/flowlab.log" 'http://127\.0\.0\.1:[0-9]+') || die "flowlab did not start"

sqslite_port=$($python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# sqslite's CLI as shipped (its default host, localhost; fastify's request log on, to a file).
# Its queue URLs must read http://localhost:PORT/queues/NAME, so the clients call it by that name.
node "$sqslite_cli" --port "$sqslite_port" >"$work/sqslite.log" 2>&1 &
sqslite_pid=$!
wait_for "$work/sqslite.log" 'server listening' >/dev/null || die "sqslite did not start"
sqslite_url=http://localhost:$sqslite_port

echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "host:      $(. /etc/os-release && echo "$PRETTY_NAME"), $(nproc) CPUs, $(uname -r)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (at start)"
echo "flowlab:   $flowlab at $flowlab_url"
echo "sqslite:   $installed at $sqslite_url (node $(node --version))"
echo "wrk:       $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"

echo
echo "== 1. SendMessage, wrk -t2 -c8 -d$wrk_duration, $wrk_runs runs (fresh queue each); load avg $(cut -d" " -f1 /proc/loadavg)"
rates=()
for ((run = 1; run <= wrk_runs; run++)); do
    queue_url=$($clients create-queue "$flowlab_url" "bench-wrk-$run")
    cpu0=$(cpu_seconds "$flowlab_pid")
    wrk -t2 -c8 -d"$wrk_duration" -s "$here/sendmessage.lua" "$flowlab_url/" -- "$queue_url" \
        >"$work/wrk.out"
    cpu1=$(cpu_seconds "$flowlab_pid")
    stored=$($clients count "$flowlab_url" "$queue_url")
    $clients delete-queue "$flowlab_url" "$queue_url"
    rate=$(awk '/^requests\/s:/ { print $2 }' "$work/wrk.out")
    total=$(awk '/ requests in / { print $1 }' "$work/wrk.out")
    secs=$(awk '/ requests in / { sub(/s,$/, "", $4); print $4 }' "$work/wrk.out")
    rates+=("$rate")
    printf '  run %d  %9.1f requests/s  %s requests in %ss; %s; %s; latency %s; ' \
        "$run" "$rate" "$total" "$secs" \
        "$(grep '^responses:' "$work/wrk.out")" \
        "$(grep '^socket errors:' "$work/wrk.out")" \
        "$(grep '^latency:' "$work/wrk.out" | cut -d' ' -f2-)"
    ok=$(sed -n 's/^responses: 2xx=\([0-9]*\) .*/\1/p' "$work/wrk.out")
    printf 'flowlab CPU %.0f%% of a core\n' \
        "$(awk -v a="$cpu0" -v b="$cpu1" -v s="$secs" 'BEGIN { print 100 * (b - a) / s }')"
    # wrk stops with up to one request per connection unanswered; the endpoint may still store it.
    echo "         queue ApproximateNumberOfMessages after the run: $stored ($((stored - ok)) more than the 2xx responses wrk counted)"
    if grep -q '^first non-2xx' "$work/wrk.out"; then
        echo "  WARNING: non-2xx responses: this run's rate is not SendMessage throughput"
        grep '^first non-2xx' "$work/wrk.out" | sed 's/^/    /'
    fi
done
echo "SendMessage median $(printf '%s\n' "${rates[@]}" | median) requests/s  (runs: $(IFS=/; echo "${rates[*]}" | sed 's#/# / #g'))  target >= 20000/s"

echo
echo "== 2. boto3 send -> receive -> delete, $cycles cycles, $loop_runs runs per server; load avg $(cut -d" " -f1 /proc/loadavg)"
$clients boto3-loop --server "flowlab=$flowlab_url" --server "sqslite=$sqslite_url" \
    --pid "flowlab=$flowlab_pid" --pid "sqslite=$sqslite_pid" --cycles "$cycles" --runs "$loop_runs"
echo "target: flowlab not slower than sqslite (ratio >= 1)"

echo
echo "== 3. long-poll wake-up latency, $samples samples, $lp_runs runs; load avg $(cut -d" " -f1 /proc/loadavg)"
$clients longpoll "$flowlab_url" --samples "$samples" --runs "$lp_runs" ${LP_VERBOSE:+--verbose}
echo "target: median <= 5 ms"

echo
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (at end)"
