/*
 * connect_plans: the connect-plans conformance runner (rules in tests/plans/README.md).
 *
 * For every queries/<name>.proto.bin of the suite: unpack the spark.connect.Plan, translate
 * its root relation (cx_relation), resolve it (an_resolve, no catalog), and compare the
 * resolved root's output column names, and bigint-ness, with the top output attributes of
 * explain-results/<name>.explain (Spark's analyzed plan). Outcomes:
 *   pass     names match and every attribute Spark marks L is bigint in Ember (and only those)
 *   skipped  a specific "not supported yet" error: UNSUPPORTED_FEATURE.NOT_IMPLEMENTED,
 *            UNRESOLVED_ROUTINE, TABLE_OR_VIEW_NOT_FOUND (the runner has no catalog), or no
 *            explain file for the plan
 *   failed   anything else: other errors (INTERNAL_ERROR included), wrong names or types
 * The ratchet file lists plans that must pass; a listed plan that does not pass is a
 * regression and makes the run fail. --update adds newly passing plans (never removes).
 * The last line is "N passed, M failed, K skipped".
 *
 * Usage: test_connect_plans --dir DIR --ratchet FILE [--update] [--verbose] [--only NAME]
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/an.h"
#include "common/em_arena.h"
#include "common/em_mem.h"
#include "common/em_str.h"
#include "connect/cx.h"

typedef struct cp_names {
    int n;
    char **names;
    bool *is_long;
} cp_names;

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                       */

static char *cp_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    em_str s;
    em_str_init(&s, 0);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        em_str_append(&s, buf, n);
    fclose(f);
    if (!s.data)
        em_str_append(&s, "", 0);
    *len = s.len;
    return em_str_move(&s);
}

static int cp_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted plan names of the DIR/queries .proto.bin files. */
static char **cp_list(const char *dir, int *n_out)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/queries", dir);
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    int n = 0, cap = 0;
    char **names = NULL;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        const char *suffix = ".proto.bin";
        size_t sl = strlen(suffix);
        if (len <= sl || strcmp(de->d_name + len - sl, suffix) != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            names = em_realloc(names, (size_t)cap * sizeof *names);
        }
        names[n++] = em_strndup(de->d_name, len - sl);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cp_cmp_str);
    *n_out = n;
    return names;
}

/* ------------------------------------------------------------------------------------------ */
/* Explain parsing                                                                             */

typedef struct cp_line {
    int depth;
    const char *text; /* after the tree prefix and Spark's ' / ~ markers */
} cp_line;

static int cp_split_lines(char *buf, cp_line **out)
{
    int n = 0, cap = 0;
    cp_line *lines = NULL;
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        int depth = 0;
        char *t = p;
        while (t[0] && t[1] && t[2] &&
               ((t[0] == ':' && t[1] == '-') || (t[0] == '+' && t[1] == '-') ||
                (t[0] == ':' && t[1] == ' ' && t[2] == ' ') ||
                (t[0] == ' ' && t[1] == ' ' && t[2] == ' '))) {
            t += 3;
            depth++;
        }
        while (*t == '\'' || *t == '~')
            t++;
        if (*t) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                lines = em_realloc(lines, (size_t)cap * sizeof *lines);
            }
            lines[n].depth = depth;
            lines[n].text = t;
            n++;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    *out = lines;
    return n;
}

static void cp_names_add(cp_names *nm, const char *name, size_t len, bool is_long)
{
    nm->names = em_realloc(nm->names, (size_t)(nm->n + 1) * sizeof *nm->names);
    nm->is_long = em_realloc(nm->is_long, (size_t)(nm->n + 1) * sizeof *nm->is_long);
    nm->names[nm->n] = em_strndup(name, len);
    nm->is_long[nm->n] = is_long;
    nm->n++;
}

static void cp_names_free(cp_names *nm)
{
    for (int idx = 0; idx < nm->n; idx++)
        em_free(nm->names[idx]);
    em_free(nm->names);
    em_free(nm->is_long);
    memset(nm, 0, sizeof *nm);
}

/* One output item "expr AS name#12L" / "name#3": appends name and the L mark. */
static bool cp_item(const char *s, size_t len, cp_names *nm)
{
    while (len && s[len - 1] == ' ')
        len--;
    while (len && *s == ' ') {
        s++;
        len--;
    }
    if (!len)
        return false;
    bool is_long = s[len - 1] == 'L';
    size_t end = is_long ? len - 1 : len;
    size_t hash = end;
    while (hash > 0 && s[hash - 1] >= '0' && s[hash - 1] <= '9')
        hash--;
    if (hash == 0 || hash == end || s[hash - 1] != '#')
        return false;
    hash--;
    /* The name follows the last " AS " outside brackets and backticks. */
    size_t start = 0;
    int depth = 0;
    bool tick = false;
    for (size_t k = 0; k < hash; k++) {
        char c = s[k];
        if (c == '`')
            tick = !tick;
        if (tick)
            continue;
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if ((c == ')' || c == ']' || c == '}') && depth > 0)
            depth--;
        else if (depth == 0 && k + 4 <= hash && strncmp(s + k, " AS ", 4) == 0)
            start = k + 4;
    }
    cp_names_add(nm, s + start, hash - start, is_long);
    return true;
}

/* Parses the bracketed list starting at s[0] == '[' with the given separator. */
static bool cp_list_items(const char *s, const char *sep, cp_names *nm)
{
    if (*s != '[')
        return false;
    size_t seplen = strlen(sep);
    int depth = 0;
    bool tick = false;
    const char *item = s + 1;
    for (const char *p = s + 1; *p; p++) {
        if (*p == '`')
            tick = !tick;
        if (tick)
            continue;
        if (*p == '(' || *p == '[' || *p == '{') {
            depth++;
        } else if (*p == ')' || *p == '}') {
            if (depth > 0)
                depth--;
        } else if (*p == ']') {
            if (depth == 0) {
                if (p > item)
                    return cp_item(item, (size_t)(p - item), nm);
                return true;
            }
            depth--;
        } else if (depth == 0 && strncmp(p, sep, seplen) == 0) {
            if (!cp_item(item, (size_t)(p - item), nm))
                return false;
            item = p + seplen;
            p += seplen - 1;
        }
    }
    return false;
}

/* The closing bracket of the list starting at s ('['). */
static const char *cp_skip_list(const char *s)
{
    int depth = 0;
    bool tick = false;
    for (const char *p = s; *p; p++) {
        if (*p == '`')
            tick = !tick;
        if (tick)
            continue;
        if (*p == '[' || *p == '(' || *p == '{')
            depth++;
        else if (*p == ']' || *p == ')' || *p == '}')
            if (--depth == 0)
                return p;
    }
    return NULL;
}

static bool cp_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool cp_node_output(cp_line *lines, int n, int idx, cp_names *nm);

static bool cp_child_output(cp_line *lines, int n, int idx, int which, cp_names *nm)
{
    int seen = 0;
    for (int k = idx + 1; k < n && lines[k].depth > lines[idx].depth; k++)
        if (lines[k].depth == lines[idx].depth + 1) {
            if (seen == which)
                return cp_node_output(lines, n, k, nm);
            seen++;
        }
    return false;
}

/* Output attributes of the node at lines[idx]. */
static bool cp_node_output(cp_line *lines, int n, int idx, cp_names *nm)
{
    const char *t = lines[idx].text;
    if (strcmp(t, "Project") == 0)
        return true;
    if (cp_starts(t, "Project ["))
        return cp_list_items(t + 8, ", ", nm);
    if (cp_starts(t, "Aggregate [") || cp_starts(t, "Expand [")) {
        const char *first = strchr(t, '[');
        const char *end = cp_skip_list(first);
        if (!end)
            return false;
        if (strncmp(end + 1, ", [", 3) != 0) /* a global aggregate prints one list */
            return cp_starts(t, "Aggregate [") && end[1] == '\0' && cp_list_items(first, ", ", nm);
        return cp_list_items(end + 3, ", ", nm);
    }
    if (cp_starts(t, "LocalRelation ")) {
        const char *l = strchr(t, '[');
        return l && cp_list_items(l, ", ", nm);
    }
    if (cp_starts(t, "Range (")) {
        cp_names_add(nm, "id", 2, true);
        return true;
    }
    if (cp_starts(t, "Relation [") || cp_starts(t, "RelationV2[") || cp_starts(t, "LogicalRDD ["))
        return cp_list_items(strchr(t, '['), ",", nm);
    if (cp_starts(t, "Join ")) {
        if (!cp_child_output(lines, n, idx, 0, nm))
            return false;
        if (strstr(t, "LeftSemi") == t + 5 || strstr(t, "LeftAnti") == t + 5)
            return true;
        return cp_child_output(lines, n, idx, 1, nm);
    }
    if (cp_starts(t, "Window [")) {
        if (!cp_child_output(lines, n, idx, 0, nm))
            return false;
        return cp_list_items(t + 7, ", ", nm);
    }
    static const char *const pass[] = {
        "Filter ", "Sort [",        "GlobalLimit ",   "LocalLimit ",
        "Offset ", "Tail ",         "SubqueryAlias ", "Repartition",
        "Sample ", "Deduplicate [", "Distinct",       "ResolvedHint",
        "Union",   "Intersect",     "Except",         "WithWatermark",
    };
    for (size_t k = 0; k < sizeof pass / sizeof pass[0]; k++)
        if (cp_starts(t, pass[k]))
            return cp_child_output(lines, n, idx, 0, nm);
    return false;
}

static bool cp_expected(const char *dir, const char *name, cp_names *nm)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/explain-results/%s.explain", dir, name);
    size_t len;
    char *buf = cp_read_file(path, &len);
    if (!buf)
        return false;
    cp_line *lines = NULL;
    int n = cp_split_lines(buf, &lines);
    bool ok = n > 0 && cp_node_output(lines, n, 0, nm);
    em_free(lines);
    em_free(buf);
    return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* One plan                                                                                    */

typedef enum cp_outcome { CP_PASS, CP_FAIL, CP_SKIP } cp_outcome;

static void *cp_pb_alloc(void *ud, size_t size)
{
    (void)ud;
    return em_malloc(size ? size : 1);
}

static void cp_pb_free(void *ud, void *p)
{
    (void)ud;
    em_free(p);
}

static ProtobufCAllocator cp_allocator = {cp_pb_alloc, cp_pb_free, NULL};

static bool cp_skippable(const char *cls)
{
    return strcmp(cls, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED") == 0 ||
           strcmp(cls, "UNRESOLVED_ROUTINE") == 0 || strcmp(cls, "TABLE_OR_VIEW_NOT_FOUND") == 0;
}

static cp_outcome cp_run(const char *dir, const char *name, em_str *why)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/queries/%s.proto.bin", dir, name);
    cp_names want = {0};
    if (!cp_expected(dir, name, &want)) {
        em_str_puts(why, "no usable explain file");
        cp_names_free(&want);
        return CP_SKIP;
    }
    size_t len;
    char *data = cp_read_file(path, &len);
    if (!data) {
        em_str_puts(why, "cannot read plan");
        cp_names_free(&want);
        return CP_FAIL;
    }
    /* The files hold a Relation (the JSON twins show one); a Plan wrapping it is accepted. */
    Spark__Connect__Plan *plan =
        spark__connect__plan__unpack(&cp_allocator, len, (const uint8_t *)data);
    Spark__Connect__Relation *rel = NULL;
    if (plan && (plan->op_type_case != SPARK__CONNECT__PLAN__OP_TYPE_ROOT || !plan->root ||
                 plan->root->rel_type_case == SPARK__CONNECT__RELATION__REL_TYPE__NOT_SET)) {
        spark__connect__plan__free_unpacked(plan, &cp_allocator);
        plan = NULL;
    }
    if (!plan)
        rel = spark__connect__relation__unpack(&cp_allocator, len, (const uint8_t *)data);
    em_free(data);
    const Spark__Connect__Relation *root = plan ? plan->root : rel;
    if (!root) {
        em_str_puts(why, "cannot unpack the plan");
        cp_names_free(&want);
        return CP_FAIL;
    }
    em_arena arena;
    em_arena_init(&arena, 0);
    em_error err;
    em_error_clear(&err);
    /* Spark generated the explain files with spark.sql.ansi.enabled=false
       (ProtoToParsedPlanTestSuite.sparkConf). */
    pl_session_opts opts = {.ansi = false,
                            .case_sensitive = false,
                            .time_zone = "America/Los_Angeles",
                            .batch_rows = 2048,
                            .threads = 1,
                            .max_result_rows_per_batch = 10000};
    cx_ctx ctx;
    cx_ctx_init(&ctx, &arena, &opts);
    an_env env = {.opts = &opts, .lookup_relation = NULL, .catalog_ctx = NULL};
    pl_node *unresolved = NULL, *resolved = NULL;
    cp_outcome outcome = CP_PASS;
    if (cx_relation(root, &ctx, &unresolved, &err) ||
        an_resolve(&env, &arena, unresolved, &resolved, &err)) {
        char msg[2600];
        em_error_format(&err, msg, sizeof msg);
        em_str_puts(why, msg);
        outcome = cp_skippable(err.error_class) ? CP_SKIP : CP_FAIL;
    } else {
        bool same = resolved->n_out == want.n;
        for (int idx = 0; same && idx < want.n; idx++)
            same = strcmp(resolved->out[idx].name, want.names[idx]) == 0 &&
                   (resolved->out[idx].type->kind == TY_LONG) == want.is_long[idx];
        if (!same) {
            outcome = CP_FAIL;
            em_str_puts(why, "schema differs: got [");
            for (int idx = 0; idx < resolved->n_out; idx++)
                em_str_printf(why, "%s%s%s", idx ? ", " : "", resolved->out[idx].name,
                              resolved->out[idx].type->kind == TY_LONG ? "#L" : "");
            em_str_puts(why, "] want [");
            for (int idx = 0; idx < want.n; idx++)
                em_str_printf(why, "%s%s%s", idx ? ", " : "", want.names[idx],
                              want.is_long[idx] ? "#L" : "");
            em_str_putc(why, ']');
        }
    }
    em_arena_release(&arena);
    if (plan)
        spark__connect__plan__free_unpacked(plan, &cp_allocator);
    if (rel)
        spark__connect__relation__free_unpacked(rel, &cp_allocator);
    cp_names_free(&want);
    return outcome;
}

/* ------------------------------------------------------------------------------------------ */
/* Ratchet                                                                                     */

static char **cp_read_ratchet(const char *path, int *n_out)
{
    size_t len;
    char *buf = cp_read_file(path, &len);
    *n_out = 0;
    if (!buf)
        return NULL;
    char **names = NULL;
    int n = 0;
    for (char *p = buf; *p;) {
        char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        while (l && (p[l - 1] == '\r' || p[l - 1] == ' '))
            l--;
        if (l && p[0] != '#') {
            names = em_realloc(names, (size_t)(n + 1) * sizeof *names);
            names[n++] = em_strndup(p, l);
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    em_free(buf);
    *n_out = n;
    return names;
}

static bool cp_in(char **names, int n, const char *name)
{
    return n > 0 && bsearch(&name, names, (size_t)n, sizeof *names, cp_cmp_str) != NULL;
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *ratchet = NULL, *only = NULL;
    bool update = false, verbose = false;
    for (int idx = 1; idx < argc; idx++) {
        if (strcmp(argv[idx], "--dir") == 0 && idx + 1 < argc)
            dir = argv[++idx];
        else if (strcmp(argv[idx], "--ratchet") == 0 && idx + 1 < argc)
            ratchet = argv[++idx];
        else if (strcmp(argv[idx], "--only") == 0 && idx + 1 < argc)
            only = argv[++idx];
        else if (strcmp(argv[idx], "--update") == 0)
            update = true;
        else if (strcmp(argv[idx], "--verbose") == 0 || strcmp(argv[idx], "-v") == 0)
            verbose = true;
    }
    const char *env_update = getenv("EMBER_RATCHET_UPDATE");
    if (env_update && env_update[0] && strcmp(env_update, "0") != 0)
        update = true;
    if (!dir) {
        fprintf(stderr, "usage: %s --dir DIR [--ratchet FILE] [--update] [--verbose]\n", argv[0]);
        return 2;
    }
    int n_plans = 0;
    char **plans = cp_list(dir, &n_plans);
    if (!plans) {
        fprintf(stderr, "connect-plans: no queries under %s; skipping\n", dir);
        printf("0 passed, 0 failed, 0 skipped\n");
        return 0;
    }
    int n_ratchet = 0;
    char **listed = ratchet ? cp_read_ratchet(ratchet, &n_ratchet) : NULL;
    if (n_ratchet > 0)
        qsort(listed, (size_t)n_ratchet, sizeof *listed, cp_cmp_str);
    int passed = 0, failed = 0, skipped = 0, regressions = 0;
    char **fresh = NULL;
    int n_fresh = 0;
    for (int idx = 0; idx < n_plans; idx++) {
        if (only && strcmp(only, plans[idx]) != 0)
            continue;
        em_str why;
        em_str_init(&why, 0);
        cp_outcome o = cp_run(dir, plans[idx], &why);
        bool must = cp_in(listed, n_ratchet, plans[idx]);
        if (o == CP_PASS) {
            passed++;
            if (!must) {
                printf("NEW PASS: %s\n", plans[idx]);
                fresh = em_realloc(fresh, (size_t)(n_fresh + 1) * sizeof *fresh);
                fresh[n_fresh++] = plans[idx];
            }
        } else {
            if (o == CP_FAIL)
                failed++;
            else
                skipped++;
            if (must) {
                regressions++;
                printf("REGRESSION: %s: %s\n", plans[idx], why.data ? why.data : "");
            } else if (verbose) {
                printf("%s: %s: %s\n", o == CP_FAIL ? "FAIL" : "unsupported", plans[idx],
                       why.data ? why.data : "");
            }
        }
        em_str_release(&why);
    }
    if (update && ratchet && n_fresh > 0) {
        int total = n_ratchet + n_fresh;
        char **all = em_malloc((size_t)total * sizeof *all);
        for (int idx = 0; idx < n_ratchet; idx++)
            all[idx] = listed[idx];
        for (int idx = 0; idx < n_fresh; idx++)
            all[n_ratchet + idx] = fresh[idx];
        qsort(all, (size_t)total, sizeof *all, cp_cmp_str);
        FILE *f = fopen(ratchet, "w");
        if (f) {
            for (int idx = 0; idx < total; idx++)
                fprintf(f, "%s\n", all[idx]);
            fclose(f);
            printf("ratchet: added %d plan(s) to %s\n", n_fresh, ratchet);
        }
        em_free(all);
    }
    if (regressions)
        printf("%d ratchet regression(s)\n", regressions);
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    for (int idx = 0; idx < n_plans; idx++)
        em_free(plans[idx]);
    em_free(plans);
    for (int idx = 0; idx < n_ratchet; idx++)
        em_free(listed[idx]);
    em_free(listed);
    em_free(fresh);
    return regressions ? 1 : 0;
}
