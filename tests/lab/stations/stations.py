#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The stations of a lab: one real prometheus-node-exporter per station metrics URL on 127.0.0.1.

    stations.py start STATE_DIR INVENTORY [--procfs real|synthetic]
    stations.py stop STATE_DIR
    stations.py stop-port STATE_DIR PORT      stop one exporter (its station turns down)
    stations.py start-port STATE_DIR PORT     start it again
    stations.py list STATE_DIR                print "station site port kind url" lines
    stations.py inventory OUT SITE:COUNT...   write an Ansible inventory (YAML) of COUNT stations per
                                              site, each on a free 127.0.0.1 port (for tests: ports
                                              are picked at run time, tests run side by side);
                                              stations are named <site in lower case>-01, -02, ...

The inventory is read with `ansible-inventory --list` (the same reader Stationdeck uses). For each
station, its first metrics URL on 127.0.0.1 gets a node_exporter; further URLs get the demo
application exporter (tests/data/metrics/app_exporter.py, Debian's python3-prometheus-client).
Each node_exporter has a textfile-collector folder STATE_DIR/<port>/textfile (rollouts write the
build_info gauge there).

--procfs real (default, tests): every node_exporter reads this machine's /proc, so the figures are
real but equal for all stations. --procfs synthetic (the demo): each one reads its own
STATE_DIR/<port>/proc/{stat,meminfo}, which a loader process rewrites every second with a load
pattern of its own per station, so the fleet looks like a fleet. The exporters are unchanged real
node_exporters either way; only their /proc differs.

Needs: prometheus-node-exporter, ansible (ansible-inventory), python3-prometheus-client.
"""

import json
import math
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
NODE_EXPORTER = os.environ.get("NODE_EXPORTER", "/usr/bin/prometheus-node-exporter")
APP_EXPORTER = os.path.join(ROOT, "tests", "data", "metrics", "app_exporter.py")


def die(message):
    print(f"stations.py: {message}", file=sys.stderr)
    sys.exit(1)


def read_inventory(path):
    try:
        out = subprocess.run(["ansible-inventory", "-i", path, "--list"], check=True,
                             capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout
    except FileNotFoundError:
        die("ansible-inventory is not installed (scripts/install-deps.sh installs ansible)")
    except subprocess.CalledProcessError as error:
        die(f"ansible-inventory could not read {path}: {error.stderr.strip()}")
    data = json.loads(out)
    stations = []
    for host, hostvars in sorted(data.get("_meta", {}).get("hostvars", {}).items()):
        site = hostvars.get("stationdeck_site")
        urls = hostvars.get("stationdeck_metrics_url")
        if not site or not urls:
            continue
        if isinstance(urls, str):
            urls = [urls]
        for index, url in enumerate(urls):
            parsed = urllib.parse.urlsplit(url)
            if parsed.hostname != "127.0.0.1" or parsed.port is None:
                continue
            stations.append({"station": host, "site": site, "port": parsed.port, "url": url,
                             "kind": "node" if index == 0 else "app"})
    return stations


def write_proc(folder, station, t):
    """A /proc/stat and /proc/meminfo for `station` at time t: counters that only grow."""
    seed = zlib.crc32(station.encode())
    cpus = 2 + seed % 3 * 2
    base = 0.15 + (seed % 7) / 10.0          # 15 % .. 75 % busy on average
    swing = 0.1 + (seed % 5) / 20.0
    period = 120 + seed % 240                # seconds
    state_file = os.path.join(folder, "counters.json")
    try:
        with open(state_file) as f:
            state = json.load(f)
    except (OSError, ValueError):
        state = {"t": t, "busy": [0.0] * cpus, "idle": [0.0] * cpus}
    dt = max(0.0, t - state["t"])
    busy_share = min(0.98, max(0.02, base + swing * math.sin(2 * math.pi * t / period + seed)))
    for cpu in range(cpus):
        share = min(0.99, max(0.01, busy_share + 0.05 * math.sin(t / 7.0 + cpu)))
        state["busy"][cpu] += dt * share * 100   # USER_HZ ticks
        state["idle"][cpu] += dt * (1 - share) * 100
    state["t"] = t
    lines = []
    total_busy, total_idle = sum(state["busy"]), sum(state["idle"])
    lines.append(f"cpu  {int(total_busy * .8)} 0 {int(total_busy * .2)} {int(total_idle)} 0 0 0 0 0 0")
    for cpu in range(cpus):
        b, i = state["busy"][cpu], state["idle"][cpu]
        lines.append(f"cpu{cpu} {int(b * .8)} 0 {int(b * .2)} {int(i)} 0 0 0 0 0 0")
    lines += ["intr 0", "ctxt 0", "btime 1700000000", "processes 1", "procs_running 1",
              "procs_blocked 0", "softirq 0 0 0 0 0 0 0 0 0 0 0"]
    total_kb = (4 << 20) * (1 + seed % 4)    # 4, 8, 12 or 16 GiB
    used = 0.3 + (seed % 6) / 10.0 + 0.08 * math.sin(2 * math.pi * t / (period * 3))
    available_kb = int(total_kb * (1 - min(0.97, max(0.05, used))))
    meminfo = (f"MemTotal:       {total_kb} kB\nMemFree:        {available_kb // 2} kB\n"
               f"MemAvailable:   {available_kb} kB\nBuffers:        0 kB\nCached:         0 kB\n")
    for name, text in (("stat", "\n".join(lines) + "\n"), ("meminfo", meminfo),
                       ("counters.json", json.dumps(state))):
        tmp = os.path.join(folder, name + ".tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, os.path.join(folder, name))


def spawn(args, log):
    with open(log, "ab") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True).pid


def start_port(state, entry, procfs):
    folder = os.path.join(state, str(entry["port"]))
    os.makedirs(os.path.join(folder, "textfile"), exist_ok=True)
    log = os.path.join(folder, "exporter.log")
    if entry["kind"] == "app":
        pid = spawn(["/usr/bin/python3", APP_EXPORTER, "serve", str(entry["port"])], log)
    else:
        args = [NODE_EXPORTER, f"--web.listen-address=127.0.0.1:{entry['port']}",
                "--collector.textfile.directory=" + os.path.join(folder, "textfile")]
        if procfs == "synthetic":
            os.makedirs(os.path.join(folder, "proc"), exist_ok=True)
            write_proc(os.path.join(folder, "proc"), entry["station"], time.time())
            args += ["--path.procfs=" + os.path.join(folder, "proc"), "--collector.disable-defaults",
                     "--collector.cpu", "--collector.meminfo", "--collector.textfile"]
        pid = spawn(args, log)
    with open(os.path.join(folder, "pid"), "w") as f:
        f.write(str(pid))
    return folder


def wait_up(entry, folder, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(entry["url"], timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    log = open(os.path.join(folder, "exporter.log"), errors="replace").read()[-2000:]
    die(f"{entry['station']}: {entry['url']} did not come up within {seconds} s; its log:\n{log}")


def kill_pidfile(path):
    try:
        pid = int(open(path).read())
    except (OSError, ValueError):
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    os.remove(path)


def loader(state, entries):
    """Rewrites every synthetic /proc once a second until SIGTERM."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        now = time.time()
        for entry in entries:
            folder = os.path.join(state, str(entry["port"]), "proc")
            if entry["kind"] == "node" and os.path.isdir(folder):
                write_proc(folder, entry["station"], now)
        time.sleep(1)


def free_ports(count):
    import socket
    sockets, ports = [], []
    for _ in range(count):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sockets.append(sock)
        ports.append(sock.getsockname()[1])
    for sock in sockets:
        sock.close()
    return ports


def write_inventory(out, specs):
    sites = []
    for spec in specs:
        name, _, count = spec.partition(":")
        if not name or not count.isdigit() or int(count) < 1:
            die(f"a site is written NAME:COUNT, e.g. alpha:3, not {spec!r}")
        sites.append((name, int(count)))
    ports = iter(free_ports(sum(count for _, count in sites)))
    lines = ["# Written by tests/lab/stations/stations.py inventory: free ports picked at run time.",
             "all:", "  vars:", "    ansible_connection: local", "    ansible_host: 127.0.0.1",
             "  children:"]
    for name, count in sites:
        group = "".join(c if c.isalnum() else "_" for c in name.lower())
        host = "".join(c if c.isalnum() else "-" for c in name.lower())
        lines += [f"    {group}:", "      vars:", f"        stationdeck_site: {name}",
                  "        stationdeck_timezone: UTC", "      hosts:"]
        for index in range(1, count + 1):
            lines.append(f"        {host}-{index:02d}: "
                         f"{{stationdeck_metrics_url: \"http://127.0.0.1:{next(ports)}/metrics\"}}")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def load_state(state):
    try:
        with open(os.path.join(state, "stations.json")) as f:
            return json.load(f)
    except OSError:
        die(f"{state} holds no started lab (stations.json is missing)")


def main(argv):
    if len(argv) < 3:
        die("usage: stations.py start STATE_DIR INVENTORY [--procfs real|synthetic] | stop STATE_DIR | "
            "stop-port STATE_DIR PORT | start-port STATE_DIR PORT | list STATE_DIR")
    command, state = argv[1], os.path.abspath(argv[2])
    if command == "inventory":
        write_inventory(argv[2], argv[3:])
    elif command == "start":
        if len(argv) < 4:
            die("start needs STATE_DIR and INVENTORY")
        procfs = "real"
        if "--procfs" in argv:
            procfs = argv[argv.index("--procfs") + 1]
        if procfs not in ("real", "synthetic"):
            die(f"--procfs must be real or synthetic, not {procfs}")
        if os.path.exists(os.path.join(state, "stations.json")):
            main(["", "stop", state])
        os.makedirs(state, exist_ok=True)
        entries = read_inventory(argv[3])
        if not entries:
            die(f"{argv[3]} lists no station with a metrics URL on 127.0.0.1")
        with open(os.path.join(state, "stations.json"), "w") as f:
            json.dump({"procfs": procfs, "stations": entries}, f, indent=1)
        folders = [start_port(state, entry, procfs) for entry in entries]
        if procfs == "synthetic":
            pid = os.fork()
            if pid == 0:
                os.setsid()
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                loader(state, entries)
                os._exit(0)
            with open(os.path.join(state, "loader.pid"), "w") as f:
                f.write(str(pid))
        for entry, folder in zip(entries, folders):
            wait_up(entry, folder)
        print(f"{len(entries)} exporters up ({procfs} /proc) in {state}")
    elif command == "stop":
        if not os.path.isdir(state):
            return
        kill_pidfile(os.path.join(state, "loader.pid"))
        for name in os.listdir(state):
            if os.path.isfile(os.path.join(state, name, "pid")):
                kill_pidfile(os.path.join(state, name, "pid"))
        subprocess.run(["rm", "-rf", "--", state], check=False)
    elif command in ("stop-port", "start-port"):
        lab = load_state(state)
        port = int(argv[3])
        matches = [e for e in lab["stations"] if e["port"] == port]
        if not matches:
            die(f"no exporter of this lab listens on port {port}")
        folder = os.path.join(state, str(port))
        if command == "stop-port":
            kill_pidfile(os.path.join(folder, "pid"))
        else:
            start_port(state, matches[0], lab["procfs"])
            wait_up(matches[0], folder)
    elif command == "list":
        for e in load_state(state)["stations"]:
            print(e["station"], e["site"].replace(" ", "_"), e["port"], e["kind"], e["url"])
    else:
        die(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
