/*
 * pl_name: identifier parsing and quoting shared by connect/ (column names from the client)
 * and analyzer/ (error parameters, generated names). Rules follow Spark's AttributeNameParser
 * and QuotingUtils; see plan.h for the contracts.
 */
#include "plan/plan.h"

#include <string.h>

int pl_parse_attr_name(em_arena *a, const char *name, int *n_parts, const char ***parts,
                       em_error *err)
{
    size_t len = strlen(name);
    /* At most one part per dot, plus one. */
    int cap = 1;
    for (size_t idx = 0; idx < len; idx++)
        cap += name[idx] == '.';
    const char **out = em_arena_calloc(a, (size_t)cap, sizeof *out);
    char *tmp = em_arena_alloc(a, len + 1);
    size_t tmp_len = 0;
    int count = 0;
    bool in_backtick = false;
    for (size_t idx = 0; idx < len; idx++) {
        char c = name[idx];
        if (in_backtick) {
            if (c == '`') {
                if (idx + 1 < len && name[idx + 1] == '`') {
                    tmp[tmp_len++] = '`';
                    idx++;
                } else {
                    in_backtick = false;
                    if (idx + 1 < len && name[idx + 1] != '.')
                        goto bad;
                }
            } else {
                tmp[tmp_len++] = c;
            }
        } else if (c == '`') {
            if (tmp_len > 0)
                goto bad;
            in_backtick = true;
        } else if (c == '.') {
            if (idx == 0 || name[idx - 1] == '.' || idx == len - 1)
                goto bad;
            out[count++] = em_arena_strndup(a, tmp, tmp_len);
            tmp_len = 0;
        } else {
            tmp[tmp_len++] = c;
        }
    }
    if (in_backtick)
        goto bad;
    out[count++] = em_arena_strndup(a, tmp, tmp_len);
    *n_parts = count;
    *parts = out;
    return EM_OK;
bad:
    return em_error_set(err, "INVALID_ATTRIBUTE_NAME_SYNTAX", "name", name, NULL);
}

void pl_quote_ident(em_str *out, const char *name)
{
    em_str_putc(out, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            em_str_putc(out, '`');
        em_str_putc(out, *p);
    }
    em_str_putc(out, '`');
}

void pl_quote_name_parts(em_str *out, int n_parts, const char *const *parts)
{
    for (int idx = 0; idx < n_parts; idx++) {
        if (idx)
            em_str_putc(out, '.');
        pl_quote_ident(out, parts[idx]);
    }
}

void pl_quote_if_needed(em_str *out, const char *name)
{
    bool plain =
        (name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_';
    for (const char *p = name; plain && *p; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                *p == '_';
    if (plain)
        em_str_puts(out, name);
    else
        pl_quote_ident(out, name);
}

const char *pl_quoted_name(em_arena *a, int n_parts, const char *const *parts)
{
    em_str s;
    em_str_init(&s, 0);
    pl_quote_name_parts(&s, n_parts, parts);
    const char *r = em_arena_strndup(a, s.data ? s.data : "", s.len);
    em_str_release(&s);
    return r;
}
