// ember.mjs: the Ember side of the JS drivers (bench.mjs, micro.mjs, tests/tpch): starting
// `ember serve` on a free port, the `ember-bench tpch` child that holds one Spark Connect session
// (its line protocol is in bench/client/eb.h), and the /proc readings (CPU time, RSS) of a
// process. Every process is started here and stopped by its own pid.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const CLK_TCK = 100; // Linux USER_HZ

// Every child started here, so none outlives the driver (a leftover child would hold the pipes
// of whoever runs the driver, ctest included): killed by pid when this process exits.
const children = new Set();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

// utime + stime of a process in seconds (NaN when it is gone).
export function procCpuSeconds(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return NaN;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
}

// A /proc/<pid>/status line in KiB (VmRSS, VmHWM); null when unknown.
export function procKib(pid, key) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// This process's user + system CPU seconds (DuckDB runs in-process).
export function selfCpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// `ember serve --port 0 [--threads N] [extra...]`; resolves when it prints its listening line.
export function startServer(emberPath, threads, extra = []) {
  return new Promise((resolve, reject) => {
    const args = ['serve', '--port', '0', ...(threads ? ['--threads', String(threads)] : []), ...extra];
    const child = track(spawn(emberPath, args, { stdio: ['ignore', 'ignore', 'pipe'] }));
    const server = { child, pid: child.pid, exited: false, url: null };
    let log = '';
    child.stderr.on('data', (d) => {
      log += d.toString();
      if (log.length > 1 << 20) log = log.slice(-(1 << 19));
      const m = log.match(/ember: listening on (\S+):(\d+)/);
      if (m && !server.url) {
        server.url = `sc://${m[1]}:${m[2]}`;
        resolve(server);
      }
    });
    child.on('exit', (code, signal) => {
      server.exited = true;
      server.exitCode = code;
      server.exitSignal = signal;
      if (!server.url) reject(new Error(`ember serve exited (${code ?? signal}): ${log}`));
    });
    server.stop = () => new Promise((res) => {
      if (server.exited) return res();
      child.on('exit', res);
      child.kill('SIGTERM');
      setTimeout(() => { if (!server.exited) child.kill('SIGKILL'); }, 10000).unref();
    });
    server.log = () => log;
  });
}

// The `ember-bench tpch` child: one command line in, one answer line out. source is
// { parquet: DIR } (spark.read.parquet) or { tbl: DIR, chunkRows } (LocalRelations); limits is
// { timeout, maxRssMib, killAfter } (seconds, MiB, seconds from the interrupt to SIGKILL).
export class EmberClient {
  constructor(path, server, source, limits = {}) {
    const load = source.parquet
      ? ['--parquet', source.parquet]
      : ['--data', source.tbl, '--chunk-rows', String(source.chunkRows ?? 200000)];
    this.child = track(spawn(path, ['tpch', '--url', server.url, ...load,
                              '--timeout', String(limits.timeout ?? 60),
                              '--server-pid', String(server.pid),
                              '--max-rss-mib', String(limits.maxRssMib ?? 8192),
                              '--kill-after', String(limits.killAfter ?? 30)],
                       { stdio: ['pipe', 'pipe', 'inherit'] }));
    this.lines = [];
    this.waiters = [];
    this.exited = false;
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const w = this.waiters.shift();
      if (w) w(line); else this.lines.push(line);
    });
    this.child.on('exit', () => {
      this.exited = true;
      for (const w of this.waiters.splice(0)) w('ERR 0 CLIENT_EXITED ember-bench exited');
    });
  }

  next() {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    if (this.exited) return Promise.resolve('ERR 0 CLIENT_EXITED ember-bench exited');
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  // The LOADED / LOADERR line: { ok, ms, rows } or { ok: false, message }.
  async loaded() {
    const line = await this.next();
    return line.startsWith('LOADED')
      ? { ok: true, ms: Number(line.split(' ')[1]), rows: Number(line.split(' ')[2]), line }
      : { ok: false, message: line, line };
  }

  async command(line) {
    if (this.exited) return { ok: false, ms: 0, errorClass: 'CLIENT_EXITED', message: 'ember-bench exited' };
    this.child.stdin.write(`${line}\n`);
    const answer = await this.next();
    const m = answer.match(/^(OK|ERR) (\S+) (\S+)\s?(.*)$/);
    if (!m) return { ok: false, ms: 0, errorClass: 'CLIENT_PROTOCOL', message: answer };
    if (m[1] === 'OK') return { ok: true, ms: Number(m[2]), rows: Number(m[3]) };
    return { ok: false, ms: Number(m[2]), errorClass: m[3], message: m[4] };
  }

  query(name, sqlPath, outPath) { return this.command(`QUERY ${name} ${sqlPath} ${outPath}`); }
  rangeAgg(rows, groups, outPath) { return this.command(`RANGEAGG ${rows} ${groups} ${outPath}`); }
  conf(key, value) { return this.command(`CONF ${key} ${value}`); }

  // Ends the client (QUIT: it releases its session) and resolves when it has exited; one still
  // busy after 5 s (e.g. retrying ReleaseSession against a server that was killed) is killed by
  // its pid. Call it before stopping the server.
  close() {
    const child = this.child;
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.on('exit', () => resolve());
      if (!this.exited) {
        child.stdin.write('QUIT\n');
        child.stdin.end();
      }
      setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 5000).unref();
    });
  }
}
