/*
 * an_scope: column name resolution over an input row, following Spark's AttributeSeq.resolve:
 *  - a name of k+1 or more parts first tries the last 3, 2 or 1 qualifier parts against the
 *    attributes' qualifiers (3-part only for 4+ part names, etc.), then falls back to an
 *    unqualified match of the first part; parts left over are nested struct fields;
 *  - comparisons use the session resolver (case-insensitive unless spark.sql.caseSensitive);
 *  - a matched attribute takes the name as written (Attribute.withName), so select("ID") of a
 *    column "id" is named "ID";
 *  - two different attributes matching raise AMBIGUOUS_REFERENCE;
 *  - no match: UNRESOLVED_COLUMN with Spark's suggestion list (orderSuggestedIdentifiers-
 *    BySimilarity: candidates qualifier :+ name, stripped of a common qualifier, quoted, sorted
 *    stably by Levenshtein distance to the missing name, first 5).
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int an_levenshtein(const char *x, const char *y)
{
    size_t nx = strlen(x), ny = strlen(y);
    /* Two rows of the DP table on the stack: the strings compared are quoted column names,
       capped at 1024 bytes (longer names compare by their prefix). */
    if (nx > 1024)
        nx = 1024;
    if (ny > 1024)
        ny = 1024;
    int row_a[1025], row_b[1025];
    int *p = row_a, *q = row_b;
    for (size_t j = 0; j <= ny; j++)
        p[j] = (int)j;
    for (size_t i = 1; i <= nx; i++) {
        q[0] = (int)i;
        for (size_t j = 1; j <= ny; j++) {
            int cost = x[i - 1] == y[j - 1] ? 0 : 1;
            int best = p[j] + 1;
            if (q[j - 1] + 1 < best)
                best = q[j - 1] + 1;
            if (p[j - 1] + cost < best)
                best = p[j - 1] + cost;
            q[j] = best;
        }
        int *t = p;
        p = q;
        q = t;
    }
    return p[ny];
}

/* Does the attribute's qualifier end with parts[0..k)? */
static bool an_qual_matches(const an_ctx *c, const pl_attr *a, int k, const char *const *parts)
{
    if (a->n_qual < k)
        return false;
    for (int idx = 0; idx < k; idx++)
        if (!an_name_eq(c, a->qual[a->n_qual - k + idx], parts[idx]))
            return false;
    return true;
}

int an_extract_field(an_ctx *c, pl_expr *base, const char *field, pl_expr **out)
{
    const ty *t = base->type;
    const ty *st = t->kind == TY_STRUCT                                ? t
                   : t->kind == TY_ARRAY && t->elem->kind == TY_STRUCT ? t->elem
                                                                       : NULL;
    if (t->kind == TY_MAP) {
        pl_expr *e = pl_expr_new(c->a, PX_EXTRACT, 2);
        e->args[0] = base;
        e->args[1] = pl_lit_string(c->a, field, (int64_t)strlen(field));
        e->args[1]->resolved = true;
        e->type = t->value;
        e->nullable = true;
        e->resolved = true;
        *out = e;
        return EM_OK;
    }
    if (!st) {
        em_str b, o;
        em_str_init(&b, 0);
        em_str_init(&o, 0);
        em_str_putc(&b, '"');
        an_pretty_sql(c, base, &b);
        em_str_putc(&b, '"');
        em_str_putc(&o, '"');
        ty_sql(t, &o);
        em_str_putc(&o, '"');
        em_error_set(c->err, "INVALID_EXTRACT_BASE_FIELD_TYPE", "base", b.data, "other", o.data,
                     NULL);
        em_str_release(&b);
        em_str_release(&o);
        return c->err->code;
    }
    int found = -1, n_found = 0;
    for (int idx = 0; idx < st->n_fields; idx++)
        if (an_name_eq(c, st->fields[idx].name, field)) {
            if (found < 0)
                found = idx;
            n_found++;
        }
    if (n_found == 0) {
        em_str f, all;
        em_str_init(&f, 0);
        em_str_init(&all, 0);
        pl_quote_ident(&f, field);
        for (int idx = 0; idx < st->n_fields; idx++) {
            if (idx)
                em_str_puts(&all, ", ");
            pl_quote_ident(&all, st->fields[idx].name);
        }
        em_error_set(c->err, "FIELD_NOT_FOUND", "fieldName", f.data, "fields",
                     all.data ? all.data : "", NULL);
        em_str_release(&f);
        em_str_release(&all);
        return c->err->code;
    }
    if (n_found > 1) {
        em_str f;
        char cnt[16];
        em_str_init(&f, 0);
        pl_quote_ident(&f, field);
        snprintf(cnt, sizeof cnt, "%d", n_found);
        em_error_set(c->err, "AMBIGUOUS_REFERENCE_TO_FIELDS", "field", f.data, "count", cnt, NULL);
        em_str_release(&f);
        return c->err->code;
    }
    pl_expr *e = pl_expr_new(c->a, PX_EXTRACT, 2);
    e->args[0] = base;
    e->args[1] =
        pl_lit_string(c->a, st->fields[found].name, (int64_t)strlen(st->fields[found].name));
    e->args[1]->resolved = true;
    e->ordinal = found;
    if (t->kind == TY_STRUCT) {
        e->type = st->fields[found].type;
        e->nullable = base->nullable || st->fields[found].nullable;
    } else {
        e->type =
            ty_array(c->a, st->fields[found].type, t->contains_null || st->fields[found].nullable);
        e->nullable = base->nullable;
    }
    e->resolved = true;
    *out = e;
    return EM_OK;
}

static int an_ambiguous(an_ctx *c, int n_parts, const char *const *parts, int n_match,
                        const pl_attr *const *matches)
{
    /* name: toSQLId(UnresolvedAttribute(nameParts).name); referenceNames: sorted
       toSQLId(qualifiedName) of each candidate. */
    em_str name, refs;
    em_str_init(&name, 0);
    em_str_init(&refs, 0);
    pl_quote_name_parts(&name, n_parts, parts);
    const char **quoted = em_arena_calloc(c->a, (size_t)n_match, sizeof *quoted);
    for (int idx = 0; idx < n_match; idx++) {
        const pl_attr *a = matches[idx];
        int np = a->n_qual + 1;
        const char **qp = em_arena_calloc(c->a, (size_t)np, sizeof *qp);
        for (int k = 0; k < a->n_qual; k++)
            qp[k] = a->qual[k];
        qp[np - 1] = a->name;
        quoted[idx] = pl_quoted_name(c->a, np, qp);
    }
    for (int x = 1; x < n_match; x++)
        for (int y = x; y > 0 && strcmp(quoted[y - 1], quoted[y]) > 0; y--) {
            const char *t = quoted[y];
            quoted[y] = quoted[y - 1];
            quoted[y - 1] = t;
        }
    em_str_putc(&refs, '[');
    for (int idx = 0; idx < n_match; idx++) {
        if (idx)
            em_str_puts(&refs, ", ");
        em_str_puts(&refs, quoted[idx]);
    }
    em_str_putc(&refs, ']');
    em_error_set(c->err, "AMBIGUOUS_REFERENCE", "name", name.data, "referenceNames", refs.data,
                 NULL);
    em_str_release(&name);
    em_str_release(&refs);
    return c->err->code;
}

int an_resolve_name(an_ctx *c, const an_scope *s, int n_parts, const char *const *parts,
                    pl_expr **out, const char **name_out)
{
    *out = NULL;
    if (n_parts < 1)
        return EM_OK;
    const pl_attr **matches = em_arena_calloc(c->a, (size_t)(s->n ? s->n : 1), sizeof *matches);
    int *match_idx = em_arena_calloc(c->a, (size_t)(s->n ? s->n : 1), sizeof *match_idx);
    int n_match = 0, consumed = 0;
    for (int k = 3; k >= 1 && n_match == 0; k--) {
        if (n_parts <= k)
            continue;
        for (int idx = 0; idx < s->n; idx++) {
            const pl_attr *a = &s->attrs[idx];
            if (a->n_qual < 1 || a->n_qual > 3 || (k == 3 && a->n_qual != 3) ||
                (k == 2 && a->n_qual < 2))
                continue;
            if (!an_qual_matches(c, a, k, parts) || !an_name_eq(c, a->name, parts[k]))
                continue;
            bool dup = false;
            for (int m = 0; m < n_match; m++)
                dup |= matches[m]->id == a->id;
            if (!dup) {
                match_idx[n_match] = idx;
                matches[n_match++] = a;
            }
        }
        if (n_match)
            consumed = k + 1;
    }
    if (n_match == 0) {
        for (int idx = 0; idx < s->n; idx++) {
            const pl_attr *a = &s->attrs[idx];
            if (!an_name_eq(c, a->name, parts[0]))
                continue;
            bool dup = false;
            for (int m = 0; m < n_match; m++)
                dup |= matches[m]->id == a->id;
            if (!dup) {
                match_idx[n_match] = idx;
                matches[n_match++] = a;
            }
        }
        consumed = 1;
    }
    /* Hidden USING-join keys answer qualified names only (Spark's metadata output of
       qualified-access-only columns, tried after the output). */
    for (int k = 3; k >= 1 && n_match == 0 && s->n_hidden > 0; k--) {
        if (n_parts <= k)
            continue;
        const pl_attr **hm =
            em_arena_calloc(c->a, (size_t)s->n_hidden, sizeof *hm); /* room for every match */
        int *hi = em_arena_calloc(c->a, (size_t)s->n_hidden, sizeof *hi);
        for (int idx = 0; idx < s->n_hidden; idx++) {
            const pl_attr *a = &s->hidden[idx];
            if (a->n_qual < 1 || a->n_qual > 3 || (k == 3 && a->n_qual != 3) ||
                (k == 2 && a->n_qual < 2))
                continue;
            if (!an_qual_matches(c, a, k, parts) || !an_name_eq(c, a->name, parts[k]))
                continue;
            bool dup = false;
            for (int m = 0; m < n_match; m++)
                dup |= hm[m]->id == a->id;
            if (!dup) {
                hi[n_match] = s->n + idx;
                hm[n_match++] = a;
            }
        }
        if (n_match) {
            matches = hm;
            match_idx = hi;
            consumed = k + 1;
        }
    }
    if (n_match == 0)
        return EM_OK;
    if (n_match > 1)
        return an_ambiguous(c, n_parts, parts, n_match, matches);
    pl_expr *e = an_colref(c, matches[0], match_idx[0]);
    e->name = parts[consumed - 1]; /* withName: the name as written */
    for (int idx = consumed; idx < n_parts; idx++)
        if (an_extract_field(c, e, parts[idx], &e))
            return c->err->code;
    *out = e;
    *name_out = parts[n_parts - 1];
    return EM_OK;
}

typedef struct an_candidate {
    const char *quoted;
    int dist;
    int order;
} an_candidate;

static int an_candidate_cmp(const void *x, const void *y)
{
    const an_candidate *a = x, *b = y;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    return a->order - b->order;
}

int an_unresolved_column(an_ctx *c, const an_scope *s, int n_parts, const char *const *parts,
                         const pl_expr *where)
{
    (void)where;
    /* missingCol = UnresolvedAttribute.sql: parts quoted only where needed. */
    em_str base;
    em_str_init(&base, 0);
    for (int idx = 0; idx < n_parts; idx++) {
        if (idx)
            em_str_putc(&base, '.');
        pl_quote_if_needed(&base, parts[idx]);
    }
    const char *missing = an_str_done(c, &base);
    em_str_release(&base);
    /* objectName = toSQLId(missingCol): parsed back into parts and fully quoted. */
    const char *object_name = pl_quoted_name(c->a, n_parts, parts);

    int n = s->n;
    an_candidate *cands = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *cands);
    /* Strip a qualifier shared by every candidate (first rule of Spark's helper), or keep the
       last two parts when the namespaces are shared (second rule). */
    bool same_qual = true, same_ns = true;
    for (int idx = 1; idx < n; idx++) {
        const pl_attr *a = &s->attrs[idx], *f = &s->attrs[0];
        if (a->n_qual != f->n_qual) {
            same_qual = false;
        } else {
            for (int k = 0; k < a->n_qual; k++)
                if (strcmp(a->qual[k], f->qual[k]) != 0)
                    same_qual = false;
        }
        int la = a->n_qual + 1 - 2, lf = f->n_qual + 1 - 2;
        if (la < 0)
            la = 0;
        if (lf < 0)
            lf = 0;
        if (la != lf) {
            same_ns = false;
        } else {
            for (int k = 0; k < la; k++)
                if (strcmp(a->qual[k], f->qual[k]) != 0)
                    same_ns = false;
        }
    }
    int keep = -1; /* parts kept from the right; -1 = all */
    if (n_parts == 1 && same_qual)
        keep = 1;
    else if (n_parts <= 2 && same_ns)
        keep = 2;
    for (int idx = 0; idx < n; idx++) {
        const pl_attr *a = &s->attrs[idx];
        int np = a->n_qual + 1;
        const char **full = em_arena_calloc(c->a, (size_t)np, sizeof *full);
        for (int k = 0; k < a->n_qual; k++)
            full[k] = a->qual[k];
        full[np - 1] = a->name;
        int start = keep < 0 || keep >= np ? 0 : np - keep;
        cands[idx].quoted = pl_quoted_name(c->a, np - start, full + start);
        cands[idx].dist = an_levenshtein(cands[idx].quoted, missing);
        cands[idx].order = idx;
    }
    qsort(cands, (size_t)n, sizeof *cands, an_candidate_cmp);
    if (n == 0)
        return em_error_set(c->err, "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", "objectName",
                            object_name, NULL);
    em_str prop;
    em_str_init(&prop, 0);
    for (int idx = 0; idx < n && idx < 5; idx++) {
        if (idx)
            em_str_puts(&prop, ", ");
        em_str_puts(&prop, cands[idx].quoted);
    }
    em_error_set(c->err, "UNRESOLVED_COLUMN.WITH_SUGGESTION", "objectName", object_name, "proposal",
                 prop.data, NULL);
    em_str_release(&prop);
    return c->err->code;
}
