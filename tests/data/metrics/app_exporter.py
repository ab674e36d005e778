#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A small application exporter for the metrics-parser fixtures (see README.md beside this file).

It uses Debian's python3-prometheus-client (run it with /usr/bin/python3: a pyenv or venv python
usually lacks the module) and exposes, besides the client's default process/platform/gc
collectors, one metric family of each OpenMetrics type with the awkward parts a parser must get
right: label values holding a double quote, a backslash and a newline, non-ASCII help text and
label values, a UNIT, and exemplars on a counter and on a histogram bucket. The observed values
are fixed so that only the process metrics, the *_created timestamps and the exemplar timestamps
change between two captures.

    app_exporter.py serve PORT     serve /metrics on 127.0.0.1:PORT until SIGTERM/SIGINT
                                   (prometheus_client.start_http_server: it answers OpenMetrics
                                   1.0.0 when the Accept header asks for it, else text 0.0.4)
    app_exporter.py openmetrics    print the OpenMetrics exposition on stdout
                                   (prometheus_client.openmetrics.exposition.generate_latest)
    app_exporter.py text           print the text 0.0.4 exposition on stdout
                                   (prometheus_client.exposition.generate_latest)
"""

import signal
import sys
import threading

from prometheus_client import (
    REGISTRY,
    Counter,
    Enum,
    Gauge,
    Histogram,
    Info,
    Summary,
    start_http_server,
)
from prometheus_client.core import (
    GaugeHistogramMetricFamily,
    StateSetMetricFamily,
    UnknownMetricFamily,
)
from prometheus_client.exposition import generate_latest as generate_text
from prometheus_client.openmetrics.exposition import generate_latest as generate_openmetrics

# Label values a parser has to unescape: a double quote, a backslash, a newline, and non-ASCII.
TRICKY_PATH = 'C:\\Program Files\\"Stationdeck"\nline two'
UNICODE_VALUE = 'Zürich — 東京 ✓'


class _ExtraTypes:
    """The OpenMetrics types that the client has no instrument for."""

    def collect(self):
        gh = GaugeHistogramMetricFamily(
            'stationdeck_demo_queue_wait_seconds',
            'Age of the jobs waiting in the queue (gaugehistogram).',
            labels=['queue'],
            unit='seconds',
        )
        gh.add_metric(['default'], [('0.1', 2.0), ('1.0', 5.0), ('+Inf', 7.0)], gsum_value=9.5)
        yield gh
        ss = StateSetMetricFamily(
            'stationdeck_demo_feature_flags', 'Feature flags, one boolean per state (stateset).',
            labels=['scope'])
        ss.add_metric(['global'], {'dark_mode': True, 'beta_charts': False, 'offline': False})
        yield ss
        un = UnknownMetricFamily(
            'stationdeck_demo_legacy_value', 'A value whose type the exporter does not know.')
        un.add_metric([], 42.0)
        yield un


def build():
    requests = Counter(
        'stationdeck_demo_requests',
        'Requêtes traitées — handled requests, with “quotes” and a \\ backslash.',
        ['path', 'method'],
    )
    requests.labels(path='/api/v1/hosts', method='GET').inc(3)
    requests.labels(path=TRICKY_PATH, method='POST').inc(2, exemplar={'trace_id': 'a1b2c3d4e5f6'})
    requests.labels(path='/ünïcødé', method='GET').inc(1)

    cpu = Counter('stationdeck_demo_cpu', 'CPU time used by the demo jobs.', unit='seconds')
    cpu.inc(1.25)

    temperature = Gauge('stationdeck_demo_temperature_celsius', 'Rack temperature in °C.',
                        ['site'])
    temperature.labels(site=UNICODE_VALUE).set(21.5)
    temperature.labels(site='lab "B"').set(-3.25)
    not_a_number = Gauge('stationdeck_demo_ratio', 'A gauge that is NaN (nothing to divide by).')
    not_a_number.set(float('nan'))
    infinite = Gauge('stationdeck_demo_limit', 'A gauge that is +Inf (no limit).')
    infinite.set(float('inf'))

    latency = Histogram(
        'stationdeck_demo_request_duration_seconds', 'Request latency.',
        ['handler'], buckets=(0.005, 0.05, 0.5, 5.0),
    )
    for value in (0.001, 0.02, 0.02, 0.3, 1.7):
        latency.labels(handler='hosts').observe(value)
    latency.labels(handler='hosts').observe(0.04, exemplar={'trace_id': 'f00dfeed', 'span': '7'})

    size = Summary('stationdeck_demo_response_size_bytes', 'Response size in bytes.')
    for value in (512, 2048, 100):
        size.observe(value)

    build_info = Info('stationdeck_demo_build', 'Build information — version and commit.')
    build_info.info({'version': '1.2.3', 'commit': 'deadbeef', 'compiler': 'g++ 12.2'})

    state = Enum('stationdeck_demo_link_state', 'State of the uplink.', ['link'],
                 states=['up', 'degraded', 'down'])
    state.labels(link='wan0').state('degraded')

    REGISTRY.register(_ExtraTypes())


def main(argv):
    if len(argv) == 2 and argv[1] == 'openmetrics':
        build()
        sys.stdout.buffer.write(generate_openmetrics(REGISTRY))
        return 0
    if len(argv) == 2 and argv[1] == 'text':
        build()
        sys.stdout.buffer.write(generate_text(REGISTRY))
        return 0
    if len(argv) == 3 and argv[1] == 'serve':
        build()
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        start_http_server(int(argv[2]), addr='127.0.0.1')
        print(f'app_exporter: serving http://127.0.0.1:{argv[2]}/metrics', flush=True)
        stop.wait()
        return 0
    print(__doc__.split('\n\n')[2], file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
