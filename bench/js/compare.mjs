// compare.mjs: the answer check of `make bench` and tests/tpch. Ember's result (TSV from
// ember-bench: names, Arrow formats, rows) must equal DuckDB's (names, DuckDB types, rows):
// same column count, same row count, same rows in the same order, cell by cell under the
// rules below. When the rows are equal only as multisets, the check passes with a note:
// ORDER BY keys can tie (q18, q21 under LIMIT), and either order is then a correct answer.
//
// Numbers. The engines type the same expression differently, so each cell is compared by the
// pair of column types:
//   - Ember DECIMAL(p,s) and DuckDB DECIMAL: both are exact. Spark's result is the exact value
//     rounded HALF_UP to its scale s (Spark 4 DecimalPrecision: sum(DECIMAL(15,2)) is
//     DECIMAL(25,2); products add scales and, past precision 38, keep at least 6 digits), while
//     DuckDB keeps every digit in DECIMAL(38,s'). DuckDB's exact value rounded HALF_UP to s
//     must equal Ember's exactly.
//   - Ember DECIMAL(p,s) and DuckDB DOUBLE: DuckDB answers avg(decimal) and decimal / decimal
//     as DOUBLE, Spark as a decimal (avg(DECIMAL(p,s)) is DECIMAL(p+4,s+4), division
//     DECIMAL(38,6) after precision loss) rounded HALF_UP. Ember's value must then be the
//     correctly rounded one as far as the double can tell: |ember - duck| <= half a unit of
//     the s-th digit, plus the double's own error (1e-12 relative).
//   - Any DOUBLE on Ember's side: within 1e-9 relative (or 1e-9 absolute near zero); the
//     summation order differs between engines.
//   - Integers exactly; strings, dates and booleans as text.
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DEC_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;
export const REL_TOL = 1e-9;

// Ember TSV -> { names, types, rows }; types are Arrow format strings.
export function parseTsv(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const names = (lines.shift() ?? '').split('\t');
  const types = (lines.shift() ?? '').split('\t');
  return { names, types, rows: lines.map((l) => l.split('\t')) };
}

// The comparison kind of a column: 'dec' (with scale), 'float', 'int' or 'text'.
export function arrowKind(format) {
  const m = /^d:\d+,(\d+)/.exec(format ?? '');
  if (m) return { kind: 'dec', scale: Number(m[1]) };
  if (format === 'g' || format === 'f' || format === 'e') return { kind: 'float' };
  if (['c', 's', 'i', 'l', 'C', 'S', 'I', 'L'].includes(format)) return { kind: 'int' };
  return { kind: 'text' };
}

export function duckKind(type) {
  const m = /^DECIMAL\(\d+,(\d+)\)/.exec(type ?? '');
  if (m) return { kind: 'dec', scale: Number(m[1]) };
  if (type === 'DOUBLE' || type === 'FLOAT') return { kind: 'float' };
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)$/.test(type ?? '')) return { kind: 'int' };
  return { kind: 'text' };
}

// Exact decimal text -> BigInt scaled by 10^scale, rounded HALF_UP (away from zero at .5).
export function decimalAtScale(text, scale) {
  const m = DEC_TEXT.exec(text);
  if (!m) return null;
  const frac = m[3] ?? '';
  let digits = BigInt(m[2] + frac.slice(0, scale).padEnd(scale, '0'));
  if (frac.length > scale && frac.charCodeAt(scale) >= 53 /* '5' */) digits += 1n;
  return m[1] ? -digits : digits;
}

function decimalEqual(e, d, scale) {
  const x = decimalAtScale(e, scale);
  const y = decimalAtScale(d, scale);
  return x !== null && y !== null && x === y;
}

// True when Ember's decimal e (scale s) is the correctly rounded value of DuckDB's double d.
function decimalMatchesDouble(e, d, scale) {
  const a = Number(e);
  const b = Number(d);
  return Math.abs(a - b) <= 0.5 * 10 ** -scale + 1e-12 * Math.max(1, Math.abs(b));
}

function floatsEqual(e, d) {
  const a = Number(e);
  const b = Number(d);
  const diff = Math.abs(a - b);
  return diff <= 1e-9 || diff <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
}

// One cell; ek/dk are the column kinds of Ember's and DuckDB's columns.
export function cellsEqual(e, d, ek = { kind: 'text' }, dk = { kind: 'text' }) {
  if (e === d) return true;
  if (e === '\\N' || d === '\\N' || !NUMBER.test(e) || !NUMBER.test(d)) return false;
  if (ek.kind === 'dec' && dk.kind === 'dec') return decimalEqual(e, d, ek.scale);
  if (ek.kind === 'dec' && dk.kind === 'int') return decimalEqual(e, d, ek.scale);
  if (ek.kind === 'dec' && dk.kind === 'float') return decimalMatchesDouble(e, d, ek.scale);
  if (ek.kind === 'float' || dk.kind === 'float') return floatsEqual(e, d);
  if (ek.kind === 'int' && dk.kind === 'dec') return decimalEqual(e, d, 0) && !/\.\d*[1-9]/.test(d);
  if (ek.kind === 'int' && dk.kind === 'int') return BigInt(e) === BigInt(d);
  return false;
}

function rowsEqual(r, s, eks, dks) {
  return r.length === s.length && r.every((c, k) => cellsEqual(c, s[k], eks[k], dks[k]));
}

// Returns { ok, note, detail }. ember: parseTsv's shape; duck: runQuery's { names, types, rows }.
export function compareResults(ember, duck) {
  if (ember.names.length !== duck.names.length)
    return { ok: false, note: 'columns', detail: `${ember.names.length} columns, DuckDB ${duck.names.length}` };
  if (ember.rows.length !== duck.rows.length)
    return { ok: false, note: 'rows', detail: `${ember.rows.length} rows, DuckDB ${duck.rows.length}` };
  const eks = ember.names.map((_, k) => arrowKind(ember.types?.[k]));
  const dks = duck.names.map((_, k) => duckKind(duck.types?.[k]));
  let first = -1;
  for (let k = 0; k < ember.rows.length && first < 0; k++)
    if (!rowsEqual(ember.rows[k], duck.rows[k], eks, dks)) first = k;
  if (first < 0) return { ok: true, note: 'equal', detail: '' };
  // Tied ORDER BY keys: sort both sides by a key that rounds numbers to 8 significant digits,
  // then compare cell by cell again under the same rules.
  const key = (r) => r.map((c) => (NUMBER.test(c) ? Number(c).toPrecision(8) : c)).join('\t');
  const sortRows = (rows) => rows.map((r) => [key(r), r]).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .map((x) => x[1]);
  const a = sortRows(ember.rows);
  const b = sortRows(duck.rows);
  if (a.every((r, k) => rowsEqual(r, b[k], eks, dks)))
    return { ok: true, note: 'equal as sets (tied order)', detail: '' };
  return {
    ok: false, note: 'values',
    detail: `row ${first + 1}: ember [${ember.rows[first].join(' | ')}] duckdb [${duck.rows[first].join(' | ')}]`,
  };
}
