/*
 * an_stub_sql: a stand-in for sql/ used only when EMBER_AN_SQL_STUB=ON (the real parser being
 * mid-change). It parses the data type strings the connect-plans inputs use
 * ("struct<id:bigint,a:int>", "array<int>", "map<string,int>", "decimal(10,2)", DDL column
 * lists "a INT, b STRING") and identifiers; everything else raises
 * UNSUPPORTED_FEATURE.NOT_IMPLEMENTED so tests report it as unsupported.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/sql.h"

typedef struct stub_p {
    const char *s;
    size_t pos;
    em_arena *a;
} stub_p;

static void stub_ws(stub_p *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' || p->s[p->pos] == '\n')
        p->pos++;
}

static size_t stub_word(stub_p *p, const char **w)
{
    stub_ws(p);
    size_t start = p->pos;
    if (p->s[p->pos] == '`') {
        p->pos++;
        start = p->pos;
        while (p->s[p->pos] && p->s[p->pos] != '`')
            p->pos++;
        *w = p->s + start;
        size_t n = p->pos - start;
        if (p->s[p->pos] == '`')
            p->pos++;
        return n;
    }
    while (p->s[p->pos] && (p->s[p->pos] == '_' || (p->s[p->pos] >= 'a' && p->s[p->pos] <= 'z') ||
                            (p->s[p->pos] >= 'A' && p->s[p->pos] <= 'Z') ||
                            (p->s[p->pos] >= '0' && p->s[p->pos] <= '9')))
        p->pos++;
    *w = p->s + start;
    return p->pos - start;
}

static bool stub_eat(stub_p *p, char c)
{
    stub_ws(p);
    if (p->s[p->pos] != c)
        return false;
    p->pos++;
    return true;
}

static const ty *stub_type(stub_p *p);

static const ty *stub_fields(stub_p *p, char close, bool colon)
{
    ty_field fields[256];
    int n = 0;
    while (n < 256) {
        stub_ws(p);
        if (close && p->s[p->pos] == close)
            break;
        const char *w;
        size_t len = stub_word(p, &w);
        if (!len)
            return NULL;
        fields[n].name = em_arena_strndup(p->a, w, len);
        if (colon && !stub_eat(p, ':'))
            return NULL;
        fields[n].type = stub_type(p);
        if (!fields[n].type)
            return NULL;
        fields[n].nullable = true;
        fields[n].metadata = NULL;
        n++;
        if (!stub_eat(p, ','))
            break;
    }
    return ty_struct(p->a, n, fields);
}

static const ty *stub_type(stub_p *p)
{
    const char *w;
    size_t len = stub_word(p, &w);
    char name[32];
    if (!len || len >= sizeof name)
        return NULL;
    memcpy(name, w, len);
    name[len] = '\0';
    static const struct {
        const char *n;
        ty_kind k;
    } prims[] = {{"boolean", TY_BOOLEAN},
                 {"tinyint", TY_BYTE},
                 {"byte", TY_BYTE},
                 {"smallint", TY_SHORT},
                 {"short", TY_SHORT},
                 {"int", TY_INT},
                 {"integer", TY_INT},
                 {"bigint", TY_LONG},
                 {"long", TY_LONG},
                 {"float", TY_FLOAT},
                 {"real", TY_FLOAT},
                 {"double", TY_DOUBLE},
                 {"string", TY_STRING},
                 {"binary", TY_BINARY},
                 {"date", TY_DATE},
                 {"timestamp", TY_TIMESTAMP},
                 {"timestamp_ntz", TY_TIMESTAMP_NTZ},
                 {"void", TY_NULL},
                 {"variant", TY_VARIANT}};
    for (size_t idx = 0; idx < sizeof prims / sizeof prims[0]; idx++)
        if (strcasecmp(prims[idx].n, name) == 0) {
            const ty *t = ty_primitive(prims[idx].k);
            stub_ws(p);
            if (prims[idx].k == TY_STRING && strncasecmp(p->s + p->pos, "collate", 7) == 0) {
                p->pos += 7;
                const char *cw;
                size_t cl = stub_word(p, &cw);
                t = ty_string_collated(p->a, em_arena_strndup(p->a, cw, cl));
            }
            return t;
        }
    if (strcasecmp(name, "decimal") == 0 || strcasecmp(name, "dec") == 0) {
        int prec = 10, scale = 0;
        if (stub_eat(p, '(')) {
            const char *d;
            size_t dl = stub_word(p, &d);
            prec = (int)strtol(em_arena_strndup(p->a, d, dl), NULL, 10);
            if (stub_eat(p, ',')) {
                dl = stub_word(p, &d);
                scale = (int)strtol(em_arena_strndup(p->a, d, dl), NULL, 10);
            }
            if (!stub_eat(p, ')'))
                return NULL;
        }
        return ty_decimal(p->a, prec, scale);
    }
    if (strcasecmp(name, "array") == 0) {
        if (!stub_eat(p, '<'))
            return NULL;
        const ty *e = stub_type(p);
        if (!e || !stub_eat(p, '>'))
            return NULL;
        return ty_array(p->a, e, true);
    }
    if (strcasecmp(name, "map") == 0) {
        if (!stub_eat(p, '<'))
            return NULL;
        const ty *k = stub_type(p);
        if (!k || !stub_eat(p, ','))
            return NULL;
        const ty *v = stub_type(p);
        if (!v || !stub_eat(p, '>'))
            return NULL;
        return ty_map(p->a, k, v, true);
    }
    if (strcasecmp(name, "struct") == 0) {
        if (!stub_eat(p, '<'))
            return NULL;
        const ty *t = stub_fields(p, '>', true);
        if (!t || !stub_eat(p, '>'))
            return NULL;
        return t;
    }
    return NULL;
}

static int stub_unsupported(em_error *err, const char *what)
{
    return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature", what, NULL);
}

int sql_parse_type(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    stub_p p = {text, 0, arena};
    const ty *t = stub_type(&p);
    stub_ws(&p);
    if (!t || text[p.pos])
        return stub_unsupported(err, "this data type (SQL parser stub)");
    *out = t;
    return EM_OK;
}

int sql_parse_schema(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    stub_p p = {text, 0, arena};
    const ty *t = stub_fields(&p, 0, false);
    stub_ws(&p);
    if (t && !text[p.pos]) {
        *out = t;
        return EM_OK;
    }
    return sql_parse_type(text, arena, out, err);
}

int sql_parse_schema_any(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    em_error scratch;
    em_error_clear(&scratch);
    if (sql_parse_type(text, arena, out, &scratch) == EM_OK)
        return EM_OK;
    return sql_parse_schema(text, arena, out, err);
}

int sql_parse_json_type(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    (void)text, (void)arena, (void)out;
    return stub_unsupported(err, "JSON schemas (SQL parser stub)");
}

int sql_parse_identifier(const char *text, em_arena *arena, int *n_parts, const char ***parts,
                         em_error *err)
{
    return pl_parse_attr_name(arena, text, n_parts, parts, err);
}

int sql_parse_expr(const char *text, em_arena *arena, pl_expr **out, em_error *err)
{
    (void)text, (void)arena, (void)out;
    return stub_unsupported(err, "SQL expressions (SQL parser stub)");
}

int sql_parse_statement(const char *text, em_arena *arena, pl_node **out, em_error *err)
{
    (void)text, (void)arena, (void)out;
    return stub_unsupported(err, "SQL statements (SQL parser stub)");
}

int sql_parse_statement_ex(const char *text, const sql_opts *opts, const sql_params *params,
                           em_arena *arena, pl_node **out, em_error *err)
{
    (void)opts, (void)params;
    return sql_parse_statement(text, arena, out, err);
}

int sql_parse_expr_ex(const char *text, const sql_opts *opts, const sql_params *params,
                      em_arena *arena, pl_expr **out, em_error *err)
{
    (void)opts, (void)params;
    return sql_parse_expr(text, arena, out, err);
}

void sql_opts_default(sql_opts *opts)
{
    memset(opts, 0, sizeof *opts);
}
