// produce.mjs: writes the foreign IPC streams that tests/arrow/test_foreign.c decodes, using
// the official Arrow JS writer (an encoder that is not ours). The outputs are committed under
// tests/arrow/fixtures/ so the C test runs without node; rerun this script after changing it:
//   node produce.mjs ../fixtures
// The values here are mirrored by hand in test_foreign.c.
import { writeFileSync } from 'node:fs';
import {
    Bool, Data, DateMillisecond, Dictionary, DurationMillisecond, Field, FixedSizeBinary,
    FixedSizeList, Float16, Float64, Int16, Int32, Int8, IntervalDayTime, LargeBinary,
    LargeUtf8, List, RecordBatch, RecordBatchStreamWriter, Schema, Struct, TimestampNanosecond,
    TimestampSecond, Uint16, Uint32, Uint64, Uint8, Utf8, makeData, makeVector, vectorFromArray,
} from 'apache-arrow';

const out = process.argv[2] || '.';

function batchOf(schema, columns) {
    const length = columns[0].length;
    const data = makeData({
        type: new Struct(schema.fields),
        length,
        nullCount: 0,
        children: columns.map((c) => c.data[0]),
    });
    return new RecordBatch(schema, data);
}

// 1. Several batches, a dictionary-encoded string column (int8 indices) whose dictionary
//    grows between batches (a delta dictionary batch), nulls, and a list column.
{
    const dictType = new Dictionary(new Utf8(), new Int8(), 0, false);
    const schema = new Schema([
        new Field('id', new Int32(), false),
        new Field('cat', dictType, true),
        new Field('val', new Float64(), true),
        new Field('tags', new List(new Field('item', new Utf8(), true)), true),
    ]);
    const dict1 = vectorFromArray(['red', 'green'], new Utf8());
    const dict2 = vectorFromArray(['red', 'green', 'blue'], new Utf8());
    const cat = (indices, dict) => makeVector(makeData({
        type: dictType, length: indices.length,
        nullCount: indices.filter((v) => v === null).length,
        nullBitmap: bitmap(indices.map((v) => v !== null)),
        data: Int8Array.from(indices.map((v) => v ?? 0)),
        dictionary: dict,
    }));
    const b1 = batchOf(schema, [
        vectorFromArray([1, 2, 3], new Int32()),
        cat([0, 1, null], dict1),
        vectorFromArray([1.5, null, -2], new Float64()),
        vectorFromArray([['a'], [], null], new List(new Field('item', new Utf8(), true))),
    ]);
    const b2 = batchOf(schema, [
        vectorFromArray([4, 5], new Int32()),
        cat([2, 0], dict2),
        vectorFromArray([0, 4.25], new Float64()),
        vectorFromArray([['b', null], ['c', 'd']], new List(new Field('item', new Utf8(), true))),
    ]);
    const b3 = batchOf(schema, [
        vectorFromArray([], new Int32()),
        cat([], dict2),
        vectorFromArray([], new Float64()),
        vectorFromArray([], new List(new Field('item', new Utf8(), true))),
    ]);
    const writer = new RecordBatchStreamWriter();
    writer.write(b1);
    writer.write(b2);
    writer.write(b3);
    writer.finish();
    writeFileSync(`${out}/js_multi_dict.arrows`, writer.toUint8Array(true));
}

function bitmap(valid) {
    const bytes = new Uint8Array(Math.max(1, (valid.length + 7) >> 3));
    valid.forEach((v, i) => { if (v) bytes[i >> 3] |= 1 << (i & 7); });
    return bytes;
}

// 2. Arrow types Spark has no exact twin for: unsigned ints, half floats, large strings,
//    millisecond dates, other time units, fixed-size lists and binaries, day-time intervals.
{
    const cols = {
        u8: vectorFromArray([0, 255, null], new Uint8()),
        u16: vectorFromArray([0, 65535, null], new Uint16()),
        u32: vectorFromArray([0, 4294967295, null], new Uint32()),
        u64: vectorFromArray([0n, 18446744073709551615n, null], new Uint64()),
        i16: vectorFromArray([-1, 300, null], new Int16()),
        f16: makeVector(makeData({ type: new Float16(), length: 3, nullCount: 1,
            nullBitmap: bitmap([true, true, false]),
            data: Uint16Array.from([0x3e00 /* 1.5 */, 0xc000 /* -2 */, 0]) })),
        lutf8: vectorFromArray(['large', '', null], new LargeUtf8()),
        lbin: makeVector(makeData({ type: new LargeBinary(), length: 3, nullCount: 1,
            nullBitmap: bitmap([true, false, true]),
            valueOffsets: BigInt64Array.from([0n, 2n, 2n, 3n]),
            data: Uint8Array.from([1, 2, 255]) })),
        dms: makeVector(makeData({ type: new DateMillisecond(), length: 3, nullCount: 1,
            nullBitmap: bitmap([true, true, false]),
            data: BigInt64Array.from([86400000n, -1n, 0n]) })),
        tsns: makeVector(makeData({ type: new TimestampNanosecond('UTC'), length: 3, nullCount: 0,
            data: BigInt64Array.from([1500n, -1500n, 1700000000123456789n]) })),
        tss: makeVector(makeData({ type: new TimestampSecond(), length: 3, nullCount: 0,
            data: BigInt64Array.from([1n, -1n, 0n]) })),
        durms: makeVector(makeData({ type: new DurationMillisecond(), length: 3, nullCount: 1,
            nullBitmap: bitmap([true, false, true]),
            data: BigInt64Array.from([1n, 0n, -2500n]) })),
        fsl: makeVector(makeData({
            type: new FixedSizeList(2, new Field('v', new Int32(), true)), length: 3, nullCount: 1,
            nullBitmap: bitmap([true, false, true]),
            child: makeData({ type: new Int32(), length: 6, nullCount: 1,
                nullBitmap: bitmap([true, true, true, true, false, true]),
                data: Int32Array.from([1, 2, 0, 0, 0, 6]) }) })),
        fsb: makeVector(makeData({ type: new FixedSizeBinary(3), length: 3, nullCount: 1,
            nullBitmap: bitmap([true, true, false]),
            data: Uint8Array.from([97, 98, 99, 0, 1, 2, 9, 9, 9]) })),
        idt: makeVector(makeData({ type: new IntervalDayTime(), length: 2, nullCount: 0,
            data: Int32Array.from([3, 1500, -1, -1]) })),
        ok: vectorFromArray([true, null, false], new Bool()),
    };
    // idt has two rows; pad it to three with a null.
    cols.idt = makeVector(makeData({ type: new IntervalDayTime(), length: 3, nullCount: 1,
        nullBitmap: bitmap([true, true, false]), data: Int32Array.from([3, 1500, -1, -1, 0, 0]) }));
    const schema = new Schema(Object.entries(cols).map(([name, v]) => new Field(name, v.type, true)));
    const batch = batchOf(schema, Object.values(cols));
    const writer = new RecordBatchStreamWriter();
    writer.write(batch);
    writer.finish();
    writeFileSync(`${out}/js_types.arrows`, writer.toUint8Array(true));
}
void Data;
