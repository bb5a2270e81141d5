// test_compare.mjs: the answer check of `make bench` and tests/tpch (bench/js/compare.mjs).
// The rules under test are the harness's own normalization between Spark's and DuckDB's typing
// of the same TPC-H expressions (documented in compare.mjs):
//  - Spark rounds a decimal result HALF_UP to its scale (Spark's Decimal.toPrecision with
//    ROUND_HALF_UP; avg(DECIMAL(15,2)) is DECIMAL(19,6) per Average.resultType = bounded(p+4, s+4)),
//  - DuckDB keeps sums exact in DECIMAL(38,s) and answers avg and decimal division as DOUBLE.
// Ends with "N passed, M failed"; exit 1 on any failure.
import { cellsEqual, compareResults, decimalAtScale, arrowKind, duckKind } from '../../bench/js/compare.mjs';

let passed = 0, failed = 0;
function check(name, got, want) {
  if (got === want) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}: got ${got}, want ${want}`);
  }
}

const dec = (s) => ({ kind: 'dec', scale: s });
const dbl = { kind: 'float' };
const int = { kind: 'int' };

// Kinds from type names.
check('arrow decimal', JSON.stringify(arrowKind('d:19,6')), JSON.stringify(dec(6)));
check('arrow double', arrowKind('g').kind, 'float');
check('arrow long', arrowKind('l').kind, 'int');
check('arrow string', arrowKind('u').kind, 'text');
check('duck decimal', JSON.stringify(duckKind('DECIMAL(38,4)')), JSON.stringify(dec(4)));
check('duck double', duckKind('DOUBLE').kind, 'float');
check('duck bigint', duckKind('BIGINT').kind, 'int');
check('duck hugeint', duckKind('HUGEINT').kind, 'int');

// HALF_UP at a scale.
check('half up .5', decimalAtScale('1.2345', 3), 1235n);
check('half up below', decimalAtScale('1.2344999', 3), 1234n);
check('half up negative', decimalAtScale('-1.2345', 3), -1235n);
check('pad', decimalAtScale('7', 2), 700n);

// Decimal vs decimal: DuckDB's exact digits rounded to Ember's scale must match exactly.
check('dec equal', cellsEqual('528968202.293578', '528968202.293578', dec(6), dec(6)), true);
check('dec more digits rounded', cellsEqual('1.000001', '1.0000005', dec(6), dec(7)), true);
check('dec off by one unit', cellsEqual('1.000002', '1.0000005', dec(6), dec(7)), false);
check('dec trailing zeros', cellsEqual('381268.00', '381268', dec(2), int), true);
check('dec one cent off', cellsEqual('381268.01', '381268.00', dec(2), dec(2)), false);

// Decimal vs DuckDB's double: Ember's must be the correctly rounded value.
check('avg rounded', cellsEqual('25.588456', '25.588456375838927', dec(6), dbl), true);
check('avg rounded up', cellsEqual('35944.077778', '35944.077777852348', dec(6), dbl), true);
check('avg truncated instead of rounded', cellsEqual('35944.077777', '35944.077777852348', dec(6), dbl), false);
check('avg half boundary within double error', cellsEqual('0.123457', '0.12345649999999999', dec(6), dbl), true);
check('avg wrong', cellsEqual('25.588457', '25.588456375838927', dec(6), dbl), false);

// Doubles: relative 1e-9.
check('double sum order', cellsEqual('1234567.8901234567', '1234567.8901234569', dbl, dbl), true);
check('double differs', cellsEqual('1234567.89', '1234567.90', dbl, dbl), false);

// Integers, text, NULL.
check('int', cellsEqual('14900', '14900', int, int), true);
check('int differs', cellsEqual('14900', '14901', int, int), false);
check('text', cellsEqual('A', 'A'), true);
check('text differs', cellsEqual('A', 'B'), false);
check('null vs 0', cellsEqual('\\N', '0', int, int), false);
check('null vs null', cellsEqual('\\N', '\\N', int, int), true);

// Whole results: order, ties, shapes.
const ember = { names: ['k', 'v'], types: ['u', 'd:25,2'], rows: [['a', '1.00'], ['b', '2.00']] };
const duck = { names: ['k', 'v'], types: ['VARCHAR', 'DECIMAL(38,2)'], rows: [['a', '1.00'], ['b', '2.00']] };
check('results equal', compareResults(ember, duck).note, 'equal');
const swapped = { ...duck, rows: [duck.rows[1], duck.rows[0]] };
check('tied order', compareResults(ember, swapped).note, 'equal as sets (tied order)');
check('row count', compareResults(ember, { ...duck, rows: [duck.rows[0]] }).ok, false);
check('column count', compareResults(ember, { ...duck, names: ['k'] }).ok, false);
check('value', compareResults(ember, { ...duck, rows: [['a', '1.00'], ['b', '2.01']] }).ok, false);

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
