#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Capture raw HTTP/1.1 responses, byte for byte, and describe them with Python's own http.client.

  raw_capture.py NAME HOST PORT PATH ENCODING [COUNT]

Sends the request Stationdeck's scraper sends (ScrapeFetch::requestBytes) COUNT times (default 1)
on one connection, and writes the bytes the server sent back to NAME.http. NAME.http.expect gets
one line per response, as an independent parser (http.client) reads it:
  status=200 content_type=... content_encoding=... body_bytes=N reusable=0|1
body_bytes counts the body as sent (after transfer coding, before content coding).
"""
import http.client
import io
import socket
import sys
import time

ACCEPT = ("application/openmetrics-text;version=1.0.0;q=0.75,"
          "text/plain;version=0.0.4;q=0.5,*/*;q=0.1")


class Replay(io.BytesIO):
    def makefile(self, *_args, **_kwargs):
        return self

    def close(self):  # http.client closes what it read; the next answer is still to be read
        pass


def describe(raw):
    stream = Replay(raw)
    lines = []
    while stream.tell() < len(raw):
        response = http.client.HTTPResponse(stream)
        response.begin()
        body = response.read()
        lines.append("status=%d content_type=%s content_encoding=%s body_bytes=%d reusable=%d" % (
            response.status,
            (response.getheader("Content-Type") or "-").replace(" ", ""),
            response.getheader("Content-Encoding") or "-",
            len(body),
            0 if response.will_close else 1))
        if response.will_close:
            break
    return lines


def main():
    name, host, port, path, encoding = sys.argv[1:6]
    count = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    request = ("GET %s HTTP/1.1\r\nHost: %s:%s\r\nUser-Agent: Stationdeck/capture\r\n"
               "Accept: %s\r\n" % (path, host, port, ACCEPT))
    if encoding != "identity":
        request += "Accept-Encoding: %s\r\n" % encoding
    request += "\r\n"
    raw = b""
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        for _ in range(count):
            conn.sendall(request.encode())
            # Read until http.client can make out a whole answer for every request sent.
            deadline = time.time() + 10
            while time.time() < deadline:
                conn.settimeout(0.3)
                try:
                    chunk = conn.recv(1 << 16)
                except socket.timeout:
                    chunk = None
                if chunk == b"":
                    break
                if chunk:
                    raw += chunk
                    continue
                try:
                    if len(describe(raw)) >= _ + 1:
                        break
                except Exception:  # an answer still incomplete
                    pass
    with open(name + ".http", "wb") as out:
        out.write(raw)
    with open(name + ".http.expect", "w") as out:
        out.write("\n".join(describe(raw)) + "\n")
    print("capture: %s.http: %d bytes, %s" % (name, len(raw), "; ".join(describe(raw))))


main()
