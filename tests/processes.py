"""Starting servers in tests: a free port, waiting until it listens, the processes a
server started (read from /proc). Shared by the tests that run the app as a user would."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(proc: subprocess.Popen, port: int, seconds: float = 60,
                  what: str = "the server") -> None:
    """Poll a TCP connect until ``proc`` listens on ``port``; fail with its output if
    it exits, or after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            output = ""
            if proc.stdout:  # what it wrote so far; never wait on a child holding the pipe
                os.set_blocking(proc.stdout.fileno(), False)
                output = (proc.stdout.read() or b"").decode(errors="replace")
            raise AssertionError(f"{what} exited with {proc.returncode}:\n{output}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, f"{what} did not start in {seconds} s"
            time.sleep(0.3)


def _parents() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def children(pid: int) -> list[int]:
    """The processes ``pid`` started itself (e.g. a Voila server's kernels), sorted."""
    return sorted(_parents().get(pid, []))


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``: children, their children, …"""
    tree = _parents()
    found, todo = [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop(proc: subprocess.Popen, seconds: float = 20) -> str:
    """Terminate ``proc`` (killed if it has not ended after ``seconds``) and return
    what it wrote to its piped output ("" when not piped)."""
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out.decode(errors="replace") if out else ""
