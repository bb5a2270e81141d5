// bench.mjs: the TPC-H driver of `make bench` (and of tests/tpch with --runs 0). One process
// runs DuckDB in-process and drives Ember through `ember-bench tpch` (a libember client speaking
// Spark Connect to `ember serve`), alternating the engines query by query: run 0 is the warm-up
// and the answer check, runs 1..N are timed (odd runs start with DuckDB, even runs with Ember,
// so neither always goes first). Both read the same Parquet files: Ember's tables are
// spark.read.parquet(DIR/<table>) temp views, DuckDB's read_parquet views.
//
// Measured per query and run: wall time as each client observed it with every row fetched;
// CPU time of the engine's process (Ember: the server's /proc/<pid>/stat utime + stime delta
// around the query; DuckDB: this process's process.cpuUsage() delta, since DuckDB runs here);
// peak RSS of the engine's process during the query (VmHWM, reset before each query by writing
// 5 to /proc/<pid>/clear_refs; DuckDB's is this node process's, node's own heap included).
//
//   node bench.mjs --parquet DIR --queries DIR --runs N --threads N --ember PATH
//                  --ember-bench PATH --work DIR --out FILE [--timeout SEC] [--max-rss-mib MIB]
//                  [--kill-after SEC] [--tbl DIR] [--load parquet|local] [--only q1,q2]
// --load local loads Ember from the .tbl files of --tbl as LocalRelations instead (the old path).
// The driver starts `ember serve --port 0 --threads N` itself (and again after a query that
// had to be killed: ember-bench interrupts a query past the timeout or the RSS cap, and kills
// the server by its pid if that does not stop it).
// Writes FILE (JSON): per query the status, Ember/DuckDB times, CPU and peak RSS of every run.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDuckDB, createViews, runQuery } from './duckdb.mjs';
import { compareResults, parseTsv } from './compare.mjs';
import { EmberClient, procCpuSeconds, procKib, selfCpuSeconds, startServer } from './ember.mjs';

function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let k = 0; k < argv.length; k += 2) out[argv[k].replace(/^--/, '')] = argv[k + 1];
  return out;
}

// Resets the peak RSS (VmHWM) of a process we own; false when the kernel refuses.
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const a = args();
  const runs = Number(a.runs ?? 3);
  const threads = Number(a.threads ?? 2);
  const only = a.only ? new Set(a.only.split(',')) : null;
  const queries = readdirSync(a.queries).filter((f) => /^q\d+\.sql$/.test(f))
    .filter((f) => !only || only.has(f.replace('.sql', '')))
    .sort((x, y) => Number(x.slice(1, -4)) - Number(y.slice(1, -4)));
  const source = a.load === 'local'
    ? { tbl: a.tbl, chunkRows: Number(process.env.BENCH_CHUNK_ROWS ?? 200000) }
    : { parquet: a.parquet };

  const load0 = loadavg()[0];
  const { conn } = await openDuckDB(threads);
  await createViews(conn, a.parquet);

  // Ember: the server and the views; started again after a query killed the server.
  let server, ember, load;
  let emberPeakRssKib = 0, duckPeakRssKib = 0;
  const startEmber = async () => {
    server = await startServer(a.ember, threads);
    ember = new EmberClient(a['ember-bench'], server, source, {
      timeout: Number(a.timeout ?? 60), maxRssMib: Number(a['max-rss-mib'] ?? 8192),
      killAfter: Number(a['kill-after'] ?? 30),
    });
    load = await ember.loaded();
    process.stderr.write(`bench: ember serve pid ${server.pid} at ${server.url}; ${load.line}\n`);
  };
  await startEmber();
  const firstLoad = load;

  const results = queries.map((f) => ({
    name: f.replace('.sql', ''), status: 'ok', ember: [], duck: [], emberCpu: [], duckCpu: [],
    emberRssKib: [], duckRssKib: [],
  }));

  const runEmber = async (q, file, run) => {
    const out = `${a.work}/${q.name}.ember.tsv`;
    resetPeak(server.pid);
    const c0 = procCpuSeconds(server.pid);
    const r = await ember.query(q.name, `${a.queries}/${file}`, out);
    if (!r.ok && ['SERVER_KILLED', 'ETRANSPORT', 'CLIENT_EXITED'].includes(r.errorClass))
      for (let k = 0; k < 50 && !server.exited; k++) await new Promise((res) => setTimeout(res, 100));
    const cpu = server.exited ? NaN : procCpuSeconds(server.pid) - c0;
    const peak = server.exited ? null : procKib(server.pid, 'VmHWM');
    if (peak) emberPeakRssKib = Math.max(emberPeakRssKib, peak);
    if (server.exited) {
      // The watchdog killed it (or it died): report, then start a fresh server for the rest.
      if (r.ok || ['ETRANSPORT', 'CLIENT_EXITED'].includes(r.errorClass))
        Object.assign(r, { ok: false, errorClass: 'SERVER_DIED',
                           message: `ember serve exited during ${q.name} (${server.exitSignal ?? server.exitCode})` });
      await ember.close();
      await startEmber();
    }
    if (!r.ok) {
      q.status = 'error';
      q.errorClass = r.errorClass;
      q.message = r.message;
      q.emberFailMs = r.ms;
      q.emberFailRssKib = peak;
      return null;
    }
    if (run === 0) q.checkMs = r.ms;
    if (run > 0) {
      q.ember.push(r.ms);
      q.emberCpu.push(cpu * 1000);
      if (peak) q.emberRssKib.push(peak);
    }
    q.emberRows = r.rows;
    return out;
  };
  const runDuck = async (q, sql, run) => {
    resetPeak(process.pid);
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
    const peak = procKib(process.pid, 'VmHWM');
    if (peak) duckPeakRssKib = Math.max(duckPeakRssKib, peak);
    if (run > 0) {
      q.duck.push(ms);
      q.duckCpu.push(cpu * 1000);
      if (peak) q.duckRssKib.push(peak);
    }
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
                      [duckRes.names.join('\t'), duckRes.types.join('\t'),
                       ...duckRes.rows.map((r) => r.join('\t'))].join('\n') + '\n');
      }
      process.stderr.write(`bench: run ${run} ${q.name}: ${q.status}` +
                           (q.status === 'ok' && run > 0 ? ` ember ${q.ember.at(-1).toFixed(1)} ms, duckdb ${q.duck.at(-1).toFixed(1)} ms` : '') +
                           (q.errorClass ? ` [${q.errorClass}]` : '') +
                           (q.status === 'mismatch' ? ` ${q.message}` : '') + '\n');
    }
  }
  await ember.close();
  await server.stop();
  const summary = {
    runs, threads, load: firstLoad, timeout: Number(a.timeout ?? 60), loadPath: source.parquet ? 'parquet' : 'local',
    emberPeakRssKib, duckPeakRssKib,
    loadavg: { start: load0, end: loadavg()[0] }, // 1-minute load: other work on the machine
    queries: results,
  };
  writeFileSync(a.out, JSON.stringify(summary, null, 1));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
