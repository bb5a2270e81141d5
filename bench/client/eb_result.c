/*
 * eb_result.c: reading a query's whole result (every row is fetched, as the benchmark requires)
 * and writing it as TSV for the answer check: a line of column names, a line of their Arrow
 * format strings ("l", "d:38,6", "u", "tdD", ...), then the rows. The text form is the
 * comparison's: integers and decimals exactly, doubles with 17 significant digits (the driver
 * compares numbers with a tolerance), dates as YYYY-MM-DD.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "eb.h"

static bool eb_valid(const struct ArrowArray *a, int64_t row)
{
    const uint8_t *bits = a->n_buffers > 0 ? a->buffers[0] : NULL;
    if (!bits || a->null_count == 0)
        return true;
    int64_t k = row + a->offset;
    return (bits[k >> 3] >> (k & 7)) & 1;
}

static void eb_put_escaped(FILE *out, const char *p, int64_t n)
{
    for (int64_t k = 0; k < n; k++) {
        char ch = p[k];
        if (ch == '\t')
            fputs("\\t", out);
        else if (ch == '\n')
            fputs("\\n", out);
        else if (ch == '\\')
            fputs("\\\\", out);
        else
            fputc(ch, out);
    }
}

static void eb_put_int128(FILE *out, __int128 v, int scale)
{
    char digits[64];
    int n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)0 - (unsigned __int128)v : (unsigned __int128)v;
    do {
        digits[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u > 0 || n <= scale);
    if (neg)
        fputc('-', out);
    for (int k = n - 1; k >= 0; k--) {
        fputc(digits[k], out);
        if (k == scale && scale > 0)
            fputc('.', out);
    }
}

static void eb_put_date(FILE *out, int32_t days)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    int y = yoe + era * 400 + (m <= 2);
    fprintf(out, "%04d-%02d-%02d", y, m, d);
}

static void eb_put_value(FILE *out, const struct ArrowSchema *s, const struct ArrowArray *a,
                         int64_t row)
{
    if (!eb_valid(a, row)) {
        fputs("\\N", out);
        return;
    }
    const char *f = s->format;
    int64_t k = row + a->offset;
    const void *v = a->n_buffers > 1 ? a->buffers[1] : NULL;
    switch (f[0]) {
    case 'b':
        fputs(((((const uint8_t *)v)[k >> 3] >> (k & 7)) & 1) ? "true" : "false", out);
        return;
    case 'c':
        fprintf(out, "%d", ((const int8_t *)v)[k]);
        return;
    case 's':
        fprintf(out, "%d", ((const int16_t *)v)[k]);
        return;
    case 'i':
        fprintf(out, "%d", ((const int32_t *)v)[k]);
        return;
    case 'l':
        fprintf(out, "%" PRId64, ((const int64_t *)v)[k]);
        return;
    case 'f':
        fprintf(out, "%.9g", (double)((const float *)v)[k]);
        return;
    case 'g':
        fprintf(out, "%.17g", ((const double *)v)[k]);
        return;
    case 'd': {
        int precision = 0, scale = 0;
        sscanf(f + 2, "%d,%d", &precision, &scale);
        __int128 x;
        memcpy(&x, (const char *)v + k * 16, 16);
        eb_put_int128(out, x, scale);
        return;
    }
    case 't':
        if (f[1] == 'd' && f[2] == 'D') {
            eb_put_date(out, ((const int32_t *)v)[k]);
            return;
        }
        if (f[1] == 'd' && f[2] == 'm') {
            eb_put_date(out, (int32_t)(((const int64_t *)v)[k] / 86400000));
            return;
        }
        fprintf(out, "%" PRId64, ((const int64_t *)v)[k]);
        return;
    case 'u': {
        const int32_t *off = v;
        eb_put_escaped(out, (const char *)a->buffers[2] + off[k], off[k + 1] - off[k]);
        return;
    }
    case 'U': {
        const int64_t *off = v;
        eb_put_escaped(out, (const char *)a->buffers[2] + off[k], off[k + 1] - off[k]);
        return;
    }
    default:
        fprintf(out, "<%s>", f);
        return;
    }
}

int64_t eb_drain_stream(struct ArrowArrayStream *stream, FILE *out, ember_error *err)
{
    struct ArrowSchema schema = {0};
    int64_t rows = 0;
    if (stream->get_schema(stream, &schema) != 0) {
        const ember_error *e = ember_stream_error(stream);
        if (err && e)
            *err = *e;
        stream->release(stream);
        return -1;
    }
    if (out) {
        for (int64_t c_idx = 0; c_idx < schema.n_children; c_idx++)
            fprintf(out, "%s%s", c_idx ? "\t" : "", schema.children[c_idx]->name);
        fputc('\n', out);
        for (int64_t c_idx = 0; c_idx < schema.n_children; c_idx++)
            fprintf(out, "%s%s", c_idx ? "\t" : "", schema.children[c_idx]->format);
        fputc('\n', out);
    }
    for (;;) {
        struct ArrowArray batch = {0};
        if (stream->get_next(stream, &batch) != 0) {
            const ember_error *e = ember_stream_error(stream);
            if (err && e)
                *err = *e;
            rows = -1;
            break;
        }
        if (!batch.release)
            break;
        if (out)
            for (int64_t row = 0; row < batch.length; row++) {
                for (int64_t c_idx = 0; c_idx < batch.n_children; c_idx++) {
                    if (c_idx)
                        fputc('\t', out);
                    eb_put_value(out, schema.children[c_idx], batch.children[c_idx],
                                 row + batch.offset);
                }
                fputc('\n', out);
            }
        rows += batch.length;
        batch.release(&batch);
    }
    if (schema.release)
        schema.release(&schema);
    stream->release(stream);
    return rows;
}
