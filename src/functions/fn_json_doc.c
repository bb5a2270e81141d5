/*
 * fn_json_doc: the JSON document model of the JSON functions (fn_json_int.h): a recursive-descent
 * parser with Jackson's grammar under Spark's JSONOptions features (comments, unquoted names,
 * single quotes, leading zeros, NaN/Infinity, any backslash escape, raw control characters),
 * Jackson's compact writer for copying values, and the schema-string entry point.
 *
 * Invariants: every value records its exact source span; depth is bounded by
 * FN_JSON_MAX_DEPTH; the parser never reads past `end`.
 */
#include <string.h>

#include "sql/sql.h"
#include "common/em_mem.h"
#include "functions/fn_json_int.h"
#include "functions/fn_coll.h"
#include "functions/fn_misc_int.h"
#include "types/ty_num.h"

typedef struct fn_jp {
    em_arena *a;
    const fn_jopts *o;
    const char *p, *end;
    int depth;
    em_str buf; /* scratch for decoded strings */
} fn_jp;

static int fn_jp_value(fn_jp *jp, fn_jval **out);

/* Skips whitespace and, when allowed, comments. Returns false on an unterminated comment. */
static bool fn_jp_ws(fn_jp *jp)
{
    for (;;) {
        while (jp->p < jp->end &&
               (*jp->p == ' ' || *jp->p == '\t' || *jp->p == '\n' || *jp->p == '\r'))
            jp->p++;
        if (!jp->o->allow_comments || jp->p + 1 >= jp->end || *jp->p != '/')
            return true;
        if (jp->p[1] == '/') {
            while (jp->p < jp->end && *jp->p != '\n')
                jp->p++;
        } else if (jp->p[1] == '*') {
            const char *q = jp->p + 2;
            while (q + 1 < jp->end && !(q[0] == '*' && q[1] == '/'))
                q++;
            if (q + 1 >= jp->end)
                return false;
            jp->p = q + 2;
        } else {
            return true;
        }
    }
}

static int fn_jp_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void fn_jp_utf8(em_str *s, uint32_t cp)
{
    char b[4];
    int n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    em_str_append(s, b, (size_t)n);
}

static bool fn_jp_u4(fn_jp *jp, uint32_t *cp)
{
    if (jp->end - jp->p < 4)
        return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        int h = fn_jp_hex(jp->p[k]);
        if (h < 0)
            return false;
        v = v * 16 + (uint32_t)h;
    }
    jp->p += 4;
    *cp = v;
    return true;
}

/* A quoted string at the cursor (its quote char q) decoded into jp->buf. */
static bool fn_jp_string(fn_jp *jp, char q)
{
    em_str_reset(&jp->buf);
    jp->p++;
    while (jp->p < jp->end) {
        unsigned char c = (unsigned char)*jp->p;
        if (c == (unsigned char)q) {
            jp->p++;
            return !jp->buf.overflow;
        }
        if (c < 0x20 && !jp->o->allow_control_chars)
            return false;
        if (c != '\\') {
            em_str_putc(&jp->buf, (char)c);
            jp->p++;
            continue;
        }
        if (++jp->p >= jp->end)
            return false;
        char e = *jp->p++;
        switch (e) {
        case '"':
            em_str_putc(&jp->buf, '"');
            break;
        case '\\':
            em_str_putc(&jp->buf, '\\');
            break;
        case '/':
            em_str_putc(&jp->buf, '/');
            break;
        case 'b':
            em_str_putc(&jp->buf, '\b');
            break;
        case 'f':
            em_str_putc(&jp->buf, '\f');
            break;
        case 'n':
            em_str_putc(&jp->buf, '\n');
            break;
        case 'r':
            em_str_putc(&jp->buf, '\r');
            break;
        case 't':
            em_str_putc(&jp->buf, '\t');
            break;
        case 'u': {
            uint32_t cp;
            if (!fn_jp_u4(jp, &cp))
                return false;
            if (cp >= 0xD800 && cp < 0xDC00 && jp->end - jp->p >= 6 && jp->p[0] == '\\' &&
                jp->p[1] == 'u') {
                const char *save = jp->p;
                jp->p += 2;
                uint32_t lo;
                if (fn_jp_u4(jp, &lo) && lo >= 0xDC00 && lo < 0xE000)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                    jp->p = save;
            }
            /* A lone surrogate cannot be UTF-8: Java's encoder writes '?' for it. */
            if (cp >= 0xD800 && cp < 0xE000)
                em_str_putc(&jp->buf, '?');
            else
                fn_jp_utf8(&jp->buf, cp);
            break;
        }
        default:
            if (e == '\'' && jp->o->allow_single_quotes)
                em_str_putc(&jp->buf, '\'');
            else if (jp->o->allow_backslash_any)
                em_str_putc(&jp->buf, e);
            else
                return false;
        }
    }
    return false;
}

static bool fn_jp_ident_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '$' || (unsigned char)c >= 0x80;
}

/* A literal word (true / false / null / NaN ...) at the cursor, not followed by a name char. */
static bool fn_jp_word(fn_jp *jp, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(jp->end - jp->p) < n || memcmp(jp->p, w, n) != 0)
        return false;
    if (jp->p + n < jp->end && fn_jp_ident_char(jp->p[n]))
        return false;
    jp->p += n;
    return true;
}

static bool fn_jp_digits(fn_jp *jp)
{
    const char *s = jp->p;
    while (jp->p < jp->end && *jp->p >= '0' && *jp->p <= '9')
        jp->p++;
    return jp->p > s;
}

static bool fn_jp_number(fn_jp *jp, fn_jval *v)
{
    const char *s = jp->p;
    bool neg = false;
    if (*jp->p == '-' || *jp->p == '+') {
        neg = *jp->p == '-';
        if (*jp->p == '+' && !jp->o->allow_non_numeric)
            return false;
        jp->p++;
    }
    if (jp->o->allow_non_numeric &&
        (fn_jp_word(jp, "Infinity") || fn_jp_word(jp, "INF") || (!neg && fn_jp_word(jp, "NaN")))) {
        v->is_float = v->non_numeric = true;
        return true;
    }
    const char *int_start = jp->p;
    if (!fn_jp_digits(jp))
        return false;
    if (*int_start == '0' && jp->p - int_start > 1 && !jp->o->allow_leading_zeros)
        return false;
    if (jp->p < jp->end && *jp->p == '.') {
        jp->p++;
        if (!fn_jp_digits(jp))
            return false;
        v->is_float = true;
    }
    if (jp->p < jp->end && (*jp->p == 'e' || *jp->p == 'E')) {
        jp->p++;
        if (jp->p < jp->end && (*jp->p == '+' || *jp->p == '-'))
            jp->p++;
        if (!fn_jp_digits(jp))
            return false;
        v->is_float = true;
    }
    (void)s;
    return true;
}

/* Appends item (and key) to the growing arrays of a container. */
static void fn_jp_push(fn_jp *jp, fn_jval *c, int *cap, fn_jval *item, const char *key,
                       int32_t key_len)
{
    if (c->n == *cap) {
        int ncap = *cap ? *cap * 2 : 4;
        fn_jval **items = em_arena_alloc(jp->a, (size_t)ncap * sizeof *items);
        if (c->n)
            memcpy(items, c->items, (size_t)c->n * sizeof *items);
        c->items = items;
        if (c->kind == FN_J_OBJ) {
            const char **keys = em_arena_alloc(jp->a, (size_t)ncap * sizeof *keys);
            int32_t *lens = em_arena_alloc(jp->a, (size_t)ncap * sizeof *lens);
            if (c->n) {
                memcpy(keys, c->keys, (size_t)c->n * sizeof *keys);
                memcpy(lens, c->key_lens, (size_t)c->n * sizeof *lens);
            }
            c->keys = keys;
            c->key_lens = lens;
        }
        *cap = ncap;
    }
    if (c->kind == FN_J_OBJ) {
        c->keys[c->n] = key;
        c->key_lens[c->n] = key_len;
    }
    c->items[c->n++] = item;
}

static bool fn_jp_name(fn_jp *jp, const char **key, int32_t *key_len)
{
    if (jp->p >= jp->end)
        return false;
    char q = *jp->p;
    if (q == '"' || (q == '\'' && jp->o->allow_single_quotes)) {
        if (!fn_jp_string(jp, q))
            return false;
    } else if (jp->o->allow_unquoted_names && fn_jp_ident_char(q) && !(q >= '0' && q <= '9')) {
        em_str_reset(&jp->buf);
        while (jp->p < jp->end && fn_jp_ident_char(*jp->p))
            em_str_putc(&jp->buf, *jp->p++);
    } else {
        return false;
    }
    *key = em_arena_strndup(jp->a, jp->buf.data ? jp->buf.data : "", jp->buf.len);
    *key_len = (int32_t)jp->buf.len;
    return true;
}

static int fn_jp_container(fn_jp *jp, fn_jval *v)
{
    bool obj = v->kind == FN_J_OBJ;
    char close = obj ? '}' : ']';
    int cap = 0;
    if (++jp->depth > FN_JSON_MAX_DEPTH)
        return -1;
    jp->p++;
    if (!fn_jp_ws(jp) || jp->p >= jp->end)
        return -1;
    if (*jp->p == close) {
        jp->p++;
        jp->depth--;
        return 0;
    }
    for (;;) {
        const char *key = NULL;
        int32_t key_len = 0;
        if (obj) {
            if (!fn_jp_name(jp, &key, &key_len) || !fn_jp_ws(jp) || jp->p >= jp->end ||
                *jp->p != ':')
                return -1;
            jp->p++;
        }
        fn_jval *item;
        if (fn_jp_value(jp, &item) != 0)
            return -1;
        fn_jp_push(jp, v, &cap, item, key, key_len);
        if (!fn_jp_ws(jp) || jp->p >= jp->end)
            return -1;
        if (*jp->p == close) {
            jp->p++;
            jp->depth--;
            return 0;
        }
        if (*jp->p != ',')
            return -1;
        jp->p++;
        if (!fn_jp_ws(jp))
            return -1;
    }
}

/* One value at the cursor (whitespace skipped first). 0 ok, 1 no value (end), -1 malformed. */
static int fn_jp_value(fn_jp *jp, fn_jval **out)
{
    if (!fn_jp_ws(jp))
        return -1;
    if (jp->p >= jp->end)
        return 1;
    fn_jval *v = em_arena_calloc(jp->a, 1, sizeof *v);
    const char *start = jp->p;
    char c = *jp->p;
    int rc = 0;
    if (c == '{' || c == '[') {
        v->kind = c == '{' ? FN_J_OBJ : FN_J_ARR;
        rc = fn_jp_container(jp, v);
    } else if (c == '"' || (c == '\'' && jp->o->allow_single_quotes)) {
        v->kind = FN_J_STR;
        if (!fn_jp_string(jp, c))
            return -1;
        v->s = em_arena_strndup(jp->a, jp->buf.data ? jp->buf.data : "", jp->buf.len);
        v->len = (int32_t)jp->buf.len;
    } else if (fn_jp_word(jp, "true")) {
        v->kind = FN_J_TRUE;
    } else if (fn_jp_word(jp, "false")) {
        v->kind = FN_J_FALSE;
    } else if (fn_jp_word(jp, "null")) {
        v->kind = FN_J_NULL;
    } else if (c == '-' || c == '+' || (c >= '0' && c <= '9') ||
               (jp->o->allow_non_numeric && (c == 'N' || c == 'I'))) {
        v->kind = FN_J_NUM;
        if (!fn_jp_number(jp, v))
            return -1;
        v->s = start;
        v->len = (int32_t)(jp->p - start);
    } else {
        return -1;
    }
    if (rc)
        return -1;
    v->src = start;
    v->src_len = (int32_t)(jp->p - start);
    *out = v;
    return 0;
}

int fn_json_parse(em_arena *a, const char *s, size_t len, const fn_jopts *o, fn_jval **out)
{
    static const fn_jopts strict;
    fn_jp jp = {.a = a, .o = o ? o : &strict, .p = s, .end = s + len};
    em_str_init(&jp.buf, 0);
    *out = NULL;
    int rc = fn_jp_value(&jp, out);
    em_str_release(&jp.buf);
    return rc;
}

void fn_json_quote(em_str *out, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    em_str_putc(out, '"');
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        switch (c) {
        case '"':
            em_str_puts(out, "\\\"");
            break;
        case '\\':
            em_str_puts(out, "\\\\");
            break;
        case '\b':
            em_str_puts(out, "\\b");
            break;
        case '\f':
            em_str_puts(out, "\\f");
            break;
        case '\n':
            em_str_puts(out, "\\n");
            break;
        case '\r':
            em_str_puts(out, "\\r");
            break;
        case '\t':
            em_str_puts(out, "\\t");
            break;
        default:
            if (c < 0x20) {
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                em_str_append(out, u, 6);
            } else {
                em_str_putc(out, (char)c);
            }
        }
    }
    em_str_putc(out, '"');
}

void fn_json_write(const fn_jval *v, em_str *out)
{
    switch (v->kind) {
    case FN_J_NULL:
        em_str_puts(out, "null");
        return;
    case FN_J_TRUE:
        em_str_puts(out, "true");
        return;
    case FN_J_FALSE:
        em_str_puts(out, "false");
        return;
    case FN_J_STR:
        fn_json_quote(out, v->s, (size_t)v->len);
        return;
    case FN_J_NUM:
        if (v->is_float && !v->non_numeric) {
            double d;
            if (ty_parse_double(v->s, (size_t)v->len, false, &d)) {
                ty_double_append(d, out);
                return;
            }
        }
        if (v->non_numeric) {
            /* Jackson writes non-finite doubles as quoted strings */
            double d = (v->s[0] == '-') ? -1.0 / 0.0
                                        : (v->s[v->s[0] == '+'] == 'N' ? 0.0 / 0.0 : 1.0 / 0.0);
            em_str_putc(out, '"');
            ty_double_append(d, out);
            em_str_putc(out, '"');
            return;
        }
        em_str_append(out, v->s, (size_t)v->len);
        return;
    case FN_J_ARR:
    case FN_J_OBJ:
        em_str_putc(out, v->kind == FN_J_ARR ? '[' : '{');
        for (int k = 0; k < v->n; k++) {
            if (k)
                em_str_putc(out, ',');
            if (v->kind == FN_J_OBJ) {
                fn_json_quote(out, v->keys[k], (size_t)v->key_lens[k]);
                em_str_putc(out, ':');
            }
            fn_json_write(v->items[k], out);
        }
        em_str_putc(out, v->kind == FN_J_ARR ? ']' : '}');
        return;
    }
}

const fn_jval *fn_json_member(const fn_jval *obj, const char *key, size_t key_len)
{
    if (!obj || obj->kind != FN_J_OBJ)
        return NULL;
    for (int k = 0; k < obj->n; k++)
        if ((size_t)obj->key_lens[k] == key_len && memcmp(obj->keys[k], key, key_len) == 0)
            return obj->items[k];
    return NULL;
}

int fn_json_schema_arg(em_arena *arena, const pl_expr *call, int idx, const pl_session_opts *opts,
                       const char **text, const ty **out, em_error *err)
{
    const pl_expr *se = call->args[idx];
    vec *sv = NULL;
    if (!fn_misc_foldable(se) || !ty_is_string(se->type) || fn_misc_fold(se, opts, &sv, err) <= 0 ||
        fn_cell_null(sv, 0)) {
        vec_release(sv);
        em_str q;
        em_str_init(&q, 0);
        fn_expr_sql(se, &q);
        int rc = em_error_set(err, "INVALID_SCHEMA.NON_STRING_LITERAL", "inputSchema",
                              em_arena_printf(arena, "\"%s\"", q.data ? q.data : ""), NULL);
        em_str_release(&q);
        return rc;
    }
    int32_t sl;
    const char *ss = vec_str(sv, 0, &sl);
    char *t = em_arena_strndup(arena, ss, (size_t)sl);
    vec_release(sv);
    *text = t;
    return fn_json_parse_schema(t, arena, out, err);
}

/* Schema strings are parsed by the SQL module: a JSON type ('{...}') or DDL. */
int fn_json_parse_schema(const char *text, em_arena *arena, const ty **out, em_error *err)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p == '{')
        return sql_parse_json_type(text, arena, out, err);
    return sql_parse_from_ddl(text, arena, out, err);
}
