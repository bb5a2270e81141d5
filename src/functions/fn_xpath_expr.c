/*
 * fn_xpath_expr: XPath 1.0 expressions for the XPath functions (fn_xpath_int.h): a
 * recursive-descent compiler (location paths with the child, descendant(-or-self), self,
 * parent, ancestor(-or-self) and attribute axes and the abbreviations / // . .. @; name, *,
 * text(), node() and comment() tests; predicates; or and = != < <= > >= + - * div mod | and
 * unary minus; literals, numbers and function calls) and an evaluator over fn_xpath_doc.c's
 * DOM with the core functions count sum string number boolean not true false concat contains
 * starts-with string-length normalize-space position last name local-name floor ceiling round
 * substring substring-before substring-after translate. Not supported: variables, the
 * following / preceding axes, id() and lang().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/em_mem.h"
#include "common/em_str.h"
#include "functions/fn_misc_int.h"
#include "functions/fn_xpath_int.h"

/* ---- expressions
 * ------------------------------------------------------------------------------
 */

typedef enum {
    FN_XE_OR,
    FN_XE_AND,
    FN_XE_EQ,
    FN_XE_NE,
    FN_XE_LT,
    FN_XE_LE,
    FN_XE_GT,
    FN_XE_GE,
    FN_XE_ADD,
    FN_XE_SUB,
    FN_XE_MUL,
    FN_XE_DIV,
    FN_XE_MOD,
    FN_XE_NEG,
    FN_XE_UNION,
    FN_XE_NUM,
    FN_XE_STR,
    FN_XE_FN,
    FN_XE_PATH,
} fn_xe_kind;

typedef enum {
    FN_XA_CHILD,
    FN_XA_DESC,
    FN_XA_DESC_SELF,
    FN_XA_SELF,
    FN_XA_PARENT,
    FN_XA_ANCESTOR,
    FN_XA_ANCESTOR_SELF,
    FN_XA_ATTR,
} fn_xa_axis;

typedef enum { FN_XT_NAME, FN_XT_ANY, FN_XT_TEXT, FN_XT_NODE, FN_XT_COMMENT } fn_xt_test;

typedef struct fn_xstep {
    fn_xa_axis axis;
    fn_xt_test test;
    const char *name;
    fn_xe **preds;
    int n_preds;
} fn_xstep;

struct fn_xe {
    fn_xe_kind kind;
    fn_xe *l, *r;
    double num;
    const char *str; /* literal, function name */
    fn_xe **args;    /* function arguments */
    int n_args;
    /* path: from the root, from `filter`'s node set, or from the context node */
    bool absolute;
    fn_xe *filter;
    fn_xe **filter_preds;
    int n_filter_preds;
    fn_xstep *steps;
    int n_steps;
};

typedef struct fn_xp_parser {
    em_arena *a;
    const char *s;
    bool bad;
    bool value_before; /* the previous token ends a value (for '*' and operator
                          names) */
} fn_xp_parser;

static void fn_xpp_ws(fn_xp_parser *p)
{
    while (fn_xp_space(*p->s))
        p->s++;
}

static bool fn_xpp_lit(fn_xp_parser *p, const char *lit)
{
    fn_xpp_ws(p);
    size_t n = strlen(lit);
    if (strncmp(p->s, lit, n) != 0)
        return false;
    p->s += n;
    return true;
}

/* A name at p->s (NCName with ':' allowed), copied; NULL if none. */
static const char *fn_xpp_name(fn_xp_parser *p)
{
    fn_xpp_ws(p);
    const char *s = p->s;
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
          (unsigned char)*s >= 0x80))
        return NULL;
    while (fn_xp_name_char(*s) && !(s[0] == ':' && s[1] == ':'))
        s++;
    const char *n = em_arena_strndup(p->a, p->s, (size_t)(s - p->s));
    p->s = s;
    return n;
}

static bool fn_xpp_peek_op_name(fn_xp_parser *p, const char *op)
{
    fn_xpp_ws(p);
    size_t n = strlen(op);
    return p->value_before && strncmp(p->s, op, n) == 0 && !fn_xp_name_char(p->s[n]);
}

static fn_xe *fn_xpp_expr(fn_xp_parser *p);

static fn_xe *fn_xe_new(fn_xp_parser *p, fn_xe_kind k)
{
    fn_xe *e = em_arena_calloc(p->a, 1, sizeof *e);
    e->kind = k;
    return e;
}

static void fn_xe_push(em_arena *a, fn_xe ***arr, int *n, fn_xe *x)
{
    fn_xe **na = em_arena_alloc(a, (size_t)(*n + 1) * sizeof *na);
    if (*n)
        memcpy(na, *arr, (size_t)*n * sizeof *na);
    na[(*n)++] = x;
    *arr = na;
}

static void fn_xpp_preds(fn_xp_parser *p, fn_xe ***preds, int *n)
{
    while (fn_xpp_lit(p, "[")) {
        p->value_before = false;
        fn_xe *e = fn_xpp_expr(p);
        if (!e || !fn_xpp_lit(p, "]")) {
            p->bad = true;
            return;
        }
        p->value_before = true;
        fn_xe_push(p->a, preds, n, e);
    }
}

static void fn_xstep_push(fn_xp_parser *p, fn_xe *path, fn_xstep st)
{
    fn_xstep *ns = em_arena_alloc(p->a, (size_t)(path->n_steps + 1) * sizeof *ns);
    if (path->n_steps)
        memcpy(ns, path->steps, (size_t)path->n_steps * sizeof *ns);
    ns[path->n_steps++] = st;
    path->steps = ns;
}

/* One step (after '/' or at the start of a relative path); false if there is
 * none. */
static bool fn_xpp_step(fn_xp_parser *p, fn_xe *path)
{
    fn_xstep st = {.axis = FN_XA_CHILD, .test = FN_XT_NAME};
    fn_xpp_ws(p);
    if (p->s[0] == '.' && p->s[1] == '.') {
        p->s += 2;
        st.axis = FN_XA_PARENT;
        st.test = FN_XT_NODE;
        p->value_before = true;
        fn_xstep_push(p, path, st);
        return true;
    }
    if (p->s[0] == '.' && !(p->s[1] >= '0' && p->s[1] <= '9')) {
        p->s++;
        st.axis = FN_XA_SELF;
        st.test = FN_XT_NODE;
        p->value_before = true;
        fn_xstep_push(p, path, st);
        return true;
    }
    if (fn_xpp_lit(p, "@")) {
        st.axis = FN_XA_ATTR;
    } else {
        const char *save = p->s;
        const char *ax = fn_xpp_name(p);
        if (ax && fn_xpp_lit(p, "::")) {
            static const struct {
                const char *n;
                fn_xa_axis a;
            } axes[] = {{"child", FN_XA_CHILD},
                        {"descendant", FN_XA_DESC},
                        {"descendant-or-self", FN_XA_DESC_SELF},
                        {"self", FN_XA_SELF},
                        {"parent", FN_XA_PARENT},
                        {"ancestor", FN_XA_ANCESTOR},
                        {"ancestor-or-self", FN_XA_ANCESTOR_SELF},
                        {"attribute", FN_XA_ATTR}};
            bool found = false;
            for (size_t k = 0; k < sizeof axes / sizeof axes[0]; k++)
                if (strcmp(ax, axes[k].n) == 0) {
                    st.axis = axes[k].a;
                    found = true;
                }
            if (!found) {
                p->bad = true;
                return false;
            }
        } else {
            p->s = save;
        }
    }
    fn_xpp_ws(p);
    if (*p->s == '*') {
        p->s++;
        st.test = FN_XT_ANY;
    } else {
        const char *n = fn_xpp_name(p);
        if (!n)
            return false;
        const char *after = p->s;
        if (fn_xpp_lit(p, "(")) {
            if (strcmp(n, "text") == 0)
                st.test = FN_XT_TEXT;
            else if (strcmp(n, "node") == 0)
                st.test = FN_XT_NODE;
            else if (strcmp(n, "comment") == 0)
                st.test = FN_XT_COMMENT;
            else {
                p->s = after; /* a function call, not a step */
                return false;
            }
            if (!fn_xpp_lit(p, ")")) {
                p->bad = true;
                return false;
            }
        } else {
            st.name = n;
        }
    }
    p->value_before = true;
    fn_xpp_preds(p, &st.preds, &st.n_preds);
    fn_xstep_push(p, path, st);
    return true;
}

static void fn_xpp_rel_steps(fn_xp_parser *p, fn_xe *path)
{
    for (;;) {
        if (fn_xpp_lit(p, "//")) {
            fn_xstep_push(p, path, (fn_xstep){.axis = FN_XA_DESC_SELF, .test = FN_XT_NODE});
        } else if (fn_xpp_lit(p, "/")) {
        } else {
            return;
        }
        p->value_before = false;
        if (!fn_xpp_step(p, path)) {
            p->bad = true;
            return;
        }
    }
}

static fn_xe *fn_xpp_primary(fn_xp_parser *p)
{
    fn_xpp_ws(p);
    char c = *p->s;
    if (c == '(') {
        p->s++;
        p->value_before = false;
        fn_xe *e = fn_xpp_expr(p);
        if (!e || !fn_xpp_lit(p, ")")) {
            p->bad = true;
            return NULL;
        }
        p->value_before = true;
        return e;
    }
    if (c == '"' || c == '\'') {
        const char *e = strchr(p->s + 1, c);
        if (!e) {
            p->bad = true;
            return NULL;
        }
        fn_xe *x = fn_xe_new(p, FN_XE_STR);
        x->str = em_arena_strndup(p->a, p->s + 1, (size_t)(e - p->s - 1));
        p->s = e + 1;
        p->value_before = true;
        return x;
    }
    if ((c >= '0' && c <= '9') || (c == '.' && p->s[1] >= '0' && p->s[1] <= '9')) {
        const char *q = p->s;
        while ((*q >= '0' && *q <= '9') || *q == '.')
            q++;
        fn_xe *x = fn_xe_new(p, FN_XE_NUM);
        char buf[64];
        size_t n = (size_t)(q - p->s) < sizeof buf - 1 ? (size_t)(q - p->s) : sizeof buf - 1;
        memcpy(buf, p->s, n);
        buf[n] = '\0';
        x->num = strtod(buf, NULL);
        p->s = q;
        p->value_before = true;
        return x;
    }
    /* a function call: name '(' not a node type */
    const char *save = p->s;
    const char *n = fn_xpp_name(p);
    if (n && strcmp(n, "text") != 0 && strcmp(n, "node") != 0 && strcmp(n, "comment") != 0 &&
        fn_xpp_lit(p, "(")) {
        fn_xe *x = fn_xe_new(p, FN_XE_FN);
        x->str = n;
        p->value_before = false;
        if (!fn_xpp_lit(p, ")")) {
            do {
                p->value_before = false;
                fn_xe *arg = fn_xpp_expr(p);
                if (!arg) {
                    p->bad = true;
                    return NULL;
                }
                fn_xe_push(p->a, &x->args, &x->n_args, arg);
            } while (fn_xpp_lit(p, ","));
            if (!fn_xpp_lit(p, ")")) {
                p->bad = true;
                return NULL;
            }
        }
        p->value_before = true;
        return x;
    }
    p->s = save;
    return NULL;
}

/* PathExpr: a location path, or a filter expression (primary, predicates, then
 * steps). */
static fn_xe *fn_xpp_path(fn_xp_parser *p)
{
    fn_xe *path = fn_xe_new(p, FN_XE_PATH);
    fn_xpp_ws(p);
    if (p->s[0] == '/') {
        path->absolute = true;
        if (p->s[1] == '/') {
            fn_xpp_rel_steps(p, path);
        } else {
            p->s++;
            p->value_before = false;
            fn_xpp_step(p, path); /* "/" alone selects the root */
            fn_xpp_rel_steps(p, path);
        }
        return p->bad ? NULL : path;
    }
    fn_xe *prim = fn_xpp_primary(p);
    if (prim) {
        fn_xpp_preds(p, &path->filter_preds, &path->n_filter_preds);
        fn_xpp_ws(p);
        if (path->n_filter_preds == 0 && p->s[0] != '/')
            return prim;
        path->filter = prim;
        fn_xpp_rel_steps(p, path);
        return p->bad ? NULL : path;
    }
    if (!fn_xpp_step(p, path)) {
        p->bad = true;
        return NULL;
    }
    fn_xpp_rel_steps(p, path);
    return p->bad ? NULL : path;
}

static fn_xe *fn_xpp_bin(fn_xp_parser *p, fn_xe_kind k, fn_xe *l, fn_xe *r)
{
    if (!l || !r) {
        p->bad = true;
        return NULL;
    }
    fn_xe *e = fn_xe_new(p, k);
    e->l = l;
    e->r = r;
    return e;
}

static fn_xe *fn_xpp_union(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_path(p);
    while (l && fn_xpp_lit(p, "|")) {
        p->value_before = false;
        l = fn_xpp_bin(p, FN_XE_UNION, l, fn_xpp_path(p));
    }
    return l;
}

static fn_xe *fn_xpp_unary(fn_xp_parser *p)
{
    fn_xpp_ws(p);
    if (*p->s == '-') {
        p->s++;
        p->value_before = false;
        fn_xe *e = fn_xe_new(p, FN_XE_NEG);
        e->l = fn_xpp_unary(p);
        return e->l ? e : NULL;
    }
    return fn_xpp_union(p);
}

static fn_xe *fn_xpp_mul(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_unary(p);
    for (;;) {
        fn_xe_kind k;
        fn_xpp_ws(p);
        if (l && *p->s == '*') {
            p->s++;
            k = FN_XE_MUL;
        } else if (l && fn_xpp_peek_op_name(p, "div")) {
            p->s += 3;
            k = FN_XE_DIV;
        } else if (l && fn_xpp_peek_op_name(p, "mod")) {
            p->s += 3;
            k = FN_XE_MOD;
        } else {
            return l;
        }
        p->value_before = false;
        l = fn_xpp_bin(p, k, l, fn_xpp_unary(p));
    }
}

static fn_xe *fn_xpp_add(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_mul(p);
    for (;;) {
        fn_xpp_ws(p);
        if (!l || (*p->s != '+' && *p->s != '-'))
            return l;
        fn_xe_kind k = *p->s == '+' ? FN_XE_ADD : FN_XE_SUB;
        p->s++;
        p->value_before = false;
        l = fn_xpp_bin(p, k, l, fn_xpp_mul(p));
    }
}

static fn_xe *fn_xpp_rel(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_add(p);
    for (;;) {
        fn_xe_kind k;
        if (!l)
            return NULL;
        if (fn_xpp_lit(p, "<="))
            k = FN_XE_LE;
        else if (fn_xpp_lit(p, ">="))
            k = FN_XE_GE;
        else if (fn_xpp_lit(p, "<"))
            k = FN_XE_LT;
        else if (fn_xpp_lit(p, ">"))
            k = FN_XE_GT;
        else
            return l;
        p->value_before = false;
        l = fn_xpp_bin(p, k, l, fn_xpp_add(p));
    }
}

static fn_xe *fn_xpp_eq(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_rel(p);
    for (;;) {
        fn_xe_kind k;
        if (!l)
            return NULL;
        if (fn_xpp_lit(p, "!="))
            k = FN_XE_NE;
        else if (fn_xpp_lit(p, "="))
            k = FN_XE_EQ;
        else
            return l;
        p->value_before = false;
        l = fn_xpp_bin(p, k, l, fn_xpp_rel(p));
    }
}

static fn_xe *fn_xpp_and(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_eq(p);
    while (l && fn_xpp_peek_op_name(p, "and")) {
        p->s += 3;
        p->value_before = false;
        l = fn_xpp_bin(p, FN_XE_AND, l, fn_xpp_eq(p));
    }
    return l;
}

static fn_xe *fn_xpp_expr(fn_xp_parser *p)
{
    fn_xe *l = fn_xpp_and(p);
    while (l && fn_xpp_peek_op_name(p, "or")) {
        p->s += 2;
        p->value_before = false;
        l = fn_xpp_bin(p, FN_XE_OR, l, fn_xpp_and(p));
    }
    return l;
}

/* Compiles an XPath expression; NULL when it is malformed. */
const fn_xe *fn_xp_compile(em_arena *a, const char *path)
{
    fn_xp_parser p = {.a = a, .s = path};
    fn_xe *e = fn_xpp_expr(&p);
    fn_xpp_ws(&p);
    return p.bad || !e || *p.s ? NULL : e;
}

/* ---- evaluation
 * -------------------------------------------------------------------------------
 */

typedef struct fn_xp_ctx {
    em_arena *a;
    fn_xn *root;
    bool bad; /* a function or conversion XPath rejects */
} fn_xp_ctx;

typedef struct fn_xset {
    fn_xn **v;
    int n, cap;
} fn_xset;

static void fn_xset_add(em_arena *a, fn_xset *s, fn_xn *x)
{
    fn_xn_push(a, &s->v, &s->n, &s->cap, x);
}

static int fn_xn_cmp(const void *pa, const void *pb)
{
    const fn_xn *a = *(fn_xn *const *)pa, *b = *(fn_xn *const *)pb;
    return (a->order > b->order) - (a->order < b->order);
}

/* Sorts into document order and drops duplicates. */
static void fn_xset_norm(fn_xset *s)
{
    if (s->n < 2)
        return;
    qsort(s->v, (size_t)s->n, sizeof *s->v, fn_xn_cmp);
    int w = 1;
    for (int k = 1; k < s->n; k++)
        if (s->v[k] != s->v[w - 1])
            s->v[w++] = s->v[k];
    s->n = w;
}

static bool fn_xt_match(const fn_xstep *st, const fn_xn *x)
{
    switch (st->test) {
    case FN_XT_NODE:
        return true;
    case FN_XT_TEXT:
        return x->kind == FN_XN_TEXT;
    case FN_XT_COMMENT:
        return x->kind == FN_XN_COMMENT;
    case FN_XT_ANY:
        return st->axis == FN_XA_ATTR ? x->kind == FN_XN_ATTR : x->kind == FN_XN_ELEM;
    default:
        return (st->axis == FN_XA_ATTR ? x->kind == FN_XN_ATTR : x->kind == FN_XN_ELEM) &&
               strcmp(x->name, st->name) == 0;
    }
}

static void fn_xa_desc(em_arena *a, fn_xn *x, fn_xset *out)
{
    for (int k = 0; k < x->n_kids; k++) {
        fn_xset_add(a, out, x->kids[k]);
        fn_xa_desc(a, x->kids[k], out);
    }
}

/* The nodes of an axis in axis order (reverse axes nearest first). */
static void fn_xa_nodes(em_arena *a, fn_xa_axis axis, fn_xn *x, fn_xset *out)
{
    switch (axis) {
    case FN_XA_CHILD:
        for (int k = 0; k < x->n_kids; k++)
            fn_xset_add(a, out, x->kids[k]);
        break;
    case FN_XA_DESC_SELF:
        fn_xset_add(a, out, x);
        fn_xa_desc(a, x, out);
        break;
    case FN_XA_DESC:
        fn_xa_desc(a, x, out);
        break;
    case FN_XA_SELF:
        fn_xset_add(a, out, x);
        break;
    case FN_XA_PARENT:
        if (x->parent)
            fn_xset_add(a, out, x->parent);
        break;
    case FN_XA_ANCESTOR_SELF:
        fn_xset_add(a, out, x);
        /* fall through */
    case FN_XA_ANCESTOR:
        for (fn_xn *p = x->parent; p; p = p->parent)
            fn_xset_add(a, out, p);
        break;
    case FN_XA_ATTR:
        for (int k = 0; k < x->n_attrs; k++)
            fn_xset_add(a, out, x->attrs[k]);
        break;
    }
}

static fn_xv fn_xp_eval(fn_xp_ctx *c, const fn_xe *e, fn_xn *node, int pos, int size);

/* Keeps the nodes of s (in the given order) for which every predicate holds. */
static void fn_xp_filter(fn_xp_ctx *c, fn_xe *const *preds, int n_preds, fn_xset *s)
{
    for (int k = 0; k < n_preds; k++) {
        int w = 0;
        for (int i = 0; i < s->n; i++) {
            fn_xv v = fn_xp_eval(c, preds[k], s->v[i], i + 1, s->n);
            bool keep = v.kind == FN_XV_NUM ? v.num == (double)(i + 1) : fn_xv_bool(&v);
            if (keep)
                s->v[w++] = s->v[i];
        }
        s->n = w;
    }
}

static fn_xv fn_xv_nodes(fn_xset s)
{
    return (fn_xv){.kind = FN_XV_NODES, .nodes = s.v, .n = s.n};
}

static fn_xv fn_xv_n(double d)
{
    return (fn_xv){.kind = FN_XV_NUM, .num = d};
}

static fn_xv fn_xv_b(bool b)
{
    return (fn_xv){.kind = FN_XV_BOOL, .b = b};
}

static fn_xv fn_xv_s(const char *s)
{
    return (fn_xv){.kind = FN_XV_STR, .str = s};
}

static fn_xv fn_xp_path(fn_xp_ctx *c, const fn_xe *e, fn_xn *node, int pos, int size)
{
    fn_xset cur = {0};
    if (e->absolute) {
        fn_xset_add(c->a, &cur, c->root);
    } else if (e->filter) {
        fn_xv v = fn_xp_eval(c, e->filter, node, pos, size);
        if (v.kind != FN_XV_NODES) {
            c->bad = true;
            return fn_xv_nodes(cur);
        }
        cur.v = v.nodes;
        cur.n = cur.cap = v.n;
        fn_xp_filter(c, e->filter_preds, e->n_filter_preds, &cur);
    } else {
        fn_xset_add(c->a, &cur, node);
    }
    for (int k = 0; k < e->n_steps; k++) {
        const fn_xstep *st = &e->steps[k];
        fn_xset next = {0};
        for (int i = 0; i < cur.n; i++) {
            fn_xset ax = {0};
            fn_xa_nodes(c->a, st->axis, cur.v[i], &ax);
            int w = 0;
            for (int j = 0; j < ax.n; j++)
                if (fn_xt_match(st, ax.v[j]))
                    ax.v[w++] = ax.v[j];
            ax.n = w;
            fn_xp_filter(c, st->preds, st->n_preds, &ax);
            for (int j = 0; j < ax.n; j++)
                fn_xset_add(c->a, &next, ax.v[j]);
        }
        fn_xset_norm(&next);
        cur = next;
    }
    return fn_xv_nodes(cur);
}

/* XPath 1.0 comparison of two values (node sets compare existentially). */
static bool fn_xp_compare(fn_xp_ctx *c, fn_xe_kind op, const fn_xv *l, const fn_xv *r)
{
    if (l->kind == FN_XV_NODES || r->kind == FN_XV_NODES) {
        const fn_xv *ns = l->kind == FN_XV_NODES ? l : r, *other = ns == l ? r : l;
        if (other->kind == FN_XV_BOOL) {
            fn_xv b = fn_xv_b(fn_xv_bool(ns));
            return ns == l ? fn_xp_compare(c, op, &b, other) : fn_xp_compare(c, op, other, &b);
        }
        for (int i = 0; i < ns->n; i++) {
            fn_xv one = fn_xv_s(fn_xn_strdup(c->a, ns->nodes[i]));
            if (other->kind == FN_XV_NODES) {
                for (int j = 0; j < other->n; j++) {
                    fn_xv two = fn_xv_s(fn_xn_strdup(c->a, other->nodes[j]));
                    if (ns == l ? fn_xp_compare(c, op, &one, &two)
                                : fn_xp_compare(c, op, &two, &one))
                        return true;
                }
                continue;
            }
            if (other->kind == FN_XV_NUM)
                one = fn_xv_n(fn_xp_str_num(one.str));
            if (ns == l ? fn_xp_compare(c, op, &one, other) : fn_xp_compare(c, op, other, &one))
                return true;
        }
        return false;
    }
    if (op == FN_XE_EQ || op == FN_XE_NE) {
        bool eq;
        if (l->kind == FN_XV_BOOL || r->kind == FN_XV_BOOL)
            eq = fn_xv_bool(l) == fn_xv_bool(r);
        else if (l->kind == FN_XV_NUM || r->kind == FN_XV_NUM)
            eq = fn_xv_num(c->a, l) == fn_xv_num(c->a, r);
        else
            eq = strcmp(fn_xv_str(c->a, l), fn_xv_str(c->a, r)) == 0;
        return op == FN_XE_EQ ? eq : !eq;
    }
    double a = fn_xv_num(c->a, l), b = fn_xv_num(c->a, r);
    switch (op) {
    case FN_XE_LT:
        return a < b;
    case FN_XE_LE:
        return a <= b;
    case FN_XE_GT:
        return a > b;
    default:
        return a >= b;
    }
}

/* XPath's round(): floor(x + 0.5), NaN and infinities unchanged. */
static double fn_xp_round(double d)
{
    return isnan(d) || isinf(d) ? d : floor(d + 0.5);
}

static fn_xv fn_xp_call(fn_xp_ctx *c, const fn_xe *e, fn_xn *node, int pos, int size)
{
    const char *f = e->str;
    int n = e->n_args;
    fn_xv av[8];
    for (int k = 0; k < n && k < 8; k++)
        av[k] = fn_xp_eval(c, e->args[k], node, pos, size);
    if (n > 8) {
        c->bad = true;
        return fn_xv_b(false);
    }
#define FN_XP_ARGS(lo, hi)                                                                         \
    do {                                                                                           \
        if (n < (lo) || n > (hi)) {                                                                \
            c->bad = true;                                                                         \
            return fn_xv_b(false);                                                                 \
        }                                                                                          \
    } while (0)
    if (strcmp(f, "position") == 0) {
        FN_XP_ARGS(0, 0);
        return fn_xv_n(pos);
    }
    if (strcmp(f, "last") == 0) {
        FN_XP_ARGS(0, 0);
        return fn_xv_n(size);
    }
    if (strcmp(f, "true") == 0 || strcmp(f, "false") == 0) {
        FN_XP_ARGS(0, 0);
        return fn_xv_b(f[0] == 't');
    }
    if (strcmp(f, "count") == 0 || strcmp(f, "sum") == 0) {
        FN_XP_ARGS(1, 1);
        if (av[0].kind != FN_XV_NODES) {
            c->bad = true;
            return fn_xv_n(0);
        }
        if (f[0] == 'c')
            return fn_xv_n(av[0].n);
        double s = 0;
        for (int k = 0; k < av[0].n; k++)
            s += fn_xp_str_num(fn_xn_strdup(c->a, av[0].nodes[k]));
        return fn_xv_n(s);
    }
    if (strcmp(f, "name") == 0 || strcmp(f, "local-name") == 0) {
        FN_XP_ARGS(0, 1);
        fn_xn *x = n ? (av[0].kind == FN_XV_NODES && av[0].n ? av[0].nodes[0] : NULL) : node;
        if (!x || !x->name)
            return fn_xv_s("");
        const char *nm = x->name, *colon = strchr(nm, ':');
        return fn_xv_s(f[0] == 'l' && colon ? colon + 1 : nm);
    }
    /* the remaining functions default their first argument to the context node */
    fn_xv ctx_v = {.kind = FN_XV_NODES, .nodes = &node, .n = 1};
    const fn_xv *a0 = n ? &av[0] : &ctx_v;
    if (strcmp(f, "string") == 0) {
        FN_XP_ARGS(0, 1);
        return fn_xv_s(fn_xv_str(c->a, a0));
    }
    if (strcmp(f, "number") == 0) {
        FN_XP_ARGS(0, 1);
        return fn_xv_n(fn_xv_num(c->a, a0));
    }
    if (strcmp(f, "string-length") == 0) {
        FN_XP_ARGS(0, 1);
        const char *s = fn_xv_str(c->a, a0);
        return fn_xv_n(fn_uc_count(s, (int32_t)strlen(s)));
    }
    if (strcmp(f, "normalize-space") == 0) {
        FN_XP_ARGS(0, 1);
        const char *s = fn_xv_str(c->a, a0);
        em_str b;
        em_str_init(&b, 0);
        for (const char *p = s; *p;) {
            while (fn_xp_space(*p))
                p++;
            const char *w = p;
            while (*p && !fn_xp_space(*p))
                p++;
            if (p > w) {
                if (b.len)
                    em_str_putc(&b, ' ');
                em_str_append(&b, w, (size_t)(p - w));
            }
        }
        const char *r = em_arena_strndup(c->a, b.data ? b.data : "", b.len);
        em_str_release(&b);
        return fn_xv_s(r);
    }
    if (strcmp(f, "boolean") == 0 || strcmp(f, "not") == 0) {
        FN_XP_ARGS(1, 1);
        bool b = fn_xv_bool(&av[0]);
        return fn_xv_b(f[0] == 'b' ? b : !b);
    }
    if (strcmp(f, "floor") == 0 || strcmp(f, "ceiling") == 0 || strcmp(f, "round") == 0) {
        FN_XP_ARGS(1, 1);
        double d = fn_xv_num(c->a, &av[0]);
        return fn_xv_n(f[0] == 'f' ? floor(d) : f[0] == 'c' ? ceil(d) : fn_xp_round(d));
    }
    if (strcmp(f, "concat") == 0) {
        FN_XP_ARGS(2, 8);
        em_str b;
        em_str_init(&b, 0);
        for (int k = 0; k < n; k++)
            em_str_puts(&b, fn_xv_str(c->a, &av[k]));
        const char *r = em_arena_strndup(c->a, b.data ? b.data : "", b.len);
        em_str_release(&b);
        return fn_xv_s(r);
    }
    if (strcmp(f, "contains") == 0 || strcmp(f, "starts-with") == 0 ||
        strcmp(f, "substring-before") == 0 || strcmp(f, "substring-after") == 0) {
        FN_XP_ARGS(2, 2);
        const char *s = fn_xv_str(c->a, &av[0]), *t = fn_xv_str(c->a, &av[1]);
        const char *hit = strstr(s, t);
        if (f[0] == 'c')
            return fn_xv_b(hit != NULL);
        if (f[1] == 't')
            return fn_xv_b(strncmp(s, t, strlen(t)) == 0);
        if (!hit)
            return fn_xv_s("");
        if (strcmp(f, "substring-before") == 0)
            return fn_xv_s(em_arena_strndup(c->a, s, (size_t)(hit - s)));
        return fn_xv_s(hit + strlen(t));
    }
    if (strcmp(f, "substring") == 0) {
        FN_XP_ARGS(2, 3);
        const char *s = fn_xv_str(c->a, &av[0]);
        int32_t len = (int32_t)strlen(s), n_cp = fn_uc_count(s, len);
        double st = fn_xp_round(fn_xv_num(c->a, &av[1]));
        double en = n == 3 ? st + fn_xp_round(fn_xv_num(c->a, &av[2])) : INFINITY;
        em_str b;
        em_str_init(&b, 0);
        for (int32_t k = 0; k < n_cp; k++) {
            double p1 = k + 1;
            if (p1 >= st && p1 < en) {
                int32_t o = fn_uc_offset(s, len, k), o2 = fn_uc_offset(s, len, k + 1);
                em_str_append(&b, s + o, (size_t)(o2 - o));
            }
        }
        const char *r = em_arena_strndup(c->a, b.data ? b.data : "", b.len);
        em_str_release(&b);
        return fn_xv_s(r);
    }
    if (strcmp(f, "translate") == 0) {
        FN_XP_ARGS(3, 3);
        const char *s = fn_xv_str(c->a, &av[0]), *from = fn_xv_str(c->a, &av[1]),
                   *to = fn_xv_str(c->a, &av[2]);
        em_str b;
        em_str_init(&b, 0);
        for (const char *p = s; *p; p++) {
            const char *hit = strchr(from, *p);
            if (!hit)
                em_str_putc(&b, *p);
            else if ((size_t)(hit - from) < strlen(to))
                em_str_putc(&b, to[hit - from]);
        }
        const char *r = em_arena_strndup(c->a, b.data ? b.data : "", b.len);
        em_str_release(&b);
        return fn_xv_s(r);
    }
#undef FN_XP_ARGS
    c->bad = true; /* an unknown function: the compiler's error in the JDK */
    return fn_xv_b(false);
}

static fn_xv fn_xp_eval(fn_xp_ctx *c, const fn_xe *e, fn_xn *node, int pos, int size)
{
    switch (e->kind) {
    case FN_XE_NUM:
        return fn_xv_n(e->num);
    case FN_XE_STR:
        return fn_xv_s(e->str);
    case FN_XE_FN:
        return fn_xp_call(c, e, node, pos, size);
    case FN_XE_PATH:
        return fn_xp_path(c, e, node, pos, size);
    case FN_XE_NEG: {
        fn_xv v = fn_xp_eval(c, e->l, node, pos, size);
        return fn_xv_n(-fn_xv_num(c->a, &v));
    }
    case FN_XE_OR:
    case FN_XE_AND: {
        fn_xv l = fn_xp_eval(c, e->l, node, pos, size);
        bool lb = fn_xv_bool(&l);
        if (e->kind == FN_XE_OR ? lb : !lb)
            return fn_xv_b(lb);
        fn_xv r = fn_xp_eval(c, e->r, node, pos, size);
        return fn_xv_b(fn_xv_bool(&r));
    }
    case FN_XE_UNION: {
        fn_xv l = fn_xp_eval(c, e->l, node, pos, size), r = fn_xp_eval(c, e->r, node, pos, size);
        if (l.kind != FN_XV_NODES || r.kind != FN_XV_NODES) {
            c->bad = true;
            return fn_xv_b(false);
        }
        fn_xset s = {0};
        for (int k = 0; k < l.n; k++)
            fn_xset_add(c->a, &s, l.nodes[k]);
        for (int k = 0; k < r.n; k++)
            fn_xset_add(c->a, &s, r.nodes[k]);
        fn_xset_norm(&s);
        return fn_xv_nodes(s);
    }
    default: {
        fn_xv l = fn_xp_eval(c, e->l, node, pos, size), r = fn_xp_eval(c, e->r, node, pos, size);
        if (e->kind >= FN_XE_EQ && e->kind <= FN_XE_GE)
            return fn_xv_b(fn_xp_compare(c, e->kind, &l, &r));
        double a = fn_xv_num(c->a, &l), b = fn_xv_num(c->a, &r);
        switch (e->kind) {
        case FN_XE_ADD:
            return fn_xv_n(a + b);
        case FN_XE_SUB:
            return fn_xv_n(a - b);
        case FN_XE_MUL:
            return fn_xv_n(a * b);
        case FN_XE_DIV:
            return fn_xv_n(a / b);
        default:
            return fn_xv_n(fmod(a, b));
        }
    }
    }
}

bool fn_xp_evaluate(em_arena *a, const fn_xe *e, fn_xn *doc, fn_xv *out)
{
    fn_xp_ctx c = {.a = a, .root = doc};
    *out = fn_xp_eval(&c, e, doc, 1, 1);
    return !c.bad;
}
