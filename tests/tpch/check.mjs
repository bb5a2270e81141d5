// check.mjs: the verdict of tests/tpch. Reads bench.mjs's JSON (one checked run of the 22
// queries) and excluded.txt, prints one line per query and a summary line, and exits 1 when a
// query outside the list failed (error, TIMEOUT, MISMATCH against DuckDB) or a listed query
// passed (the list must shrink: delete its line). A listed query failing with another class
// than the one written down is only noted: the reason moves as the engine grows.
//
//   node check.mjs --result FILE --excluded FILE
// excluded.txt: one query a line, "<query> <error class> <reason...>"; '#' starts a comment.
import { readFileSync } from 'node:fs';

const a = {};
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k += 2) a[argv[k].replace(/^--/, '')] = argv[k + 1];

const excluded = new Map();
for (const raw of readFileSync(a.excluded, 'utf8').split('\n')) {
  const line = raw.replace(/#.*/, '').trim();
  if (!line) continue;
  const [name, cls, ...why] = line.split(/\s+/);
  excluded.set(name, { cls, why: why.join(' ') });
}

const result = JSON.parse(readFileSync(a.result, 'utf8'));
let passed = 0, failed = 0, skipped = 0;
const problems = [];
for (const q of result.queries) {
  const ok = q.status === 'ok';
  const cls = q.status === 'mismatch' ? 'MISMATCH' : q.errorClass ?? q.status;
  const ex = excluded.get(q.name);
  excluded.delete(q.name);
  let verdict;
  if (ok && !ex) {
    verdict = `pass (${q.check}, ${q.checkMs?.toFixed(0)} ms)`;
    passed++;
  } else if (ok && ex) {
    verdict = `PASSES NOW but is listed in excluded.txt (${ex.cls}): delete its line`;
    problems.push(q.name);
    failed++;
  } else if (ex) {
    verdict = `excluded: ${cls}` + (cls !== ex.cls ? ` (listed as ${ex.cls}: update the line)` : '');
    skipped++;
  } else {
    verdict = `FAIL: ${cls}: ${(q.message ?? '').slice(0, 300)}`;
    problems.push(q.name);
    failed++;
  }
  if (q.duckError) verdict += ` [DuckDB failed: ${q.duckError}]`;
  console.log(`${q.name}: ${verdict}`);
}
for (const name of excluded.keys()) {
  console.log(`${name}: listed in excluded.txt but not run`);
  problems.push(name);
  failed++;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (problems.length) {
  console.log(`tpch: wrong: ${problems.join(', ')}`);
  process.exit(1);
}
