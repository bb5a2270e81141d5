// duckdb_check.mjs: the DuckDB half of Ember's writer interop check (see duckdb_interop.sh).
//   node duckdb_check.mjs check DIR BENCH_JS   reads every dataset iow_interop wrote under DIR with
//                                              DuckDB and compares its rows with <name>.expected;
//   node duckdb_check.mjs write DIR BENCH_JS   writes DIR/duck.csv and DIR/duck.json with DuckDB's
//                                              COPY and DIR/duck.expected from DuckDB's own rows.
// Cells use iow_interop.c's canonical text. @duckdb/node-api is loaded from BENCH_JS's
// node_modules (bench/js, installed by scripts/install-deps.sh).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, dir, benchJs] = process.argv.slice(2);
const require = createRequire(join(benchJs, 'package.json'));
const duck = require('@duckdb/node-api');

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const sq = (s) => `'${String(s).replaceAll("'", "''")}'`;

// t: the value's DuckDB type (small integers arrive as JS numbers too).
function canon(v, t) {
  if (v === null || v === undefined) return 'N';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (t.typeId !== duck.DuckDBTypeId.DOUBLE && t.typeId !== duck.DuckDBTypeId.FLOAT)
      return String(v);
    if (Number.isNaN(v)) return 'NaN';
    const b = new DataView(new ArrayBuffer(8));
    b.setFloat64(0, v);
    return b.getBigUint64(0).toString(16).padStart(16, '0');
  }
  if (typeof v === 'string') return 's:' + hex(Buffer.from(v, 'utf8'));
  if (v instanceof duck.DuckDBDecimalValue) return `${v.value}e-${v.scale}`;
  if (v instanceof duck.DuckDBBlobValue) return 'b:' + hex(v.bytes);
  if (v instanceof duck.DuckDBDateValue) return `d:${v.days}`;
  if (v instanceof duck.DuckDBTimestampTZValue || v instanceof duck.DuckDBTimestampValue)
    return `t:${v.micros}`;
  if (v instanceof duck.DuckDBListValue)
    return '[' + v.items.map((x) => canon(x, t.valueType)).join(',') + ']';
  if (v instanceof duck.DuckDBMapValue)
    return '{' + v.entries.map((e) => canon(e.key, t.keyType) + ':' + canon(e.value, t.valueType))
      .join(',') + '}';
  if (v instanceof duck.DuckDBStructValue)
    return '{' + Object.values(v.entries).map((x, i) => canon(x, t.entryTypes[i])).join(',') + '}';
  return '?' + String(v);
}

async function rows(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  const types = reader.columnTypes();
  return reader.getRows().map((r) => r.map((v, i) => canon(v, types[i])).join('\t') + '\n').join('');
}

function compare(what, got, want) {
  if (got === want) {
    console.log(`ok   ${what}`);
    return 0;
  }
  const g = got.split('\n'), w = want.split('\n');
  let i = 0;
  while (i < g.length && g[i] === w[i]) i++;
  console.log(`FAIL ${what}: first difference on line ${i + 1} (${g.length - 1} vs ${w.length - 1} rows)` +
              `\n  duckdb: ${(g[i] ?? '').slice(0, 300)}\n  ember:  ${(w[i] ?? '').slice(0, 300)}`);
  return 1;
}

const instance = await duck.DuckDBInstance.create(':memory:', { threads: '1' });
const conn = await instance.connect();
let failures = 0;

if (mode === 'check') {
  const expected = (name) => readFileSync(join(dir, `${name}.expected`), 'utf8');
  for (const name of ['pq_snappy', 'pq_gzip', 'pq_zstd', 'pq_lz4_raw', 'pq_uncompressed', 'pq_small']) {
    const got = await rows(conn, `SELECT * FROM read_parquet(${sq(join(dir, name, '*.parquet'))}) ORDER BY id`);
    failures += compare(`ember ${name} -> duckdb`, got, expected(name));
  }
  failures += compare('ember pq_part (hive folders) -> duckdb',
    await rows(conn, `SELECT id, v FROM read_parquet(${sq(join(dir, 'pq_part', '**', '*.parquet'))}, ` +
                     `hive_partitioning = false) ORDER BY id`),
    expected('pq_part'));
  const csvCols = "{'id': 'BIGINT', 'b': 'BOOLEAN', 'i8': 'TINYINT', 'i16': 'SMALLINT', 'i32': 'INTEGER', " +
    "'i64': 'BIGINT', 'f32': 'FLOAT', 'f64': 'DOUBLE', 'd9': 'DECIMAL(5,2)', 'd18': 'DECIMAL(15,3)', " +
    "'d38': 'DECIMAL(30,5)', 's': 'VARCHAR', 'dt': 'DATE', 'ts': 'TIMESTAMPTZ', 'ntz': 'TIMESTAMP'}";
  failures += compare('ember csv -> duckdb',
    await rows(conn, `SELECT * FROM read_csv(${sq(join(dir, 'csv', '*.csv'))}, header = true, ` +
                     `delim = ',', quote = '"', escape = '\\', allow_quoted_nulls = false, ` +
                     `columns = ${csvCols}) ORDER BY id`),
    expected('csv'));
  const jsonCols = "{'id': 'BIGINT', 'b': 'BOOLEAN', 'i32': 'INTEGER', 'i64': 'BIGINT', 'f64': 'DOUBLE', " +
    "'d9': 'DECIMAL(5,2)', 's': 'VARCHAR', 'bin': 'VARCHAR', 'dt': 'DATE', 'ts': 'TIMESTAMPTZ', " +
    "'ntz': 'TIMESTAMP', 'arr': 'INTEGER[]', 'st': 'STRUCT(x INTEGER, y VARCHAR)', 'm': 'MAP(VARCHAR, BIGINT)'}";
  failures += compare('ember json -> duckdb',
    await rows(conn, `SELECT id, b, i32, i64, f64, d9, s, from_base64(bin), dt, ts, ntz, arr, st, m ` +
                     `FROM read_json(${sq(join(dir, 'json', '*.json'))}, format = 'newline_delimited', ` +
                     `columns = ${jsonCols}) ORDER BY id`),
    expected('json'));
} else {
  await conn.run(`CREATE TABLE t AS SELECT * FROM (VALUES
      (0, true, 1, 10::BIGINT, 0.1::DOUBLE, 1.25::DECIMAL(10,2), 'plain', DATE '2024-01-01', TIMESTAMP '2024-01-01 12:34:56.789'),
      (1, false, -2147483648, 9223372036854775807, -1e300, -99999999.99, 'comma, "quote" and ''apostrophe''', DATE '1969-12-31', TIMESTAMP '1900-01-01 00:00:00'),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
      (3, true, 42, -1, 2.5e-10, 0.00, 'multi
line ünïcödé ✓', DATE '2100-02-28', TIMESTAMP '2038-01-19 03:14:07.999999'),
      (4, false, 7, 123456789012, 1234567.125, 3.14, '  spaced  ', DATE '0001-01-01', TIMESTAMP '1970-01-01 00:00:00.000001')
    ) AS v(id, b, i, l, d, dec, s, dt, ts)`);
  await conn.run(`COPY (SELECT * FROM t ORDER BY id) TO ${sq(join(dir, 'duck.csv'))} (HEADER, DELIMITER ',')`);
  await conn.run(`COPY (SELECT * FROM t ORDER BY id) TO ${sq(join(dir, 'duck.json'))} (FORMAT json)`);
  writeFileSync(join(dir, 'duck.expected'), await rows(conn, 'SELECT * FROM t ORDER BY id'));
}
process.exit(failures ? 1 : 0);
