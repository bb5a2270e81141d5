/* coll_harness: SQL text -> parser -> analyzer -> executor, rendered as HiveResult (see .h). */
#include "coll_harness.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "analyzer/an.h"
#include "common/em_mem.h"
#include "exec/ex.h"
#include "sql/sql.h"
#include "types/ty_format.h"

void ch_init(ch_env *env, bool ansi)
{
    memset(env, 0, sizeof *env);
    em_arena_init(&env->a, 0);
    env->opts.ansi = ansi;
    env->opts.time_zone = "America/Los_Angeles";
    env->opts.batch_rows = VEC_BATCH_ROWS;
    em_error_clear(&env->err);
}

void ch_release(ch_env *env)
{
    em_arena_release(&env->a);
}

static int ch_lookup(void *ctx, int n_parts, const char *const *parts, em_arena *arena,
                     pl_node **plan, em_error *err)
{
    ch_env *env = ctx;
    (void)arena;
    (void)err;
    for (int k = 0; k < env->n_views && n_parts > 0; k++)
        if (strcasecmp(env->views[k].name, parts[n_parts - 1]) == 0) {
            *plan = env->views[k].plan;
            return 0;
        }
    return 1;
}

/* HiveResult.toHiveString */
static void ch_hive(const vec *v, int64_t r, bool nested, const pl_session_opts *opts, em_str *out)
{
    if (v->type->kind == TY_NULL || vec_is_null(v, r)) {
        em_str_puts(out, nested ? "null" : "NULL");
        return;
    }
    switch (v->type->kind) {
    case TY_ARRAY:
        em_str_putc(out, '[');
        for (int32_t k = v->offsets[r]; k < v->offsets[r + 1]; k++) {
            if (k > v->offsets[r])
                em_str_putc(out, ',');
            ch_hive(v->children[0], k, true, opts, out);
        }
        em_str_putc(out, ']');
        return;
    case TY_MAP: {
        /* entries rendered then sorted as strings, as HiveResult does */
        int32_t n = v->offsets[r + 1] - v->offsets[r];
        em_str *ents = em_calloc((size_t)(n ? n : 1), sizeof *ents);
        for (int32_t k = 0; k < n; k++) {
            em_str_init(&ents[k], 0);
            ch_hive(v->children[0], v->offsets[r] + k, true, opts, &ents[k]);
            em_str_putc(&ents[k], ':');
            ch_hive(v->children[1], v->offsets[r] + k, true, opts, &ents[k]);
        }
        for (int32_t i = 1; i < n; i++)
            for (int32_t j = i; j > 0 && strcmp(ents[j - 1].data, ents[j].data) > 0; j--) {
                em_str t = ents[j];
                ents[j] = ents[j - 1];
                ents[j - 1] = t;
            }
        em_str_putc(out, '{');
        for (int32_t k = 0; k < n; k++) {
            if (k)
                em_str_putc(out, ',');
            em_str_puts(out, ents[k].data);
            em_str_release(&ents[k]);
        }
        em_free(ents);
        em_str_putc(out, '}');
        return;
    }
    case TY_STRUCT:
        em_str_putc(out, '{');
        for (int f = 0; f < v->n_children; f++) {
            if (f)
                em_str_putc(out, ',');
            em_str_printf(out, "\"%s\":", v->type->fields[f].name);
            ch_hive(v->children[f], r, true, opts, out);
        }
        em_str_putc(out, '}');
        return;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t len;
        const char *s = vec_str(v, r, &len);
        if (nested)
            em_str_putc(out, '"');
        em_str_append(out, s, (size_t)len);
        if (nested)
            em_str_putc(out, '"');
        return;
    }
    default: {
        ty_format_opts fo = {.pretty = false, .decimal_plain = true, .tz = ty_session_tz(opts)};
        ty_format_cell(v, r, &fo, out);
        return;
    }
    }
}

static bool ch_starts(const char *s, const char *kw)
{
    size_t n = strlen(kw);
    return strncasecmp(s, kw, n) == 0 && (isspace((unsigned char)s[n]) || s[n] == '(');
}

static int ch_set(ch_env *env, const char *s, char *out, size_t cap)
{
    char key[128], val[128];
    if (sscanf(s, "%127[^= ] = %127s", key, val) != 2)
        return CH_SKIPPED;
    if (strcasecmp(key, "spark.sql.ansi.enabled") == 0)
        env->opts.ansi = strcasecmp(val, "true") == 0;
    else if (strcasecmp(key, "spark.sql.mapKeyDedupPolicy") == 0)
        env->opts.map_key_last_win = strcasecmp(val, "LAST_WIN") == 0;
    else if (strcasecmp(key, "spark.sql.legacy.negativeIndexInArrayInsert") == 0)
        env->opts.legacy_negative_index_array_insert = strcasecmp(val, "true") == 0;
    else
        return CH_SKIPPED;
    /* SET k=v answers one row (key, value) */
    snprintf(env->schema, sizeof env->schema, "struct<key:string,value:string>");
    snprintf(out, cap, "%s\t%s", key, val);
    return 0;
}

static int ch_view_def(ch_env *env, const char *s)
{
    /* CREATE [OR REPLACE] TEMPORARY VIEW name AS query */
    const char *p = s + 6;
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "or replace", 10) == 0)
        p += 10;
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "temporary", 9) == 0 || strncasecmp(p, "temp", 4) == 0)
        p += strncasecmp(p, "temporary", 9) == 0 ? 9 : 4;
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "view", 4) != 0)
        return CH_SKIPPED;
    p += 4;
    while (isspace((unsigned char)*p))
        p++;
    const char *name = p;
    while (*p && !isspace((unsigned char)*p) && *p != '(')
        p++;
    size_t name_len = (size_t)(p - name);
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "as", 2) != 0 || !isspace((unsigned char)p[2]))
        return CH_SKIPPED;
    pl_node *plan;
    if (sql_parse_statement(p + 3, &env->a, &plan, &env->err))
        return env->err.code;
    char *nm = em_arena_strndup(&env->a, name, name_len);
    for (int k = 0; k < env->n_views; k++)
        if (strcasecmp(env->views[k].name, nm) == 0) {
            env->views[k].plan = plan;
            return 0;
        }
    if (env->n_views == 32)
        return CH_SKIPPED;
    env->views[env->n_views].name = nm;
    env->views[env->n_views++].plan = plan;
    return 0;
}

int ch_run(ch_env *env, const char *sql, char *out, size_t cap)
{
    em_error_clear(&env->err);
    out[0] = '\0';
    env->schema[0] = '\0';
    while (isspace((unsigned char)*sql))
        sql++;
    char *text = em_arena_strdup(&env->a, sql);
    size_t len = strlen(text);
    while (len && (isspace((unsigned char)text[len - 1]) || text[len - 1] == ';'))
        text[--len] = '\0';
    if (ch_starts(text, "set"))
        return ch_set(env, text + 4, out, cap);
    if (ch_starts(text, "create"))
        return ch_view_def(env, text);
    if (!ch_starts(text, "select") && !ch_starts(text, "with") && !ch_starts(text, "values") &&
        !ch_starts(text, "from"))
        return CH_SKIPPED;
    pl_node *plan, *res;
    if (sql_parse_statement(text, &env->a, &plan, &env->err))
        return env->err.code;
    an_env aenv = {.opts = &env->opts, .lookup_relation = ch_lookup, .catalog_ctx = env};
    if (an_resolve(&aenv, &env->a, plan, &res, &env->err))
        return env->err.code;
    em_str s;
    em_str_init(&s, 0);
    em_str_puts(&s, "struct<");
    for (int c = 0; c < res->n_out; c++) {
        if (c)
            em_str_putc(&s, ',');
        em_str_printf(&s, "%s:", res->out[c].name);
        ty_catalog_string(res->out[c].type, &s);
    }
    em_str_putc(&s, '>');
    snprintf(env->schema, sizeof env->schema, "%s", s.data);
    em_str_reset(&s);
    vec_batch *b = NULL;
    if (ex_run_all(res, &env->opts, &b, &env->err)) {
        em_str_release(&s);
        return env->err.code;
    }
    for (int64_t r = 0; r < b->n_rows; r++) {
        if (r)
            em_str_putc(&s, '\n');
        for (int c = 0; c < b->n_cols; c++) {
            if (c)
                em_str_putc(&s, '\t');
            ch_hive(b->cols[c], r, false, &env->opts, &s);
        }
    }
    snprintf(out, cap, "%s", s.data ? s.data : "");
    em_str_release(&s);
    vec_batch_free(b);
    return 0;
}

const char *ch_value(ch_env *env, const char *sql)
{
    static char buf[8192];
    int rc = ch_run(env, sql, buf, sizeof buf);
    if (rc == CH_SKIPPED)
        return "SKIPPED";
    if (rc)
        snprintf(buf, sizeof buf, "ERROR:%s", env->err.error_class);
    return buf;
}
