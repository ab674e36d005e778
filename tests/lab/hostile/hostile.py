#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Metrics endpoints that misbehave, for the scraper's tests (stdlib only).

Usage: hostile.py PORT_FILE [BODY_FILE]
Binds 127.0.0.1 on a free port, writes the port number to PORT_FILE (atomically) and serves until
killed. BODY_FILE is the exposition the good paths send (default: the node_exporter capture in
tests/data/metrics). Paths:

  /ok              200, the body (text format 0.0.4)
  /gzip            200, the body gzip-encoded (Content-Encoding: gzip)
  /truncated       200, Content-Length twice the body, half the body sent, then the connection closes
  /huge            200, 200 MB of valid samples, streamed without Content-Length
  /badutf8         200, a label value that is not UTF-8 on line 3
  /million-labels  200, one sample with a million label pairs (about 12 MB on one line)
  /slowloris       200 and its head at once, then one byte of body per second, forever
  /hang            accepts and reads the request, never answers
  /404, /500       those statuses with a short text body
  /redirect-loop   302 to itself, forever
  /html            200, text/html, a login page
  /gzip-bomb       200, Content-Encoding: gzip, 1 MB that decodes to 1 GiB of zeros
Every other path is a 404.
"""

import os
import socket
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BODY = os.path.join(HERE, "..", "..", "data", "metrics", "node_exporter.text-0.0.4.txt")
TEXT = "text/plain; version=0.0.4; charset=utf-8"
MIB = 1024 * 1024


def gzip_bytes(data):
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    return compressor.compress(data) + compressor.flush()


class Bomb:
    """A gzip stream of COUNT MiB of zeros: one deflate block repeated (a full flush makes each
    MiB compress to the same bytes), so it costs nothing to make or send."""

    COUNT = 1024

    def __init__(self):
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        self.block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
        self.tail = compressor.flush(zlib.Z_FINISH)
        self.header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"

    def trailer(self):
        crc = 0
        zeros = bytes(MIB)
        for _ in range(self.COUNT):
            crc = zlib.crc32(zeros, crc)
        size = (self.COUNT * MIB) & 0xFFFFFFFF
        return self.tail + crc.to_bytes(4, "little") + size.to_bytes(4, "little")

    def length(self):
        return len(self.header) + self.COUNT * len(self.block) + len(self.trailer())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hostile/1"
    body = b""
    gzipped = b""
    bomb = None

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def head(self, status, content_type, length=None, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is None:
            self.send_header("Connection", "close")
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(length))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()

    def whole(self, status, content_type, payload, extra=()):
        self.head(status, content_type, len(payload), extra)
        self.wfile.write(payload)

    def stream(self, chunks):
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):  # noqa: N802 - the base class's name
        path = self.path.split("?", 1)[0]
        route = ROUTES.get(path)
        if route is None:
            self.whole(404, "text/plain", b"not found\n")
            return
        route(self)

    def ok(self):
        self.whole(200, TEXT, self.body)

    def gzip(self):
        self.whole(200, TEXT, self.gzipped, [("Content-Encoding", "gzip")])

    def truncated(self):
        self.head(200, TEXT, 2 * len(self.body))
        self.wfile.write(self.body[: len(self.body) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def huge(self):
        self.head(200, TEXT)
        line = b'hostile_padding_total{index="0123456789"} 1\n'
        chunk = line * (MIB // len(line))
        self.stream(chunk for _ in range(200 * MIB // len(chunk)))

    def badutf8(self):
        payload = b'# TYPE up gauge\nup 1\nbad{label="caf\xc3 \xff"} 1\n'
        self.whole(200, TEXT, payload)

    def million_labels(self):
        self.head(200, TEXT)
        pairs = (b'l%d="v",' % i for i in range(1000000))

        def chunks():
            yield b"many{"
            batch = []
            for pair in pairs:
                batch.append(pair)
                if len(batch) == 10000:
                    yield b"".join(batch)
                    batch = []
            yield b"".join(batch) + b'end="1"} 1\n'

        self.stream(chunks())

    def slowloris(self):
        self.head(200, TEXT)

        def drip():
            while True:
                yield b"#"
                self.wfile.flush()
                time.sleep(1)

        self.stream(drip())

    def hang(self):
        while True:
            time.sleep(3600)

    def not_found(self):
        self.whole(404, "text/plain", b"no metrics here\n")

    def server_error(self):
        self.whole(500, "text/plain", b"something broke\n")

    def redirect_loop(self):
        self.whole(302, "text/plain", b"again\n", [("Location", "/redirect-loop")])

    def html(self):
        page = b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form></form></body></html>\n"
        self.whole(200, "text/html; charset=utf-8", page)

    def gzip_bomb(self):
        bomb = Handler.bomb
        self.head(200, TEXT, bomb.length(), [("Content-Encoding", "gzip")])

        def chunks():
            yield bomb.header
            for _ in range(bomb.COUNT):
                yield bomb.block
            yield bomb.trailer()

        self.stream(chunks())


ROUTES = {
    "/ok": Handler.ok,
    "/gzip": Handler.gzip,
    "/truncated": Handler.truncated,
    "/huge": Handler.huge,
    "/badutf8": Handler.badutf8,
    "/million-labels": Handler.million_labels,
    "/slowloris": Handler.slowloris,
    "/hang": Handler.hang,
    "/404": Handler.not_found,
    "/500": Handler.server_error,
    "/redirect-loop": Handler.redirect_loop,
    "/html": Handler.html,
    "/gzip-bomb": Handler.gzip_bomb,
}


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    port_file = sys.argv[1]
    with open(sys.argv[2] if len(sys.argv) == 3 else DEFAULT_BODY, "rb") as source:
        Handler.body = source.read()
    Handler.gzipped = gzip_bytes(Handler.body)
    Handler.bomb = Bomb()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    partial = port_file + ".partial"
    with open(partial, "w", encoding="ascii") as out:
        out.write("%d\n" % server.server_address[1])
    os.replace(partial, port_file)
    threading.current_thread().name = "hostile"
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
