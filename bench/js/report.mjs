// report.mjs: the results of one `make bench` run as bench/results/<date>-tpch-sf<N>.md and
// .svg (gnuplot), the same table on stdout, and the README's "latest results" link.
//   node report.mjs --tpch FILE --proto FILE --sf N --codec C --threads N --manifest FILE
//                   --results DIR --readme FILE
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

const median = (v) => {
  if (!v.length) return null;
  const s = [...v].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => (ms === null || ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const range = (v) => (v.length ? `${fmt(Math.min(...v))}–${fmt(Math.max(...v))}` : '');

const rows = [];
let emberTotal = 0, duckTotal = 0, logSum = 0, nBoth = 0, nOk = 0;
for (const q of tpch.queries) {
  const e = median(q.ember), d = median(q.duck);
  const ok = q.status === 'ok' && e !== null && d !== null;
  const ratio = ok ? e / d : null;
  if (ok) {
    emberTotal += e; duckTotal += d; logSum += Math.log(ratio); nBoth++; nOk++;
  }
  let status = q.status === 'ok' ? `ok (${q.check ?? 'checked'})` : q.status;
  if (q.status === 'error') {
    // The class, and the start of Ember's message: what is missing, in Ember's words.
    const msg = (q.message ?? '').replace(/^\[[^\]]*\]\s*/, '').replace(/\s*SQLSTATE: \w+$/, '');
    status = `error: ${q.errorClass}${msg ? ` — ${msg.length > 110 ? msg.slice(0, 107) + '...' : msg}` : ''}`;
  }
  if (q.status === 'mismatch') status = `MISMATCH: ${q.message}`;
  if (q.duckError) status += ` (DuckDB failed: ${q.duckError})`;
  rows.push({
    name: q.name, status,
    ember: ok ? `${fmt(e)} (${range(q.ember)})` : '—',
    emberCpu: ok ? fmt(median(q.emberCpu)) : '—',
    duck: d !== null ? `${fmt(d)} (${range(q.duck)})` : '—',
    duckCpu: d !== null ? fmt(median(q.duckCpu)) : '—',
    ratio: ok ? ratio.toFixed(2) : '—',
    rows: q.duckRows ?? '—',
    e: ok ? e : null, d,
  });
}
const geo = nBoth ? Math.exp(logSum / nBoth) : null;
const failures = tpch.queries.filter((q) => q.status !== 'ok');
const mismatches = tpch.queries.filter((q) => q.status === 'mismatch');

const table = [
  '| query | Ember ms median (min–max) | Ember CPU ms | DuckDB ms median (min–max) | DuckDB CPU ms | Ember / DuckDB | rows | answer |',
  '|---|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.name} | ${r.ember} | ${r.emberCpu} | ${r.duck} | ${r.duckCpu} | ${r.ratio} | ${r.rows} | ${r.status.replaceAll('|', '\\|')} |`),
  `| **total (${nBoth} queries both ran)** | ${fmt(emberTotal)} | | ${fmt(duckTotal)} | | ${nBoth ? (emberTotal / duckTotal).toFixed(2) : '—'} | | |`,
  `| **geometric mean of ratios** | | | | | ${geo ? geo.toFixed(2) : '—'} | | |`,
].join('\n');

const mib = (kib) => (kib ? `${(kib / 1024).toFixed(0)} MiB` : '—');
const manifest = existsSync(a.manifest) ? readFileSync(a.manifest, 'utf8').trim() : '';
const date = new Date().toISOString().slice(0, 10);
const base = `${date}-tpch-sf${a.sf}`;

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

// The chart: median time per query, log scale; failed Ember queries have no Ember bar.
let svgNote = '';
const dat = rows.map((r, k) => `${k} ${r.name} ${r.e ?? '-'} ${r.d ?? '-'}`).join('\n');
const datPath = `${a.results}/.${base}.dat`;
writeFileSync(datPath, dat + '\n');
const gp = `set terminal svg size 1000,420 dynamic font "sans,11"
set output '${a.results}/${base}.svg'
set title 'TPC-H SF${a.sf}, ${a.threads} threads: median ms per query (log scale; no Ember bar = Ember failed)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set logscale y
set ylabel 'ms'
set datafile missing '-'
set key top left
set xtics rotate by -45
plot '${datPath}' using 3:xtic(2) title 'Ember (Spark Connect)' lc rgb '#d9541e', '' using 4 title 'DuckDB (@duckdb/node-api)' lc rgb '#2b6cb0'
`;
const g = spawnSync('gnuplot', [], { input: gp });
if (g.error || g.status !== 0) svgNote = '\n(no chart: gnuplot is not installed — `apt-get install gnuplot-nox`)\n';
spawnSync('rm', ['-f', datPath]);

const md = `# TPC-H SF${a.sf}: Ember vs DuckDB (${date})

Generated by \`make bench\` (bench/run.sh). Same data (bench/tpch generator, ${a.sf === '1' ? 'SF1' : `SF${a.sf}`}),
same thread count (${a.threads}), same run, the engines alternating query by query; ${tpch.runs} timed
runs after one warm-up run that also checks every answer. Times are medians with min–max, in
milliseconds, every result row fetched by the client. CPU is the engine process's user + system
time for the query (Ember: the server; DuckDB: its host process).

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB
- DuckDB: @duckdb/node-api (bench/js/package.json), reading Parquet (codec: **${a.codec}**)
- Ember: \`build/ember serve --threads ${a.threads}\` (release build), queried through Spark Connect
  by \`ember-bench\` (libember). Ember has no file sources yet, so its tables are temp views over
  Arrow LocalRelations uploaded from the same generated rows (load: ${tpch.load?.ok ? `${(tpch.load.ms / 1000).toFixed(1)} s, ${tpch.load.rows} rows` : `failed: ${tpch.load?.message}`}).
- Peak RSS: Ember server ${mib(tpch.emberPeakRssKib)}, DuckDB process ${mib(tpch.duckPeakRssKib)} (includes node)
- Queries: ../shared/bench/queries/tpch (Spark's TPC-H texts). A query Ember cannot run shows its
  error class; a wrong answer is a MISMATCH (a failure, not a timing).

## Queries

${table}

Ember ran ${nOk} of ${tpch.queries.length} queries with answers equal to DuckDB's; ${failures.length} failed${mismatches.length ? ` (${mismatches.length} with WRONG ANSWERS)` : ''}.

![chart](${base}.svg)
${svgNote}
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
  const line = `Latest results: [results/${base}.md](results/${base}.md) (TPC-H SF${a.sf}: Ember ran ${nOk}/22, geometric mean Ember/DuckDB ${geo ? geo.toFixed(2) : '—'}).`;
  const next = readme.replace(/<!-- latest -->[\s\S]*?<!-- \/latest -->/, `<!-- latest -->\n${line}\n<!-- /latest -->`);
  if (next !== readme) writeFileSync(a.readme, next);
}

process.stdout.write(`\nTPC-H SF${a.sf} (${a.threads} threads, ${tpch.runs} runs, Parquet ${a.codec})\n\n${table}\n\n`);
process.stdout.write(`Protocol costs:\n| what | Ember | ceiling |\n|---|---|---|\n${protoLines.join('\n')}\n\n`);
process.stdout.write(`Written: bench/results/${base}.md${svgNote ? '' : ` and ${base}.svg`}\n`);
if (mismatches.length) {
  process.stdout.write(`bench: ${mismatches.length} wrong answer(s): ${mismatches.map((q) => q.name).join(', ')}\n`);
  process.exitCode = 1;
}
