// bench.mjs: the TPC-H driver of `make bench`. One process runs DuckDB in-process and drives
// Ember through `ember-bench tpch` (a libember client speaking Spark Connect to `ember serve`),
// alternating the engines query by query: run 0 is the warm-up and the answer check, runs
// 1..N are timed (odd runs start with DuckDB, even runs with Ember, so neither always goes
// first). Wall time is what each client observed with every row fetched; CPU time is the
// engine process's (Ember: the server's /proc/<pid>/stat utime + stime; DuckDB: this
// process's getrusage, which is where DuckDB runs). Peak RSS: each process's VmHWM.
//
//   node bench.mjs --parquet DIR --tbl DIR --queries DIR --runs N --threads N
//                  --ember PATH --ember-bench PATH --work DIR --out FILE
//                  [--timeout SEC] [--max-rss-mib MIB]
// The driver starts `ember serve --port 0 --threads N` itself (and again after a query that
// had to be killed: ember-bench interrupts a query past the timeout or the RSS cap, and kills
// the server if that does not stop it), then `ember-bench tpch` to load the views.
// Writes FILE (JSON): per query the status, Ember/DuckDB times of every run, CPU, rows.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { openDuckDB, createViews, runQuery } from './duckdb.mjs';
import { compareResults, parseTsv } from './compare.mjs';

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let k = 0; k < argv.length; k += 2) out[argv[k].replace(/^--/, '')] = argv[k + 1];
  return out;
}

const CLK_TCK = 100; // Linux USER_HZ

function procCpuSeconds(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return NaN; // the process is gone
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
}

function procKib(pid, key) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function selfCpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

// `ember serve` on a free port; resolves when it prints its listening line.
function startServer(emberPath, threads, logPath) {
  return new Promise((resolve, reject) => {
    const child = spawn(emberPath, ['serve', '--port', '0', '--threads', String(threads)],
                        { stdio: ['ignore', 'ignore', 'pipe'] });
    const server = { child, pid: child.pid, exited: false, url: null };
    child.on('exit', () => { server.exited = true; });
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
    child.on('exit', (code) => { if (!server.url) reject(new Error(`ember serve exited (${code}): ${log}`)); });
    server.stop = () => new Promise((res) => {
      if (server.exited) return res();
      child.on('exit', res);
      child.kill('SIGTERM');
      setTimeout(() => { if (!server.exited) child.kill('SIGKILL'); }, 10000);
    });
    server.log = () => log;
    void logPath;
  });
}

// The ember-bench child: one command line in, one answer line out.
class EmberClient {
  constructor(path, server, tbl, timeout, maxRssMib) {
    this.child = spawn(path, ['tpch', '--url', server.url, '--data', tbl, '--timeout', String(timeout),
                              '--server-pid', String(server.pid), '--max-rss-mib', String(maxRssMib),
                              '--chunk-rows', String(process.env.BENCH_CHUNK_ROWS ?? 200000)],
                       { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = [];
    this.waiters = [];
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const w = this.waiters.shift();
      if (w) w(line); else this.lines.push(line);
    });
    this.child.on('exit', () => { for (const w of this.waiters.splice(0)) w('ERR 0 CLIENT_EXITED ember-bench exited'); });
  }
  next() {
    if (this.lines.length) return Promise.resolve(this.lines.shift());
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  async query(name, sqlPath, outPath) {
    this.child.stdin.write(`QUERY ${name} ${sqlPath} ${outPath}\n`);
    const line = await this.next();
    const m = line.match(/^(OK|ERR) (\S+) (\S+)\s?(.*)$/);
    if (!m) return { ok: false, ms: 0, errorClass: 'CLIENT_PROTOCOL', message: line };
    if (m[1] === 'OK') return { ok: true, ms: Number(m[2]), rows: Number(m[3]) };
    return { ok: false, ms: Number(m[2]), errorClass: m[3], message: m[4] };
  }
  // Ends the client; one still busy after 5 s (e.g. retrying ReleaseSession against a server
  // that was killed) is killed by its pid.
  quit() {
    this.child.stdin.write('QUIT\n');
    this.child.stdin.end();
    const child = this.child;
    setTimeout(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); }, 5000).unref();
    child.stdout.destroy();
    child.unref();
  }
}

async function main() {
  const a = args();
  const runs = Number(a.runs ?? 3);
  const threads = Number(a.threads ?? 2);
  const queries = readdirSync(a.queries).filter((f) => /^q\d+\.sql$/.test(f))
    .sort((x, y) => Number(x.slice(1, -4)) - Number(y.slice(1, -4)));

  const { conn } = await openDuckDB(threads);
  await createViews(conn, a.parquet);

  // Ember: the server and the loaded views; started again after a query killed the server.
  let server, ember, load;
  let emberPeakRssKib = 0;
  const startEmber = async () => {
    server = await startServer(a.ember, threads);
    ember = new EmberClient(a['ember-bench'], server, a.tbl, Number(a.timeout ?? 60),
                            Number(a['max-rss-mib'] ?? 8192));
    const loadLine = await ember.next();
    load = loadLine.startsWith('LOADED')
      ? { ok: true, ms: Number(loadLine.split(' ')[1]), rows: Number(loadLine.split(' ')[2]) }
      : { ok: false, message: loadLine };
    process.stderr.write(`bench: ember serve pid ${server.pid} at ${server.url}; load: ${loadLine}\n`);
  };
  const notePeak = () => {
    if (!server.exited && existsSync(`/proc/${server.pid}`))
      emberPeakRssKib = Math.max(emberPeakRssKib, procKib(server.pid, 'VmHWM') ?? 0);
  };
  await startEmber();
  const firstLoad = load;

  const results = queries.map((f) => ({
    name: f.replace('.sql', ''), status: 'ok', ember: [], duck: [], emberCpu: [], duckCpu: [],
  }));

  const runEmber = async (q, file, run) => {
    const out = `${a.work}/${q.name}.ember.tsv`;
    const c0 = procCpuSeconds(server.pid);
    const r = await ember.query(q.name, `${a.queries}/${file}`, out);
    if (!r.ok && ['SERVER_KILLED', 'ETRANSPORT', 'CLIENT_EXITED'].includes(r.errorClass))
      for (let k = 0; k < 50 && !server.exited; k++) await new Promise((res) => setTimeout(res, 100));
    const cpu = server.exited ? 0 : procCpuSeconds(server.pid) - c0;
    notePeak();
    if (server.exited) {
      // The watchdog killed it (or it died): report, then start a fresh server for the rest.
      if (r.ok || ['ETRANSPORT', 'CLIENT_EXITED'].includes(r.errorClass))
        Object.assign(r, { ok: false, errorClass: 'SERVER_DIED', message: `ember serve exited during ${q.name}` });
      ember.quit();
      await startEmber();
    }
    if (!r.ok) {
      q.status = 'error';
      q.errorClass = r.errorClass;
      q.message = r.message;
      return null;
    }
    if (run > 0) { q.ember.push(r.ms); q.emberCpu.push(cpu * 1000); }
    q.emberRows = r.rows;
    return out;
  };
  const runDuck = async (q, sql, run) => {
    const c0 = selfCpuSeconds();
    const t0 = performance.now();
    let res;
    try {
      res = await runQuery(conn, sql);
    } catch (e) {
      q.duckError = String(e.message ?? e).split('\n')[0];
      return null;
    }
    const ms = performance.now() - t0;
    const cpu = selfCpuSeconds() - c0;
    if (run > 0) { q.duck.push(ms); q.duckCpu.push(cpu * 1000); }
    q.duckRows = res.rows.length;
    return res;
  };

  for (let run = 0; run <= runs; run++) {
    for (let qi = 0; qi < queries.length; qi++) {
      const q = results[qi];
      const file = queries[qi];
      const sql = readFileSync(`${a.queries}/${file}`, 'utf8');
      if (run > 0 && q.status !== 'ok') {
        // Failed or mismatched queries are not timed again; DuckDB still is, for reference.
        await runDuck(q, sql, run);
        continue;
      }
      let emberOut, duckRes;
      if (run % 2 === 1) {
        duckRes = await runDuck(q, sql, run);
        emberOut = load.ok ? await runEmber(q, file, run) : null;
      } else {
        emberOut = load.ok ? await runEmber(q, file, run) : null;
        duckRes = await runDuck(q, sql, run);
      }
      if (!load.ok && q.status === 'ok') {
        q.status = 'error';
        q.errorClass = 'LOAD_FAILED';
        q.message = load.message;
      }
      if (run === 0 && emberOut && duckRes) {
        const cmp = compareResults(parseTsv(readFileSync(emberOut, 'utf8')), duckRes);
        q.check = cmp.note;
        if (!cmp.ok) {
          q.status = 'mismatch';
          q.message = cmp.detail;
        }
        writeFileSync(`${a.work}/${q.name}.duckdb.tsv`,
                      [duckRes.names.join('\t'), ...duckRes.rows.map((r) => r.join('\t'))].join('\n') + '\n');
      }
      process.stderr.write(`bench: run ${run} ${q.name}: ${q.status}` +
                           (q.status === 'ok' && run > 0 ? ` ember ${q.ember.at(-1).toFixed(1)} ms, duckdb ${q.duck.at(-1).toFixed(1)} ms` : '') +
                           (q.errorClass ? ` [${q.errorClass}]` : '') + '\n');
    }
  }
  notePeak();
  ember.quit();
  await server.stop();
  const summary = {
    runs, threads, load: firstLoad,
    emberPeakRssKib,
    duckPeakRssKib: procKib(process.pid, 'VmHWM'),
    queries: results,
  };
  writeFileSync(a.out, JSON.stringify(summary, null, 1));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
