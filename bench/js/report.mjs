// report.mjs: the results of one `make bench` run as bench/results/<date>-tpch-sf<N>.md and
// .svg (gnuplot), the same table on stdout, and the README's "latest results" link.
//   node report.mjs --tpch FILE --proto FILE --micro FILE --sf N --codec C --threads N
//                   --manifest FILE --results DIR --readme FILE
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const a = {};
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k += 2) a[argv[k].replace(/^--/, '')] = argv[k + 1];

const tpch = JSON.parse(readFileSync(a.tpch, 'utf8'));
const proto = existsSync(a.proto)
  ? readFileSync(a.proto, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))
  : [];
const metric = (name) => proto.find((m) => m.metric === name);
const micro = a.micro && existsSync(a.micro) ? JSON.parse(readFileSync(a.micro, 'utf8')) : null;

const median = (v) => {
  if (!v.length) return null;
  const s = [...v].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms === null || ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const range = (v) => (v.length ? `${fmt(Math.min(...v))}–${fmt(Math.max(...v))}` : '');

const mibOf = (kib) => (kib ? (kib / 1024).toFixed(0) : '—');
const maxOf = (v) => (v && v.length ? Math.max(...v) : null);
const rows = [];
let emberTotal = 0, duckTotal = 0, emberCpuTotal = 0, duckCpuTotal = 0, logSum = 0, nBoth = 0;
for (const q of tpch.queries) {
  const e = median(q.ember), d = median(q.duck);
  const ok = q.status === 'ok' && e !== null && d !== null;
  const ratio = ok ? e / d : null;
  if (ok) {
    emberTotal += e; duckTotal += d; logSum += Math.log(ratio); nBoth++;
    emberCpuTotal += median(q.emberCpu); duckCpuTotal += median(q.duckCpu);
  }
  let status = q.status === 'ok' ? `ok (${q.check ?? 'checked'})` : q.status;
  if (q.status === 'error') {
    // The class, and the start of Ember's message: what is missing, in Ember's words.
    const msg = (q.message ?? '').replace(/^\[[^\]]*\]\s*/, '').replace(/\s*SQLSTATE: \w+$/, '');
    status = msg ? (msg.length > 110 ? msg.slice(0, 107) + '...' : msg) : q.errorClass;
    if (q.errorClass === 'TIMEOUT') status = `still running after ${tpch.timeout ?? '?'} s; stopped by Interrupt (${fmt(q.emberFailMs)} ms in all)`;
    if (q.errorClass === 'MEMORY_LIMIT') status = `server RSS past the cap; stopped by Interrupt`;
    if (q.errorClass === 'SERVER_KILLED') status = `the Interrupt did not stop it; server killed by its pid`;
  }
  if (q.status === 'mismatch') status = `MISMATCH: ${q.message}`;
  if (q.duckError) status += ` (DuckDB failed: ${q.duckError})`;
  rows.push({
    name: q.name, status,
    ember: ok ? `${fmt(e)} (${range(q.ember)})` : q.errorClass === 'TIMEOUT' ? 'TIMEOUT' : q.status === 'mismatch' ? 'MISMATCH' : q.errorClass ?? '—',
    emberCpu: ok ? fmt(median(q.emberCpu)) : '—',
    emberRss: ok ? mibOf(maxOf(q.emberRssKib)) : q.emberFailRssKib ? `(${mibOf(q.emberFailRssKib)})` : '—',
    duck: d !== null ? `${fmt(d)} (${range(q.duck)})` : '—',
    duckCpu: d !== null ? fmt(median(q.duckCpu)) : '—',
    duckRss: d !== null ? mibOf(maxOf(q.duckRssKib)) : '—',
    ratio: ok ? ratio.toFixed(2) : '—',
    rows: q.duckRows ?? '—',
    e: ok ? e : null, d,
  });
}
const nOk = nBoth;
const geo = nBoth ? Math.exp(logSum / nBoth) : null;
const failures = tpch.queries.filter((q) => q.status !== 'ok');
const mismatches = tpch.queries.filter((q) => q.status === 'mismatch');

const table = [
  '| query | Ember ms median (min–max) | Ember CPU ms | Ember peak MiB | DuckDB ms median (min–max) | DuckDB CPU ms | DuckDB peak MiB | Ember / DuckDB | rows | Ember\'s answer |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.name} | ${r.ember} | ${r.emberCpu} | ${r.emberRss} | ${r.duck} | ${r.duckCpu} | ${r.duckRss} | ${r.ratio} | ${r.rows} | ${r.status.replaceAll('|', '\\|')} |`),
  `| **total (${nBoth} queries both ran)** | ${fmt(emberTotal)} | ${fmt(emberCpuTotal)} | | ${fmt(duckTotal)} | ${fmt(duckCpuTotal)} | | ${nBoth ? (emberTotal / duckTotal).toFixed(2) : '—'} | | |`,
  `| **geometric mean of ratios** | | | | | | | ${geo ? geo.toFixed(2) : '—'} | | |`,
].join('\n');

const mib = (kib) => (kib ? `${(kib / 1024).toFixed(0)} MiB` : '—');
const manifest = existsSync(a.manifest) ? readFileSync(a.manifest, 'utf8').trim() : '';
const date = new Date().toISOString().slice(0, 10);
const base = `${date}-tpch-sf${a.sf}${a.codec && a.codec !== 'snappy' ? `-${a.codec}` : ''}`;

const protoLines = [];
const an = metric('analyze_schema'), r1 = metric('range1_collect'), echo = metric('raw_unary_echo');
const col = metric('collect_int64'), raw = metric('raw_stream'), st = metric('startup');
if (an) protoLines.push(`| AnalyzePlan(schema) latency | p50 ${an.p50_ms.toFixed(3)} ms, p99 ${an.p99_ms.toFixed(3)} ms | raw gRPC unary echo: p50 ${echo ? echo.p50_ms.toFixed(3) : '—'} ms, p99 ${echo ? echo.p99_ms.toFixed(3) : '—'} ms |`);
if (r1) protoLines.push(`| range(1).collect() round trip | p50 ${r1.p50_ms.toFixed(3)} ms, p99 ${r1.p99_ms.toFixed(3)} ms | same raw echo |`);
if (col) protoLines.push(`| collect of ${col.rows.toLocaleString('en-US')} int64 rows | ${col.mib_per_s.toFixed(0)} MiB/s of values (${col.secs.toFixed(2)} s, ${col.batches} batches) | raw gRPC stream, ${raw ? raw.messages : '—'} messages of the same size: ${raw ? raw.mib_per_s.toFixed(0) : '—'} MiB/s (${raw ? ((col.mib_per_s / raw.mib_per_s) * 100).toFixed(0) : '—'}% of it) |`);
if (st) protoLines.push(`| process start → listening / first answered request | ${st.listening_ms.toFixed(1)} ms / ${st.first_answer_ms.toFixed(1)} ms (median of ${st.runs}) | — |`);
if (st) protoLines.push(`| idle RSS (1 s after the first request) | ${st.idle_rss_mib.toFixed(1)} MiB | — |`);
for (const m of proto.filter((x) => x.metric === 'error'))
  protoLines.push(`| error | ${m.class}: ${m.message} | — |`);

// Micro-benchmarks (micro.mjs).
const microLines = [];
const ms = (st) => (st && st.median !== null ? `${fmt(st.median)} ms (${fmt(st.min)}–${fmt(st.max)})` : '—');
if (micro?.agg?.error) microLines.push(`| scan-aggregate of ${micro.aggRows.toLocaleString('en-US')} rows | failed: ${micro.agg.error} | — |`);
else if (micro?.agg) {
  for (const t of [1, 2])
    microLines.push(`| scan-aggregate, ${micro.aggRows.toLocaleString('en-US')} rows, ${t} thread${t > 1 ? 's' : ''}: wall, CPU | ${ms(micro.agg[t].ember)}, CPU ${fmt(micro.agg[t].emberCpu.median)} ms | range(): ${ms(micro.agg[t].duck)}, CPU ${fmt(micro.agg[t].duckCpu.median)} ms${micro.agg[t].duckTable ? `; table: ${ms(micro.agg[t].duckTable)}, CPU ${fmt(micro.agg[t].duckTableCpu.median)} ms` : ''} |`);
  microLines.push(`| scan-aggregate speedup, 2 threads vs 1 (median wall) | **${micro.agg.emberSpeedup.toFixed(2)}×** | range(): **${micro.agg.duckSpeedup.toFixed(2)}×**${micro.agg.duckTableSpeedup ? `; table: **${micro.agg.duckTableSpeedup.toFixed(2)}×**` : ''} |`);
}
if (micro?.scan?.error) microLines.push(`| lineitem scan | failed: ${micro.scan.error} | — |`);
else if (micro?.scan) {
  const sc = micro.scan;
  const thr = (st) => {
    const secs = st.median / 1000;
    return `${ms(st)}: ${(sc.rows / secs / 1e6).toFixed(1)} M rows/s, ${(sc.columnBytes / 2 ** 20 / secs).toFixed(0)} MiB/s (${(sc.columnBytesUncompressed / 2 ** 20 / secs).toFixed(0)} MiB/s decoded)`;
  };
  microLines.push(`| lineitem scan, ${sc.rows.toLocaleString('en-US')} rows: count(*) + sum of 4 DECIMAL columns (${(sc.columnBytes / 2 ** 20).toFixed(1)} MiB of Parquet column chunks, ${(sc.columnBytesUncompressed / 2 ** 20).toFixed(1)} MiB uncompressed), ${micro.threads} threads | ${thr(sc.ember)}, CPU ${fmt(sc.emberCpu.median)} ms | ${thr(sc.duck)}, CPU ${fmt(sc.duckCpu.median)} ms |`);
}
if (micro?.interrupt) {
  const it = micro.interrupt;
  microLines.push(it.ok
    ? `| Interrupt latency: Interrupt sent → stream ends with OPERATION_CANCELED (cross join count, ${it.ms.length} runs; target < 100 ms) | p50 **${it.p50_ms.toFixed(1)} ms**, max ${it.max_ms.toFixed(1)} ms | — |`
    : `| Interrupt latency (cross join count; target < 100 ms) | **failed: ${it.error}** — ${it.message ?? ''} | — |`);
}
for (const r of [micro?.rss, micro?.rssWide].filter(Boolean)) {
  microLines.push(r.ok
    ? `| client RSS growth, streaming collect of ${r.rows.toLocaleString('en-US')} rows (${r.tool}; goal < 64 MiB) | **${r.growthMib.toFixed(1)} MiB**${r.detail?.result_mib ? ` (result: ${r.detail.result_mib.toFixed(0)} MiB of values in ${r.detail.seconds.toFixed(1)} s)` : ''} | — |`
    : `| client RSS, streaming collect (${r.tool}) | failed: ${r.error} | — |`);
}

// The chart: median time per query, log scale.
let svgNote = '';
const dat = rows.map((r, k) => `${k} ${r.name} ${r.e ?? '-'} ${r.d ?? '-'}`).join('\n');
const datPath = `${a.results}/.${base}.dat`;
writeFileSync(datPath, dat + '\n');
// Each query Ember did not answer gets its failure (TIMEOUT, MISMATCH, class) written where its
// bar would be.
const failLabels = rows.map((r, k) => (r.e === null
  ? `set label ${k + 1} "${String(r.ember).replace(/["\\]/g, '').slice(0, 24)}" at ${k - 0.18},1.5 left rotate by 90 font ",8" tc rgb '#d9541e'`
  : '')).filter(Boolean).join('\n');
const gp = `set terminal svg size 1000,440 dynamic font "sans,11"
set output '${a.results}/${base}.svg'
set title 'TPC-H SF${a.sf}, ${a.threads} threads: median ms per query (log scale)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set logscale y
set yrange [1:*]
set ylabel 'ms'
set datafile missing '-'
set key top left
${failLabels}
plot '${datPath}' using 3:xtic(2) title 'Ember' lc rgb '#d9541e', '' using 4 title 'DuckDB' lc rgb '#2b6cb0'
`;
const g = spawnSync('gnuplot', [], { input: gp });
if (g.error || g.status !== 0) svgNote = '\n(no chart: gnuplot is not installed — `apt-get install gnuplot-nox`)\n';
spawnSync('rm', ['-f', datPath]);

const md = `# TPC-H SF${a.sf}: Ember vs DuckDB (${date})

Generated by \`make bench\` (bench/run.sh). Same data (bench/tpch generator, SF${a.sf}), same
Parquet files (codec: **${a.codec}**), same thread count (${a.threads}), same run, the engines
alternating query by query; ${tpch.runs} timed runs after one warm-up run that also checks every
answer against DuckDB's (bench/js/compare.mjs: decimals exactly after Spark's HALF_UP rounding to
Ember's scale, DuckDB's DOUBLE averages and ratios to within half a unit of that scale). Times are
medians with min–max, in milliseconds, every result row fetched by the client. CPU is the
engine process's user + system time for the query (10 ms ticks): Ember's server process
(/proc/<pid>/stat); DuckDB's host process (node's process.cpuUsage(), DuckDB runs in it, so the
conversion of results to JS values is included). Peak MiB is the process's VmHWM during the
query (reset before each query through /proc/<pid>/clear_refs); DuckDB's is the whole node
process's.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; 1-minute load
  average ${tpch.loadavg ? `${tpch.loadavg.start.toFixed(1)} at the start of the TPC-H run, ${tpch.loadavg.end.toFixed(1)} at its end` : '—'}${micro?.loadavg ? `, ${micro.loadavg.start.toFixed(1)}–${micro.loadavg.end.toFixed(1)} around the micro-benchmarks` : ''}
  (a load above ${cpus().length} means other work shared the cores: wall times then vary widely,
  CPU times much less)
- DuckDB: @duckdb/node-api (bench/js/package.json), \`read_parquet\` views over the files
- Ember: \`build/ember serve --threads ${a.threads}\` (release build), queried through Spark Connect
  by \`ember-bench\` (libember): ${tpch.loadPath === 'local'
    ? `tables uploaded as Arrow LocalRelations from the .tbl files (load: ${tpch.load?.ok ? `${(tpch.load.ms / 1000).toFixed(1)} s` : `failed: ${tpch.load?.message}`})`
    : `each table is \`spark.read.parquet("<dir>/<table>")\` + \`createOrReplaceTempView\`, as a PySpark program does (${tpch.load?.ok ? `${tpch.load.ms.toFixed(0)} ms for the eight views` : `failed: ${tpch.load?.message}`})`}.
- Peak RSS over the run: Ember server ${mib(tpch.emberPeakRssKib)}, DuckDB's node process ${mib(tpch.duckPeakRssKib)}
  (Ember's includes the queries it did not finish; their peak is in parentheses in the table)
- Queries: ../shared/bench/queries/tpch (Spark's TPC-H texts). A query Ember cannot run shows its
  error class (TIMEOUT: interrupted after the time limit; SERVER_KILLED: the interrupt did not
  stop it and the server was killed); a wrong answer is a MISMATCH (a failure, not a timing).

## Queries

${table}

Ember ran ${nOk} of ${tpch.queries.length} queries with answers equal to DuckDB's; ${failures.length} failed${mismatches.length ? ` (${mismatches.length} with WRONG ANSWERS)` : ''}.

![chart](${base}.svg)
${svgNote}
## Micro-benchmarks (same run; ${micro?.runs ?? '—'} interleaved runs after a checked warm-up, medians)

| benchmark | Ember | DuckDB |
|---|---|---|
${microLines.join('\n')}

Scan-aggregate: Ember runs \`spark.range(N).groupBy((id % 100).alias("k")).agg(sum("id"), count("*"))\`
(DataFrame API, libember) with the session conf \`spark.ember.threads\` set to 1 or 2 before the
query; DuckDB runs the same shape over \`range(N)\` after \`SET threads\`, and, as a reference for
its own scaling, over an in-memory table of the same ids ("table"). The thread counts alternate
run by run. With a load average above the core count the speedups mostly measure the other work.

## Protocol costs (same run)

| what | Ember | physical ceiling |
|---|---|---|
${protoLines.join('\n')}

## Data

\`\`\`
${manifest}
\`\`\`
`;
writeFileSync(`${a.results}/${base}.md`, md);

// README: the line between the markers points at the latest results.
if (existsSync(a.readme)) {
  const readme = readFileSync(a.readme, 'utf8');
  const line = `Latest results: [results/${base}.md](results/${base}.md) (TPC-H SF${a.sf}: Ember ran ${nOk}/${tpch.queries.length}, geometric mean Ember/DuckDB ${geo ? geo.toFixed(2) : '—'}).`;
  const next = readme.replace(/<!-- latest -->[\s\S]*?<!-- \/latest -->/, `<!-- latest -->\n${line}\n<!-- /latest -->`);
  if (next !== readme) writeFileSync(a.readme, next);
}

process.stdout.write(`\nTPC-H SF${a.sf} (${a.threads} threads, ${tpch.runs} runs, Parquet ${a.codec})\n\n${table}\n\n`);
process.stdout.write(`Micro-benchmarks:\n| benchmark | Ember | DuckDB |\n|---|---|---|\n${microLines.join('\n')}\n\n`);
process.stdout.write(`Protocol costs:\n| what | Ember | ceiling |\n|---|---|---|\n${protoLines.join('\n')}\n\n`);
process.stdout.write(`Written: bench/results/${base}.md${svgNote ? '' : ` and ${base}.svg`}\n`);
if (mismatches.length) {
  process.stdout.write(`bench: ${mismatches.length} wrong answer(s): ${mismatches.map((q) => q.name).join(', ')}\n`);
  process.exitCode = 1;
}
