#!/usr/bin/env python3
"""A hostile LAN client for connection-cap tests (issue 21): opens COUNT idle TCP connections to
HOST:PORT (from SOURCE, a loopback address, if given), never sends a byte and never closes one, and
holds them until its stdin closes. Prints "open N failed F" once every connect returned, then
"closed C" whenever the number of connections the server closed changes. One process holds at most
its RLIMIT_NOFILE hard limit, so a test starts several to go beyond one process's file descriptors.

usage: idle_connections.py HOST PORT COUNT [SOURCE]
"""
import resource
import select
import socket
import sys


def main():
    host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    source = sys.argv[4] if len(sys.argv) > 4 else None
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    held, failed = [], 0
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            if source:
                s.bind((source, 0))
            s.settimeout(30)
            s.connect((host, port))
            s.setblocking(False)
            held.append(s)
        except OSError:
            failed += 1
            s.close()
    print("open %d failed %d" % (len(held), failed), flush=True)

    poll = select.epoll()
    by_fd = {s.fileno(): s for s in held}
    for fd in by_fd:
        poll.register(fd, select.EPOLLIN | select.EPOLLRDHUP)
    stdin = sys.stdin.fileno()
    poll.register(stdin, select.EPOLLIN | select.EPOLLHUP)
    closed = 0
    while True:
        for fd, _ in poll.poll(1.0):
            if fd == stdin:
                if not sys.stdin.buffer.read1(4096):
                    return
                continue
            try:
                data = by_fd[fd].recv(65536)
            except OSError:
                data = b""
            if not data:
                # the server closed it: keep the descriptor (an attacker need not close), stop watching
                poll.unregister(fd)
                closed += 1
                print("closed %d" % closed, flush=True)


if __name__ == "__main__":
    main()
