// convert.mjs: the generator's .tbl files -> Parquet with DuckDB, once per data set and codec.
//   node convert.mjs --tbl DIR --out DIR --codec snappy|uncompressed [--threads N]
// Files are written as <table>.parquet.tmp and renamed when all are complete.
import { renameSync, mkdirSync } from 'node:fs';
import { openDuckDB, convertToParquet, TPCH_SCHEMA } from './duckdb.mjs';

const a = {};
const argv = process.argv.slice(2);
for (let k = 0; k < argv.length; k += 2) a[argv[k].replace(/^--/, '')] = argv[k + 1];
mkdirSync(a.out, { recursive: true });
const { conn } = await openDuckDB(Number(a.threads ?? 2));
const t0 = performance.now();
await convertToParquet(conn, a.tbl, a.out, a.codec ?? 'snappy');
for (const table of Object.keys(TPCH_SCHEMA))
  renameSync(`${a.out}/${table}.parquet.tmp`, `${a.out}/${table}.parquet`);
process.stderr.write(`convert: ${a.tbl} -> ${a.out} (${a.codec}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
