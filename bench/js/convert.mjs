// convert.mjs: the generator's .tbl files -> Parquet with DuckDB, once per data set and codec.
//   node convert.mjs --tbl DIR --out DIR --codec snappy|uncompressed [--threads N]
// Each table is a directory of Parquet files (one file here), as Spark lays out a table:
// DIR/<table>/<table>.parquet. Files are written as .parquet.tmp and renamed when all are
// complete; DIR/complete marks a finished set.
import { renameSync, mkdirSync, writeFileSync } from 'node:fs';
import { openDuckDB, convertToParquet, TPCH_SCHEMA } from './duckdb.mjs';

const a = {};
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k += 2) a[argv[k].replace(/^--/, '')] = argv[k + 1];
for (const table of Object.keys(TPCH_SCHEMA)) mkdirSync(`${a.out}/${table}`, { recursive: true });
const { conn } = await openDuckDB(Number(a.threads ?? 2));
const t0 = performance.now();
await convertToParquet(conn, a.tbl, a.out, a.codec ?? 'snappy');
for (const table of Object.keys(TPCH_SCHEMA))
  renameSync(`${a.out}/${table}/${table}.parquet.tmp`, `${a.out}/${table}/${table}.parquet`);
writeFileSync(`${a.out}/complete`, `${a.codec ?? 'snappy'}\n`);
process.stderr.write(`convert: ${a.tbl} -> ${a.out} (${a.codec}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
