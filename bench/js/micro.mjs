// micro.mjs: the micro-benchmarks of `make bench` (issues #3 and #5), Ember against DuckDB in
// one run, the engines interleaved:
//   agg        spark.range(50M).groupBy((id % 100).alias("k")).agg(sum("id"), count("*")) at 1
//              and 2 threads (Ember: session conf spark.ember.threads, read per query; DuckDB:
//              SET threads over range()), wall and CPU time, and each engine's 2-vs-1 speedup.
//   scan       lineitem (Parquet, the TPC-H data of the run): count(*) and the sums of four
//              DECIMAL columns; rows/s and MiB/s of the four columns' Parquet bytes.
//   interrupt  `ember-bench interrupt`: Interrupt → end of stream with OPERATION_CANCELED.
//   rss        the client's RSS growth during a streaming collect of 10M rows: the libember
//              engineer's `ember-rss-collect` (one column) when it is built, and `ember-bench
//              rss` (three columns, ~256 MiB of values).
// Ember CPU is the server's /proc/<pid>/stat utime + stime delta around the query; DuckDB's is
// this process's process.cpuUsage() delta (DuckDB runs here). Every result is checked against
// DuckDB's in the first (warm-up) run.
//
//   node micro.mjs --parquet DIR --ember PATH --ember-bench PATH --work DIR --out FILE
//                  [--runs 5] [--threads 2] [--agg-rows 50000000] [--rss-rows 10000000]
//                  [--rss-tool PATH] [--timeout SEC]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDuckDB, createViews, runQuery } from './duckdb.mjs';
import { compareResults, parseTsv } from './compare.mjs';
import { EmberClient, procCpuSeconds, selfCpuSeconds, startServer } from './ember.mjs';

const a = {};
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k += 2) a[argv[k].replace(/^--/, '')] = argv[k + 1];
const runs = Number(a.runs ?? 5);
const threads = Number(a.threads ?? 2);
const aggRows = Number(a['agg-rows'] ?? 50000000);
const rssRows = Number(a['rss-rows'] ?? 10000000);

const median = (v) => {
  if (!v.length) return null;
  const s = [...v].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (v) => ({ median: median(v), min: v.length ? Math.min(...v) : null,
                        max: v.length ? Math.max(...v) : null, samples: v });

async function main() {
  const { conn } = await openDuckDB(threads);
  await createViews(conn, a.parquet);
  const server = await startServer(a.ember, threads);
  const ember = new EmberClient(a['ember-bench'], server, { parquet: a.parquet },
                                { timeout: Number(a.timeout ?? 120), killAfter: 10 });
  const load = await ember.loaded();
  const out = { runs, threads, aggRows, rssRows, loadavg: { start: loadavg()[0] } };
  if (!load.ok) throw new Error(`ember-bench: ${load.message}`);

  // One Ember command and one DuckDB query, timed the same way as the TPC-H driver.
  const timeEmber = async (cmd) => {
    const c0 = procCpuSeconds(server.pid);
    const r = await cmd();
    return { ...r, cpuMs: (procCpuSeconds(server.pid) - c0) * 1000 };
  };
  const timeDuck = async (sql) => {
    const c0 = selfCpuSeconds();
    const t0 = performance.now();
    const res = await runQuery(conn, sql);
    return { ok: true, ms: performance.now() - t0, cpuMs: (selfCpuSeconds() - c0) * 1000, res };
  };
  const check = (emberTsv, duckRes) => compareResults(parseTsv(readFileSync(emberTsv, 'utf8')), duckRes);

  // (a) scan-aggregate at 1 and 2 threads.
  {
    const duckSql = `SELECT range % 100 AS k, sum(range) AS s, count(*) AS c FROM range(${aggRows}) GROUP BY k`;
    // The same aggregate over a materialized table of the ids: DuckDB scans tables in parallel
    // morsels, so this shows its 2-thread scaling when range() does not provide it.
    const duckTableSql = 'SELECT id % 100 AS k, sum(id) AS s, count(*) AS c FROM bench_ids GROUP BY k';
    await conn.run(`CREATE OR REPLACE TEMP TABLE bench_ids AS SELECT range AS id FROM range(${aggRows})`);
    const tsv = `${a.work}/agg.ember.tsv`;
    const agg = {};
    for (const t of [1, 2]) agg[t] = { ember: [], emberCpu: [], duck: [], duckCpu: [], duckTable: [], duckTableCpu: [] };
    let error = null;
    for (let run = 0; run <= runs && !error; run++) {
      const order = run % 2 ? [2, 1] : [1, 2];
      for (const t of order) {
        const conf = await ember.conf('spark.ember.threads', String(t));
        if (!conf.ok) { error = `${conf.errorClass}: ${conf.message}`; break; }
        const e = await timeEmber(() => ember.rangeAgg(aggRows, 100, tsv));
        if (!e.ok) { error = `${e.errorClass}: ${e.message}`; break; }
        await conn.run(`SET threads = ${t}`);
        const d = await timeDuck(duckSql);
        const dt = await timeDuck(duckTableSql);
        if (run === 0) {
          const cmp = check(tsv, d.res);
          if (!cmp.ok) { error = `MISMATCH: ${cmp.detail}`; break; }
          continue;
        }
        agg[t].ember.push(e.ms); agg[t].emberCpu.push(e.cpuMs);
        agg[t].duck.push(d.ms); agg[t].duckCpu.push(d.cpuMs);
        agg[t].duckTable.push(dt.ms); agg[t].duckTableCpu.push(dt.cpuMs);
        process.stderr.write(`micro: agg run ${run} threads ${t}: ember ${e.ms.toFixed(0)} ms, duckdb ${d.ms.toFixed(0)} ms\n`);
      }
    }
    await conn.run(`SET threads = ${threads}`);
    await conn.run('DROP TABLE bench_ids');
    await ember.conf('spark.ember.threads', String(threads));
    out.agg = error ? { error } : {
      1: Object.fromEntries(Object.entries(agg[1]).map(([k, v]) => [k, stats(v)])),
      2: Object.fromEntries(Object.entries(agg[2]).map(([k, v]) => [k, stats(v)])),
    };
    if (!error) {
      out.agg.emberSpeedup = out.agg[1].ember.median / out.agg[2].ember.median;
      out.agg.duckSpeedup = out.agg[1].duck.median / out.agg[2].duck.median;
      out.agg.duckTableSpeedup = out.agg[1].duckTable.median / out.agg[2].duckTable.median;
    }
  }

  // (b) scan throughput over lineitem.
  {
    const cols = ['l_quantity', 'l_extendedprice', 'l_discount', 'l_tax'];
    const sql = `SELECT count(*) AS n, ${cols.map((c) => `sum(${c}) AS sum_${c.slice(2)}`).join(', ')} FROM lineitem`;
    const sqlPath = `${a.work}/scan.sql`;
    writeFileSync(sqlPath, sql + '\n');
    const tsv = `${a.work}/scan.ember.tsv`;
    const meta = await runQuery(conn,
      `SELECT sum(total_compressed_size) AS c, sum(total_uncompressed_size) AS u FROM parquet_metadata('${a.parquet}/lineitem/*.parquet') ` +
      `WHERE path_in_schema IN (${cols.map((c) => `'${c}'`).join(', ')})`);
    const bytes = Number(meta.rows[0][0]), rawBytes = Number(meta.rows[0][1]);
    const scan = { ember: [], emberCpu: [], duck: [], duckCpu: [] };
    let error = null, rows = 0;
    for (let run = 0; run <= runs && !error; run++) {
      const first = run % 2 ? 'duck' : 'ember';
      let e, d;
      for (const who of first === 'ember' ? ['ember', 'duck'] : ['duck', 'ember']) {
        if (who === 'ember') e = await timeEmber(() => ember.query('scan', sqlPath, tsv));
        else d = await timeDuck(sql);
      }
      if (!e.ok) { error = `${e.errorClass}: ${e.message}`; break; }
      if (run === 0) {
        const cmp = check(tsv, d.res);
        if (!cmp.ok) { error = `MISMATCH: ${cmp.detail}`; break; }
        rows = Number(d.res.rows[0][0]);
        continue;
      }
      scan.ember.push(e.ms); scan.emberCpu.push(e.cpuMs); scan.duck.push(d.ms); scan.duckCpu.push(d.cpuMs);
    }
    out.scan = error ? { error } : {
      sql, rows, columnBytes: bytes, columnBytesUncompressed: rawBytes,
      ...Object.fromEntries(Object.entries(scan).map(([k, v]) => [k, stats(v)])),
    };
  }
  await ember.close();

  // (c) interrupt latency, on the same server.
  {
    const r = spawnSync(a['ember-bench'], ['interrupt', '--url', server.url, '--runs', '5'],
                        { encoding: 'utf8', timeout: 300000 });
    const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('{'));
    out.interrupt = line ? JSON.parse(line) : { ok: false, error: `ember-bench interrupt: ${r.stderr?.slice(-300)}` };
  }
  await server.stop();

  // (d) client RSS of a streaming collect, on a fresh server: the libember engineer's tool
  // (spark.range(N), one column) when it is built, and ember-bench rss (three columns).
  {
    const rssServer = await startServer(a.ember, threads);
    const parse = (tool, r) => {
      const text = r.stdout ?? '';
      const m = text.match(/rows=(\d+) rss_growth_mib=([\d.]+)/);
      const json = text.split('\n').find((l) => l.startsWith('{'));
      return m ? { ok: true, tool, rows: Number(m[1]), growthMib: Number(m[2]),
                   ...(json ? { detail: JSON.parse(json) } : {}) }
        : { ok: false, tool, error: `${text.slice(-200)} ${(r.stderr ?? '').slice(-300)}`.trim() };
    };
    const tool = a['rss-tool'] && existsSync(a['rss-tool']) ? a['rss-tool'] : null;
    if (tool)
      out.rss = parse('ember-rss-collect: spark.range(N)',
                      spawnSync(tool, [rssServer.url, String(rssRows)], { encoding: 'utf8', timeout: 600000 }));
    out.rssWide = parse('ember-bench rss: id, id * 2, CAST(id AS STRING)',
                        spawnSync(a['ember-bench'], ['rss', '--url', rssServer.url, '--rows', String(rssRows)],
                                  { encoding: 'utf8', timeout: 600000 }));
    await rssServer.stop();
  }
  out.loadavg.end = loadavg()[0];
  writeFileSync(a.out, JSON.stringify(out, null, 1));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
