// compare.mjs: the answer check of `make bench`. Ember's result (TSV from ember-bench) must
// equal DuckDB's: same column count, same rows in the same order; numbers compare as numbers
// within a tolerance (Spark answers avg() over decimals as an exact decimal rounded to 6
// digits, DuckDB as a double), everything else as text. When the rows are equal only as
// multisets, the check passes with a note: ORDER BY keys can tie (q18, q21 under LIMIT), and
// either order is then a correct answer.
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
export const ABS_TOL = 1e-4;
export const REL_TOL = 1e-9;

export function parseTsv(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const names = (lines.shift() ?? '').split('\t');
  return { names, rows: lines.map((l) => l.split('\t')) };
}

export function cellsEqual(x, y) {
  if (x === y) return true;
  if (NUMBER.test(x) && NUMBER.test(y)) {
    const a = Number(x);
    const b = Number(y);
    const diff = Math.abs(a - b);
    return diff <= ABS_TOL || diff <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
  }
  return false;
}

function rowsEqual(r, s) {
  return r.length === s.length && r.every((c, k) => cellsEqual(c, s[k]));
}

// Returns { ok, note, detail }.
export function compareResults(ember, duck) {
  if (ember.names.length !== duck.names.length)
    return { ok: false, note: 'columns', detail: `${ember.names.length} columns, DuckDB ${duck.names.length}` };
  if (ember.rows.length !== duck.rows.length)
    return { ok: false, note: 'rows', detail: `${ember.rows.length} rows, DuckDB ${duck.rows.length}` };
  let first = -1;
  for (let k = 0; k < ember.rows.length && first < 0; k++)
    if (!rowsEqual(ember.rows[k], duck.rows[k])) first = k;
  if (first < 0) return { ok: true, note: 'equal', detail: '' };
  const key = (r) => r.map((c) => (NUMBER.test(c) ? Number(c).toPrecision(12) : c)).join('\t');
  const a = ember.rows.map(key).sort();
  const b = duck.rows.map(key).sort();
  if (a.every((x, k) => x === b[k])) return { ok: true, note: 'equal as sets (tied order)', detail: '' };
  return {
    ok: false, note: 'values',
    detail: `row ${first + 1}: ember [${ember.rows[first].join(' | ')}] duckdb [${duck.rows[first].join(' | ')}]`,
  };
}
