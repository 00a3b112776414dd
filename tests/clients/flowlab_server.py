"""Starts `flowlab --serve --headless --port 0` for a client test and stops it afterwards."""

import os
import re
import subprocess
import time


class FlowlabServer:
    def __init__(self, *extra):
        exe = os.environ["FLOWLAB_EXE"]
        self.proc = subprocess.Popen(
            [exe, "--serve", "--headless", "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.time() + 30
        self.url = None
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.url = match.group(1)
                break
        if not self.url:
            self.stop()
            raise RuntimeError("flowlab --serve did not report its address")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
