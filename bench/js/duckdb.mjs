// duckdb.mjs: the DuckDB peer of `make bench` (@duckdb/node-api, pinned in package.json).
// Converts the generator's .tbl files to Parquet (one directory per table, as Spark writes
// tables: <dir>/<table>/<table>.parquet; Ember reads the same files with spark.read.parquet)
// and runs SQL with every row materialized. Column types: BIGINT keys, INTEGER counts,
// DECIMAL(15,2) money, DATE, VARCHAR (bench/client/eb_load.c declares the same for the
// LocalRelation path).
import { DuckDBInstance } from '@duckdb/node-api';

export const TPCH_SCHEMA = {
  region: [['r_regionkey', 'BIGINT'], ['r_name', 'VARCHAR'], ['r_comment', 'VARCHAR']],
  nation: [['n_nationkey', 'BIGINT'], ['n_name', 'VARCHAR'], ['n_regionkey', 'BIGINT'],
           ['n_comment', 'VARCHAR']],
  supplier: [['s_suppkey', 'BIGINT'], ['s_name', 'VARCHAR'], ['s_address', 'VARCHAR'],
             ['s_nationkey', 'BIGINT'], ['s_phone', 'VARCHAR'], ['s_acctbal', 'DECIMAL(15,2)'],
             ['s_comment', 'VARCHAR']],
  customer: [['c_custkey', 'BIGINT'], ['c_name', 'VARCHAR'], ['c_address', 'VARCHAR'],
             ['c_nationkey', 'BIGINT'], ['c_phone', 'VARCHAR'], ['c_acctbal', 'DECIMAL(15,2)'],
             ['c_mktsegment', 'VARCHAR'], ['c_comment', 'VARCHAR']],
  part: [['p_partkey', 'BIGINT'], ['p_name', 'VARCHAR'], ['p_mfgr', 'VARCHAR'],
         ['p_brand', 'VARCHAR'], ['p_type', 'VARCHAR'], ['p_size', 'INTEGER'],
         ['p_container', 'VARCHAR'], ['p_retailprice', 'DECIMAL(15,2)'], ['p_comment', 'VARCHAR']],
  partsupp: [['ps_partkey', 'BIGINT'], ['ps_suppkey', 'BIGINT'], ['ps_availqty', 'INTEGER'],
             ['ps_supplycost', 'DECIMAL(15,2)'], ['ps_comment', 'VARCHAR']],
  orders: [['o_orderkey', 'BIGINT'], ['o_custkey', 'BIGINT'], ['o_orderstatus', 'VARCHAR'],
           ['o_totalprice', 'DECIMAL(15,2)'], ['o_orderdate', 'DATE'],
           ['o_orderpriority', 'VARCHAR'], ['o_clerk', 'VARCHAR'], ['o_shippriority', 'INTEGER'],
           ['o_comment', 'VARCHAR']],
  lineitem: [['l_orderkey', 'BIGINT'], ['l_partkey', 'BIGINT'], ['l_suppkey', 'BIGINT'],
             ['l_linenumber', 'INTEGER'], ['l_quantity', 'DECIMAL(15,2)'],
             ['l_extendedprice', 'DECIMAL(15,2)'], ['l_discount', 'DECIMAL(15,2)'],
             ['l_tax', 'DECIMAL(15,2)'], ['l_returnflag', 'VARCHAR'], ['l_linestatus', 'VARCHAR'],
             ['l_shipdate', 'DATE'], ['l_commitdate', 'DATE'], ['l_receiptdate', 'DATE'],
             ['l_shipinstruct', 'VARCHAR'], ['l_shipmode', 'VARCHAR'], ['l_comment', 'VARCHAR']],
};

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

export async function openDuckDB(threads) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  return { instance, conn };
}

// tblDir/<t>.tbl -> outDir/<t>/<t>.parquet.tmp with the codec ('snappy' or 'uncompressed');
// the caller renames the files when all are written.
export async function convertToParquet(conn, tblDir, outDir, codec) {
  for (const [table, cols] of Object.entries(TPCH_SCHEMA)) {
    const columns = '{' + cols.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ') + '}';
    await conn.run(
      `COPY (SELECT * FROM read_csv(${sqlString(`${tblDir}/${table}.tbl`)}, delim = '|', ` +
      `header = false, quote = '', escape = '', columns = ${columns})) ` +
      `TO ${sqlString(`${outDir}/${table}/${table}.parquet.tmp`)} ` +
      `(FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 122880)`);
  }
}

// The eight tables as views over the Parquet files of each table's directory.
export async function createViews(conn, parquetDir) {
  for (const table of Object.keys(TPCH_SCHEMA))
    await conn.run(`CREATE OR REPLACE VIEW ${table} AS SELECT * FROM ` +
                   `read_parquet(${sqlString(`${parquetDir}/${table}/*.parquet`)})`);
}

// One cell as the comparison's text: NULL as \N, decimals and dates by their SQL text.
export function cellText(v) {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(17);
  return String(v).replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n');
}

// Runs sql and materializes every row as text cells; returns { names, types, rows } (types as
// DuckDB prints them: 'DECIMAL(38,2)', 'DOUBLE', 'BIGINT', ...).
export async function runQuery(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  const rows = reader.getRows().map((r) => r.map(cellText));
  return { names: reader.columnNames(), types: reader.columnTypes().map(String), rows };
}
