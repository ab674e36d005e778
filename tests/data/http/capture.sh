#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Re-capture the raw HTTP responses in this folder (tests/data/http/), byte for byte, from real
# servers: prometheus-node-exporter (Go's net/http), the demo application exporter
# (../metrics/app_exporter.py, Debian's python3-prometheus-client) and nginx serving a recorded
# body (as the fan-out benchmark does). Each NAME.http holds what one connection received for one
# or two identical requests; NAME.http.expect says what Python's http.client reads from it (see
# raw_capture.py). tst_httpresponsereader feeds every capture to HttpResponseReader and compares.
#
# How: tests/data/http/capture.sh  (no stdin, no display; as root or a normal user).
# Needs: prometheus-node-exporter nginx python3-prometheus-client curl (scripts/install-deps.sh).
# Everything runs on 127.0.0.1, on free ports, in a temporary folder removed on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${PYTHON:-/usr/bin/python3}
node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}
nginx=${NGINX:-/usr/sbin/nginx}

work=$(mktemp -d "${TMPDIR:-/tmp}/stationdeck-http.XXXXXX")
chmod 755 "$work"
# shellcheck source=tests/common/capture.sh
source "$here/../../common/capture.sh"

node_port=$(free_port)
"$node_exporter" --web.listen-address="127.0.0.1:$node_port" >"$work/node.log" 2>&1 </dev/null &
pids+=($!)
app_port=$(free_port)
"$python" "$here/../metrics/app_exporter.py" serve "$app_port" >"$work/app.log" 2>&1 </dev/null &
pids+=($!)
nginx_port=$(free_port)
mkdir -p "$work/www" "$work/temp"
cp "$here/../metrics/node_exporter.text-0.0.4.txt" "$work/www/metrics.txt"
gzip -k -9 "$work/www/metrics.txt"
chmod -R a+rX "$work/www"
cat >"$work/nginx.conf" <<CONF
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/temp/body;
  proxy_temp_path $work/temp/proxy;
  fastcgi_temp_path $work/temp/fastcgi;
  uwsgi_temp_path $work/temp/uwsgi;
  scgi_temp_path $work/temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
    location = /metrics {
      types { }
      default_type "text/plain; version=0.0.4; charset=utf-8";
      gzip_static on;
      try_files /metrics.txt =404;
    }
  }
}
CONF
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" </dev/null &
pids+=($!)

wait_http "http://127.0.0.1:$node_port/metrics" prometheus-node-exporter "$work/node.log"
wait_http "http://127.0.0.1:$app_port/metrics" app_exporter.py "$work/app.log"
wait_http "http://127.0.0.1:$nginx_port/metrics" nginx "$work/error.log"

cd "$here"
capture() { "$python" "$here/raw_capture.py" "$@"; }
capture node_exporter.identity 127.0.0.1 "$node_port" /metrics identity
capture node_exporter.gzip 127.0.0.1 "$node_port" /metrics gzip
capture node_exporter.gzip.keepalive 127.0.0.1 "$node_port" /metrics gzip 2
capture node_exporter.404 127.0.0.1 "$node_port" /nothing-here identity
capture app_exporter.identity 127.0.0.1 "$app_port" /metrics identity
capture app_exporter.gzip 127.0.0.1 "$app_port" /metrics gzip
capture app_exporter.keepalive 127.0.0.1 "$app_port" /metrics identity 2
capture nginx.identity 127.0.0.1 "$nginx_port" /metrics identity
capture nginx.gzip.keepalive 127.0.0.1 "$nginx_port" /metrics gzip 2
capture nginx.404 127.0.0.1 "$nginx_port" /nothing-here identity
