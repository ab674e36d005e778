#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The Python side of bench_parser: times Debian's python3-prometheus-client parser over files.
#   prometheus_client_rate.py MIN_SECONDS FORMAT:FILE...
# FORMAT is "text" (prometheus_client.parser.text_string_to_metric_families) or "openmetrics"
# (prometheus_client.openmetrics.parser.text_string_to_metric_families). For each file it prints
#   RATE <samples> <best seconds per parse> <parses timed> <FILE>
# timing (in CPU time of the thread, time.thread_time) repeated parses of the whole string (families and samples all materialised) for at least
# MIN_SECONDS (at least once), and keeping the fastest. Without prometheus_client it prints
#   SKIP <reason>
# and exits 0 (a file it refuses gives "FAIL <reason> <FILE>"), so that the benchmark can go on without its Python column.
import sys
import time

try:
    import prometheus_client
    from prometheus_client.parser import text_string_to_metric_families as parse_text
    from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
except ImportError as error:
    print(f"SKIP {sys.executable} cannot import prometheus_client ({error})")
    sys.exit(0)


def count_samples(parse, text):
    return sum(len(family.samples) for family in parse(text))


def main():
    min_seconds = float(sys.argv[1])
    try:
        from importlib.metadata import version
        client = version("prometheus_client")
    except Exception:  # noqa: BLE001 - only for the banner
        client = "unknown"
    print(f"VERSION prometheus_client {client}, Python {sys.version.split()[0]}", flush=True)
    for spec in sys.argv[2:]:
        kind, path = spec.split(":", 1)
        parse = parse_openmetrics if kind == "openmetrics" else parse_text
        with open(path, encoding="utf-8") as f:
            text = f.read()
        best = float("inf")
        runs = 0
        started = time.thread_time()
        while True:
            t0 = time.thread_time()
            try:
                samples = count_samples(parse, text)
            except ValueError as error:
                print(f"FAIL {error} {path}", flush=True)
                break
            best = min(best, time.thread_time() - t0)
            runs += 1
            if time.thread_time() - started >= min_seconds:
                print(f"RATE {samples} {best:.9f} {runs} {path}", flush=True)
                break


main()
