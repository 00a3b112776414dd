#!/usr/bin/python3
"""Client side of the endpoint benchmark (tests/bench/endpoint/bench_endpoint.sh runs it).

Run with Debian's /usr/bin/python3 (python3-boto3 1.26, which speaks the SQS Query protocol).

  bench_clients.py create-queue ENDPOINT NAME     print the new queue's URL
  bench_clients.py count ENDPOINT QUEUE_URL       print ApproximateNumberOfMessages
  bench_clients.py delete-queue ENDPOINT QUEUE_URL
  bench_clients.py boto3-loop --server NAME=ENDPOINT [--server ...] [--cycles 500] [--runs 3]
      one boto3 client, send -> receive -> delete in sequence; messages/s per run and the median;
      with two servers the runs alternate between them and the ratio of the medians is printed.
  bench_clients.py longpoll ENDPOINT [--samples 50] [--runs 3]
      a raw-HTTP receiver long-polls (WaitTimeSeconds=10) an empty queue, a second raw-HTTP
      connection sends 50-60 ms later; time from just before the send to the receiver's full
      response.

The small helpers and the long-poll clients talk raw HTTP (Query protocol, form-encoded POST,
no signature: the endpoints under test accept unsigned requests) to keep client cost out of the
figures; the boto3 loop is boto3 on purpose.
"""

import argparse
import asyncio
import os
import random
import re
import statistics
import sys
import time
import http.client
import urllib.parse

VERSION = "2012-11-05"


# ---------------------------------------------------------------------------------------------
# Raw Query-protocol helpers

def _split(endpoint):
    u = urllib.parse.urlsplit(endpoint)
    return u.hostname, u.port or 80


def query(endpoint, params, timeout=30):
    """POSTs one Query-protocol request; returns (status, body text)."""
    host, port = _split(endpoint)
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        body = urllib.parse.urlencode({"Version": VERSION, **params})
        conn.request("POST", "/", body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _tag(text, name):
    m = re.search(r"<%s>(.*?)</%s>" % (name, name), text, re.S)
    return m.group(1) if m else None


def create_queue(endpoint, name):
    status, text = query(endpoint, {"Action": "CreateQueue", "QueueName": name})
    url = _tag(text, "QueueUrl")
    if status != 200 or not url:
        raise SystemExit("CreateQueue %s failed: %s %s" % (name, status, text[:300]))
    return url


def count_messages(endpoint, queue_url):
    status, text = query(endpoint, {"Action": "GetQueueAttributes", "QueueUrl": queue_url,
                                    "AttributeName.1": "ApproximateNumberOfMessages"})
    value = _tag(text, "Value")
    if status != 200 or value is None:
        raise SystemExit("GetQueueAttributes failed: %s %s" % (status, text[:300]))
    return int(value)


def delete_queue(endpoint, queue_url):
    status, text = query(endpoint, {"Action": "DeleteQueue", "QueueUrl": queue_url})
    if status != 200:
        raise SystemExit("DeleteQueue failed: %s %s" % (status, text[:300]))


# ---------------------------------------------------------------------------------------------
# boto3 send -> receive -> delete loop

def proc_cpu(pid):
    """User + system CPU seconds of a process so far (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def boto3_client(endpoint):
    import boto3
    from botocore.config import Config
    return boto3.session.Session(
        aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1",
    ).client("sqs", endpoint_url=endpoint,
             config=Config(retries={"max_attempts": 1}))


def boto3_run(sqs, queue_url, cycles, warmup=10):
    """One run: `warmup` uncounted cycles, then `cycles` timed ones.
    Returns (messages/s, client CPU share of the elapsed time, empty receives)."""
    empty = 0

    def cycle(i):
        nonlocal empty
        body = "bench message %06d " % i + "x" * 44   # 64 characters
        sqs.send_message(QueueUrl=queue_url, MessageBody=body)
        while True:
            got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1,
                                      WaitTimeSeconds=0).get("Messages", [])
            if got:
                break
            empty += 1   # the send was not yet visible: receive again
        if got[0]["Body"] != body:
            raise SystemExit("received %r, sent %r" % (got[0]["Body"], body))
        sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=got[0]["ReceiptHandle"])

    for i in range(warmup):
        cycle(-1 - i)
    empty = 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(cycles):
        cycle(i)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    return cycles / elapsed, cpu / elapsed, empty


def cmd_boto3_loop(args):
    servers = []
    for spec in args.server:
        name, _, endpoint = spec.partition("=")
        if not endpoint:
            raise SystemExit("--server wants NAME=ENDPOINT")
        servers.append((name, endpoint))
    import boto3
    import botocore
    print("boto3 %s, botocore %s, python %s; %d cycles per run (+10 warm-up cycles), "
          "one client, sequential" % (boto3.__version__, botocore.__version__,
                                      sys.version.split()[0], args.cycles))
    pids = {}
    for spec in args.pid:
        name, _, pid = spec.partition("=")
        pids[name] = int(pid)
    results = {name: [] for name, _ in servers}
    clients = {}
    for name, endpoint in servers:
        sqs = boto3_client(endpoint)
        clients[name] = sqs
    for run in range(1, args.runs + 1):
        # Runs alternate between the servers so that drift in the machine's load hits both.
        for name, endpoint in servers:
            sqs = clients[name]
            queue_url = sqs.create_queue(QueueName="bench-loop-%d-%d" % (os.getpid(), run))["QueueUrl"]
            pid = pids.get(name)
            scpu0, st0 = (proc_cpu(pid), time.perf_counter()) if pid else (0, 0)
            rate, cpu, empty = boto3_run(sqs, queue_url, args.cycles)
            server = ""
            if pid:
                # (includes the 10 warm-up cycles: a slight overestimate)
                server = ", server CPU %3.0f%%" % (
                    100 * (proc_cpu(pid) - scpu0) / (time.perf_counter() - st0))
            sqs.delete_queue(QueueUrl=queue_url)
            results[name].append(rate)
            print("  run %d %-8s %7.1f messages/s  (client CPU %3.0f%% of a core%s; "
                  "empty receives %d)" % (run, name, rate, 100 * cpu, server, empty), flush=True)
    medians = {}
    for name, _ in servers:
        medians[name] = statistics.median(results[name])
        print("boto3 loop %-8s median %7.1f messages/s  (runs: %s)" % (
            name, medians[name], " / ".join("%.1f" % r for r in results[name])))
    if len(servers) == 2:
        (a, _), (b, _) = servers
        print("boto3 loop ratio %s / %s = %.2f" % (a, b, medians[a] / medians[b]))


# ---------------------------------------------------------------------------------------------
# Long-poll wake-up latency

async def timed(awaitable):
    """Awaits; returns (result, time.perf_counter() when it completed)."""
    result = await awaitable
    return result, time.perf_counter()


class RawConnection:
    """A keep-alive HTTP/1.1 connection over asyncio streams; responses need Content-Length."""

    def __init__(self, host, port):
        self.host, self.port = host, port

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    def request_bytes(self, params):
        body = urllib.parse.urlencode({"Version": VERSION, **params}).encode()
        head = ("POST / HTTP/1.1\r\nHost: %s:%d\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: %d\r\n\r\n" % (self.host, self.port, len(body))).encode()
        return head + body

    async def send(self, params):
        self.writer.write(self.request_bytes(params))
        await self.writer.drain()

    async def response(self):
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = None
        for line in lines[1:]:
            key, _, value = line.partition(":")
            if key.strip().lower() == "content-length":
                length = int(value.strip())
            if key.strip().lower() == "transfer-encoding":
                raise SystemExit("longpoll: chunked responses are not handled")
        body = await self.reader.readexactly(length or 0)
        return status, body.decode("utf-8", "replace")

    async def call(self, params):
        await self.send(params)
        return await self.response()

    def close(self):
        self.writer.close()


async def longpoll_run(endpoint, samples, settle, jitter, rng):
    host, port = _split(endpoint)
    receiver = await RawConnection(host, port).open()
    sender = await RawConnection(host, port).open()
    name = "bench-longpoll-%d-%d" % (os.getpid(), int(time.time() * 1000) % 100000)
    status, text = await sender.call({"Action": "CreateQueue", "QueueName": name})
    queue_url = _tag(text, "QueueUrl")
    if status != 200 or not queue_url:
        raise SystemExit("longpoll: CreateQueue failed: %s %s" % (status, text[:300]))
    latencies, send_rtts = [], []
    for i in range(samples):
        body = "wake %d" % i
        # The receiver long-polls the empty queue ...
        await receiver.send({"Action": "ReceiveMessage", "QueueUrl": queue_url,
                             "WaitTimeSeconds": "10", "MaxNumberOfMessages": "1"})
        received = asyncio.ensure_future(timed(receiver.response()))
        # ... and the endpoint has parked the poll by now. The random part spreads the sends
        # over the phase of the runner's paced tick (4 ms): a fixed gap after the previous
        # sample's answer, which itself came on a tick, would send at the same phase every time.
        await asyncio.sleep(settle + rng.uniform(0, jitter))
        if received.done():
            raise SystemExit("longpoll: the receive returned before the send: %r"
                             % (received.result(),))
        t0 = time.perf_counter()
        await sender.send({"Action": "SendMessage", "QueueUrl": queue_url, "MessageBody": body})
        sent = asyncio.ensure_future(timed(sender.response()))
        (status, text), t1 = await received
        (sstatus, stext), t2 = await sent
        if status != 200 or sstatus != 200 or _tag(text, "Body") != body:
            raise SystemExit("longpoll: sample %d: receive %s %r / send %s %r"
                             % (i, status, text[:300], sstatus, stext[:300]))
        latencies.append((t1 - t0) * 1000)
        send_rtts.append((t2 - t0) * 1000)
        # Delete it so that the queue is empty for the next sample.
        status, text = await sender.call({"Action": "DeleteMessage", "QueueUrl": queue_url,
                                          "ReceiptHandle": _tag(text, "ReceiptHandle")})
        if status != 200:
            raise SystemExit("longpoll: DeleteMessage failed: %s %s" % (status, text[:300]))
    await sender.call({"Action": "DeleteQueue", "QueueUrl": queue_url})
    receiver.close()
    sender.close()
    return latencies, send_rtts


def p90(values):
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def cmd_longpoll(args):
    print("long poll: WaitTimeSeconds=10 on an empty queue, %d samples per run, the send "
          "%g-%g ms (uniform) after the receive was written; raw HTTP, asyncio, "
          "time.perf_counter" % (args.samples, args.settle * 1000,
                                 (args.settle + args.jitter) * 1000))
    rng = random.Random(1)
    medians, p90s = [], []
    for run in range(1, args.runs + 1):
        lat, rtt = asyncio.run(longpoll_run(args.endpoint, args.samples, args.settle,
                                            args.jitter, rng))
        medians.append(statistics.median(lat))
        p90s.append(p90(lat))
        print("  run %d  median %.3f ms  p90 %.3f ms  min %.3f ms  max %.3f ms   "
              "(the sender's own SendMessage response: median %.3f ms)"
              % (run, medians[-1], p90s[-1], min(lat), max(lat), statistics.median(rtt)),
              flush=True)
        if args.verbose:
            print("    samples (ms): " + " ".join("%.2f" % v for v in lat))
    print("long-poll wake-up median %.3f ms, p90 %.3f ms  (medians of the runs; runs: %s)" % (
        statistics.median(medians), statistics.median(p90s),
        " / ".join("%.3f/%.3f" % mp for mp in zip(medians, p90s))))


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("create-queue")
    p.add_argument("endpoint")
    p.add_argument("name")
    p = sub.add_parser("count")
    p.add_argument("endpoint")
    p.add_argument("queue_url")
    p = sub.add_parser("delete-queue")
    p.add_argument("endpoint")
    p.add_argument("queue_url")
    p = sub.add_parser("boto3-loop")
    p.add_argument("--server", action="append", required=True)
    p.add_argument("--pid", action="append", default=[],
                   help="NAME=PID: also print that server process's CPU use per run")
    p.add_argument("--cycles", type=int, default=500)
    p.add_argument("--runs", type=int, default=3)
    p = sub.add_parser("longpoll")
    p.add_argument("endpoint")
    p.add_argument("--samples", type=int, default=50)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--verbose", action="store_true", help="print every sample")
    p.add_argument("--settle", type=float, default=0.05,
                   help="seconds at least between writing the receive and sending (0.05)")
    p.add_argument("--jitter", type=float, default=0.01,
                   help="plus up to this many seconds, uniformly at random (0.01; 0: none)")
    args = parser.parse_args()
    if args.cmd == "create-queue":
        print(create_queue(args.endpoint, args.name))
    elif args.cmd == "count":
        print(count_messages(args.endpoint, args.queue_url))
    elif args.cmd == "delete-queue":
        delete_queue(args.endpoint, args.queue_url)
    elif args.cmd == "boto3-loop":
        cmd_boto3_loop(args)
    else:
        cmd_longpoll(args)


if __name__ == "__main__":
    main()
