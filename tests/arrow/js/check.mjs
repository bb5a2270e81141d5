// check.mjs: the independent check of Ember's Arrow IPC encoder. Decodes IPC streams with the
// official Arrow JS library (apache-arrow, pinned in package.json) and compares them with an
// expected description written by the C test (tests/arrow/test_js.c).
//
// Usage: node check.mjs STREAM EXPECTED.json [STREAM EXPECTED.json ...]
// Prints one line per stream ("ok NAME" or "FAIL NAME: reason") and exits 1 if any failed.
//
// EXPECTED.json: {"batches": 1, "rows": N,
//                 "fields": [{"name", "nullable", "type", "keysSorted"?, "children"?}],
//                 "columns": [[row values], ...]}
// "type" is Arrow JS's DataType.toString() for flat types ("Int64", "Decimal[38e+10]",
// "Timestamp<MICROSECOND, Etc/UTC>") and the Type enum name for nested ones ("List",
// "Struct", "Map"). Value forms are those of tests/arrow/arrow_test_util.h. Fixed-width
// values are read from the raw little-endian buffers, so temporal values are compared
// exactly (no conversion to JS Dates); strings, booleans and numbers use Vector.get().
import { readFileSync } from 'node:fs';
import { RecordBatchReader, Type, makeVector } from 'apache-arrow';

class Mismatch extends Error {}

function fail(path, msg) {
    throw new Mismatch(`${path}: ${msg}`);
}

function typeName(type) {
    switch (type.typeId) {
    case Type.List: case Type.Struct: case Type.Map: case Type.LargeList:
    case Type.FixedSizeList:
        return Type[type.typeId];
    default:
        return String(type);
    }
}

function checkField(field, want, path) {
    if (field.name !== want.name) fail(path, `name ${JSON.stringify(field.name)} != ${JSON.stringify(want.name)}`);
    if (field.nullable !== want.nullable) fail(path, `nullable ${field.nullable} != ${want.nullable}`);
    const got = typeName(field.type);
    if (got !== want.type) fail(path, `type ${got} != ${want.type}`);
    if (want.keysSorted !== undefined && field.type.keysSorted !== want.keysSorted)
        fail(path, `keysSorted ${field.type.keysSorted} != ${want.keysSorted}`);
    const kids = field.type.children || [];
    const wantKids = want.children || [];
    if (kids.length !== wantKids.length) fail(path, `${kids.length} children != ${wantKids.length}`);
    kids.forEach((kid, idx) => checkField(kid, wantKids[idx], `${path}.${wantKids[idx].name}`));
}

function view(data) {
    const v = data.values;
    return new DataView(v.buffer, v.byteOffset, v.byteLength);
}

function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function decimalString(data, idx) {
    const dv = view(data);
    let v = dv.getBigUint64(idx * 16 + 8, true) << 64n | dv.getBigUint64(idx * 16, true);
    if (v >= 1n << 127n) v -= 1n << 128n;
    const neg = v < 0n;
    let digits = (neg ? -v : v).toString();
    const scale = data.type.scale;
    if (scale > 0) {
        digits = digits.padStart(scale + 1, '0');
        digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
    }
    return (neg ? '-' : '') + digits;
}

function floatValue(want) {
    if (typeof want === 'number') return want;
    return { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }[want] ?? Number(want);
}

function countNulls(values) {
    return values.filter((v) => v === null).length;
}

const vectors = new WeakMap();
function vectorOf(data) {
    let v = vectors.get(data);
    if (!v) {
        v = makeVector(data);
        vectors.set(data, v);
    }
    return v;
}

// Lengths and null counts of an array and, recursively, of its children: the children of
// a list hold the elements of its non-null rows, a map's entries its pairs, a struct's
// children one row per struct row (null where the struct row is null).
function checkCounts(data, want, path) {
    if (data.offset !== 0) fail(path, `unexpected data offset ${data.offset}`);
    if (data.length !== want.length) fail(path, `length ${data.length} != ${want.length}`);
    if (data.nullCount !== countNulls(want))
        fail(path, `nullCount ${data.nullCount} != ${countNulls(want)}`);
    const rows = want.filter((w) => w !== null);
    switch (data.type.typeId) {
    case Type.List:
        checkCounts(data.children[0], rows.flat(1), `${path}[]`);
        break;
    case Type.Map: {
        const pairs = rows.flat(1);
        const entries = data.children[0];
        if (entries.length !== pairs.length || entries.nullCount !== 0)
            fail(`${path}.entries`, `length ${entries.length}, nullCount ${entries.nullCount}`);
        checkCounts(entries.children[0], pairs.map((kv) => kv[0]), `${path}.key`);
        checkCounts(entries.children[1], pairs.map((kv) => kv[1]), `${path}.value`);
        break;
    }
    case Type.Struct:
        data.children.forEach((kid, k) =>
            checkCounts(kid, want.map((w) => (w === null ? null : w[k])), `${path}.${k}`));
        break;
    default:
        break;
    }
}

// Row idx of data against one expected value.
function checkValue(data, idx, want, path) {
    const t = data.type;
    const valid = t.typeId !== Type.Null && data.getValid(idx);
    if (want === null) {
        if (valid) fail(path, 'expected null, got a valid value');
        return;
    }
    if (!valid) fail(path, 'unexpected null');
    let got, exp = want;
    switch (t.typeId) {
    case Type.Bool:
    case Type.Utf8:
        got = vectorOf(data).get(idx);
        break;
    case Type.Int:
        got = vectorOf(data).get(idx);
        exp = t.bitWidth === 64 ? BigInt(want) : Number(want);
        break;
    case Type.Float:
        got = vectorOf(data).get(idx);
        if (!Object.is(got, floatValue(want))) fail(path, `${got} != ${want}`);
        return;
    case Type.Binary:
        got = hex(vectorOf(data).get(idx));
        break;
    case Type.Decimal:
        got = decimalString(data, idx);
        break;
    case Type.Date:
        got = view(data).getInt32(idx * 4, true);
        exp = Number(want);
        break;
    case Type.Timestamp:
    case Type.Duration:
        got = view(data).getBigInt64(idx * 8, true);
        exp = BigInt(want);
        break;
    case Type.Interval: {
        const dv = view(data);
        if (t.unit === 0) { // YEAR_MONTH: int32 months
            got = dv.getInt32(idx * 4, true);
            exp = Number(want);
        } else { // MONTH_DAY_NANO: int32 months, int32 days, int64 nanoseconds
            got = `${dv.getInt32(idx * 16, true)},${dv.getInt32(idx * 16 + 4, true)},` +
                  `${dv.getBigInt64(idx * 16 + 8, true)}`;
            exp = `${want[0]},${want[1]},${BigInt(want[2]) * 1000n}`;
        }
        break;
    }
    case Type.List: {
        const off = data.valueOffsets;
        const begin = off[idx], end = off[idx + 1];
        if (end - begin !== want.length) fail(path, `${end - begin} elements != ${want.length}`);
        want.forEach((w, k) => checkValue(data.children[0], begin + k, w, `${path}[${k}]`));
        return;
    }
    case Type.Map: {
        const off = data.valueOffsets;
        const begin = off[idx], end = off[idx + 1];
        if (end - begin !== want.length) fail(path, `${end - begin} entries != ${want.length}`);
        const [keys, values] = data.children[0].children;
        want.forEach((kv, k) => {
            checkValue(keys, begin + k, kv[0], `${path}{${k}}.key`);
            checkValue(values, begin + k, kv[1], `${path}{${k}}.value`);
        });
        return;
    }
    case Type.Struct:
        data.children.forEach((kid, k) => checkValue(kid, idx, want[k], `${path}.${k}`));
        return;
    default:
        fail(path, `no check for type ${t}`);
    }
    if (got !== exp) fail(path, `${String(got)} != ${String(exp)}`);
}

function checkData(data, want, path) {
    checkCounts(data, want, path);
    want.forEach((w, idx) => checkValue(data, idx, w, `${path}[${idx}]`));
}

function checkStream(streamPath, expectedPath) {
    const want = JSON.parse(readFileSync(expectedPath, 'utf8'));
    const bytes = readFileSync(streamPath);
    const reader = RecordBatchReader.from(bytes).open();
    const schema = reader.schema;
    const batches = [...reader];
    if (batches.length !== want.batches) fail('stream', `${batches.length} batches != ${want.batches}`);
    if (!schema) fail('stream', 'no schema');
    if (schema.fields.length !== want.fields.length)
        fail('schema', `${schema.fields.length} fields != ${want.fields.length}`);
    schema.fields.forEach((f, idx) => checkField(f, want.fields[idx], `field ${want.fields[idx].name}`));
    const batch = batches[0];
    if (batch.numRows !== want.rows) fail('batch', `${batch.numRows} rows != ${want.rows}`);
    want.fields.forEach((f, idx) => checkData(batch.data.children[idx], want.columns[idx], f.name));
}

let failed = 0;
const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2) {
    console.error('usage: node check.mjs STREAM EXPECTED.json [...]');
    process.exit(2);
}
for (let idx = 0; idx < args.length; idx += 2) {
    const name = args[idx].split('/').pop();
    try {
        checkStream(args[idx], args[idx + 1]);
        console.log(`ok ${name}`);
    } catch (e) {
        failed++;
        console.log(`FAIL ${name}: ${e instanceof Mismatch ? e.message : e.stack}`);
    }
}
process.exit(failed ? 1 : 0);
