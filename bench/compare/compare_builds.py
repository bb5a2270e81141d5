#!/usr/bin/python3
"""
compare_builds.py: times TPC-H queries (and the scan / range aggregates of the micro-benchmarks)
on two or more Ember builds, interleaved query by query, so that load on a shared machine hits
every build alike. Per query and build: the median of RUNS timed runs (after one warm-up) of
the client's wall time and of the server's CPU time (utime + stime from /proc/<pid>/stat around
the query, all threads).

usage: compare_builds.py QUERIES BUILD_DIR [BUILD_DIR...]
  QUERIES   comma-separated: scan (count(*) + four decimal sums over lineitem), rangeagg
            (range(50M) grouped by id % 100: sum, count), or TPC-H names q1..q22
  BUILD_DIR a build directory holding `ember` (the first one's bench/ember-bench is the client)
env: RUNS (3), THREADS (2), BENCH_DATA (~/.cache/ember-bench/sf1/parquet-snappy, as bench/run.sh
     leaves it), QUERY_DIR (../shared/bench/queries/tpch)
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get('BENCH_DATA', os.path.expanduser('~/.cache/ember-bench/sf1/parquet-snappy'))
QDIR = os.environ.get('QUERY_DIR', os.path.join(HERE, '../../../shared/bench/queries/tpch'))
RUNS = int(os.environ.get('RUNS', '3'))
THREADS = os.environ.get('THREADS', '2')
TMP = tempfile.mkdtemp(prefix='ember-compare-')
SCAN_SQL = os.path.join(TMP, 'scan.sql')
with open(SCAN_SQL, 'w') as f:
    f.write('SELECT count(*) AS n, sum(l_quantity), sum(l_extendedprice), sum(l_discount), '
            'sum(l_tax) FROM lineitem')


def command(name):
    if name == 'scan':
        return f'QUERY scan {SCAN_SQL}'
    if name == 'rangeagg':
        return 'RANGEAGG 50000000 100'
    return f'QUERY {name} {os.path.join(QDIR, name + ".sql")}'


def cpu_ms(pid):
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf('SC_CLK_TCK')


def start(build, client):
    srv = subprocess.Popen([os.path.join(build, 'ember'), 'serve', '--port', '0', '--threads',
                            THREADS, '--warehouse', os.path.join(TMP, 'wh')],
                           stderr=subprocess.PIPE, text=True)
    while True:
        line = srv.stderr.readline()
        if not line:
            sys.exit(f'{build}: server did not start')
        m = re.search(r'listening on (\S+)', line)
        if m:
            break
    cl = subprocess.Popen([client, 'tpch', '--url', f'sc://{m.group(1)}', '--parquet', DATA],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    cl.stdout.readline()  # LOADED
    return build, srv, cl


def run_one(engine, name):
    build, srv, cl = engine
    out = os.path.join(TMP, f'out-{name}-{abs(hash(build))}.txt')
    before = cpu_ms(srv.pid)
    cl.stdin.write(f'{command(name)} {out}\n')
    cl.stdin.flush()
    reply = cl.stdout.readline().split()
    return (float(reply[1]) if reply and reply[0] == 'OK' else float('nan'),
            cpu_ms(srv.pid) - before, reply[0] if reply else 'EOF')


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    names, builds = sys.argv[1].split(','), sys.argv[2:]
    client = os.path.join(builds[0], 'bench', 'ember-bench')
    engines = [start(b, client) for b in builds]
    results = {}
    for name in names:
        for e in engines:
            run_one(e, name)  # warm-up
        for _ in range(RUNS):
            for e in engines:
                wall, cpu, status = run_one(e, name)
                if status != 'OK':
                    print(f'{name} {e[0]}: {status}', file=sys.stderr)
                results.setdefault((name, e[0]), []).append((wall, cpu))
    print(f'{"query":9s} {"build":40s} {"wall ms":>9s} {"cpu ms":>9s}')
    for name in names:
        for e in engines:
            v = results[(name, e[0])]
            print(f'{name:9s} {e[0]:40s} {statistics.median(x[0] for x in v):9.1f} '
                  f'{statistics.median(x[1] for x in v):9.1f}')
    for _, srv, cl in engines:
        cl.stdin.write('QUIT\n')
        cl.stdin.flush()
        cl.wait()
        srv.terminate()
        srv.wait()


if __name__ == '__main__':
    main()
