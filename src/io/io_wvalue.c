/*
 * io_wvalue: values as the text writers (CSV, JSON) print them. Atomic values follow the JVM's
 * toString of Spark's internal values (UnivocityGenerator's `getter.get(ordinal, dt).toString`,
 * Jackson's writeNumber): Integer/Long.toString, Float/Double.toString, BigDecimal.toString
 * (scientific below 1E-6), strings unchanged. Dates and timestamps go through the writer's
 * formatters (dateFormat / timestampFormat / timestampNTZFormat with Spark 4's write defaults,
 * FileSourceOptions.commonTimestampFormat), ANSI intervals in ANSI style
 * (IntervalUtils.to*IntervalString), binary as SparkStringUtils.getHexString ("[01 AB]").
 */
#include <stdio.h>
#include <string.h>

#include "common/em_mem.h"
#include "io/io_write_int.h"
#include "io/source_int.h"
#include "types/ty_dec.h"
#include "types/ty_format.h"
#include "types/ty_num.h"

static void io_wdtfmt_free(void *p)
{
    ty_dtfmt_free(p);
}

static int io_wcompile(io_wjob *job, const char *pattern, ty_dtfmt **out, em_error *err)
{
    ty_dtfmt_error e;
    memset(&e, 0, sizeof e);
    ty_dtfmt *f = ty_dtfmt_compile(pattern, strlen(pattern), false, &e);
    if (!f)
        return io_dtfmt_raise(&e, err);
    em_arena_on_release(&job->arena, io_wdtfmt_free, f);
    *out = f;
    return EM_OK;
}

int io_wtime_init(io_wjob *job, io_wtime *t, em_error *err)
{
    memset(t, 0, sizeof *t);
    t->tz = job->tz;
    const char *d = io_wopt(job, "dateFormat");
    const char *ts = io_wopt(job, "timestampFormat");
    const char *ntz = io_wopt(job, "timestampNTZFormat");
    if (io_wcompile(job, d ? d : "yyyy-MM-dd", &t->date, err) ||
        io_wcompile(job, ts ? ts : "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXXXX]", &t->ts, err) ||
        io_wcompile(job, ntz ? ntz : "yyyy-MM-dd'T'HH:mm:ss[.SSS]", &t->ntz, err))
        return err ? err->code : EM_EUSER;
    return EM_OK;
}

void io_wfmt_date(const io_wtime *t, int32_t days, em_str *out)
{
    ty_dtfmt_format(t->date, (int64_t)days * 86400000000LL, NULL, out);
}

void io_wfmt_ts(const io_wtime *t, int64_t micros, em_str *out)
{
    ty_dtfmt_format(t->ts, micros, t->tz, out);
}

void io_wfmt_ntz(const io_wtime *t, int64_t micros, em_str *out)
{
    ty_dtfmt_format(t->ntz, micros, NULL, out);
}

void io_wvalue_text(const io_wtime *t, const vec *v, int64_t row, em_str *out)
{
    const ty *type = v->type;
    char buf[64];
    switch (type->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[row] ? "true" : "false");
        return;
    case TY_BYTE:
        em_str_printf(out, "%d", VEC_VALUES(v, int8_t)[row]);
        return;
    case TY_SHORT:
        em_str_printf(out, "%d", VEC_VALUES(v, int16_t)[row]);
        return;
    case TY_INT:
        em_str_printf(out, "%d", VEC_VALUES(v, int32_t)[row]);
        return;
    case TY_LONG:
        em_str_printf(out, "%lld", (long long)VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_FLOAT:
        ty_float_append(VEC_VALUES(v, float)[row], out);
        return;
    case TY_DOUBLE:
        ty_double_append(VEC_VALUES(v, double)[row], out);
        return;
    case TY_DECIMAL:
        ty_dec_append(VEC_VALUES(v, __int128)[row], type->scale, false, out);
        return;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t len;
        const char *p = vec_str(v, row, &len);
        em_str_append(out, p, (size_t)len);
        return;
    }
    case TY_BINARY: {
        int32_t len;
        const unsigned char *p = (const unsigned char *)vec_str(v, row, &len);
        em_str_putc(out, '[');
        for (int32_t i = 0; i < len; i++) {
            snprintf(buf, sizeof buf, i ? " %02X" : "%02X", p[i]);
            em_str_puts(out, buf);
        }
        em_str_putc(out, ']');
        return;
    }
    case TY_DATE:
        io_wfmt_date(t, VEC_VALUES(v, int32_t)[row], out);
        return;
    case TY_TIMESTAMP:
        io_wfmt_ts(t, VEC_VALUES(v, int64_t)[row], out);
        return;
    case TY_TIMESTAMP_NTZ:
        io_wfmt_ntz(t, VEC_VALUES(v, int64_t)[row], out);
        return;
    case TY_YEARMONTH_INTERVAL:
        ty_ym_interval_append(VEC_VALUES(v, int32_t)[row], type->start_field, type->end_field, out);
        return;
    case TY_DAYTIME_INTERVAL:
        ty_dt_interval_append(VEC_VALUES(v, int64_t)[row], type->start_field, type->end_field, out);
        return;
    case TY_CALENDAR_INTERVAL:
        ty_calendar_interval_append(&VEC_VALUES(v, ty_calendar_interval)[row], out);
        return;
    default: {
        ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = t ? t->tz : NULL};
        ty_format_cell(v, row, &fo, out);
        return;
    }
    }
}
