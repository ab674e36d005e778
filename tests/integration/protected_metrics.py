#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# A metrics endpoint behind the OIDC lab's tokens, for cli_signin_steps.sh:
#   protected_metrics.py ISSUER BODY_FILE PORT_FILE
# /protected/...  answers BODY_FILE only to "Authorization: Bearer <token>" that the provider's
#                 userinfo endpoint accepts (401 otherwise);
# /open/...       answers BODY_FILE only to a request WITHOUT an Authorization header (400 if one
#                 came: the token went where it should not).
# Prints the port it listens on into PORT_FILE, and one line per request on stdout, never a token.
import http.server
import json
import os
import sys
import urllib.error
import urllib.request

issuer, body_file, port_file = sys.argv[1:4]
with open(body_file, "rb") as f:
    body = f.read()
with urllib.request.urlopen(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10) as r:
    userinfo = json.load(r)["userinfo_endpoint"]


def subject_of(authorization):
    if not authorization.startswith("Bearer "):
        return None
    request = urllib.request.Request(userinfo, headers={"Authorization": authorization})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.load(r).get("sub")
    except urllib.error.HTTPError:
        return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, data):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        authorization = self.headers.get("Authorization")
        if self.path.startswith("/protected/"):
            sub = subject_of(authorization or "")
            print(f"protected {'accepted sub=' + sub if sub else 'refused'}", flush=True)
            if sub:
                self.answer(200, body)
            else:
                self.answer(401, b"a valid bearer token is needed\n")
        elif self.path.startswith("/open/"):
            print(f"open {'LEAKED a token' if authorization else 'without a token'}", flush=True)
            self.answer(400 if authorization else 200, b"no token expected here\n" if authorization else body)
        else:
            self.answer(404, b"not found\n")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
