/*
 * slt_cover: which names of Ember's function registry the records of a run call (the
 * coverage figure of issue #3: "every function has sqllogictest cases").
 *
 * A name counts as covered when the SQL of at least one record (skipped records included:
 * a skipped case still documents Spark's answer) mentions it the way SQL calls it:
 *   - identifiers: `name(` in any case, blanks allowed before the parenthesis, not preceded
 *     by an identifier character or a dot;
 *   - the SQL keywords that are registry functions (and, or, not, in, like, ilike, rlike,
 *     regexp, between, div, when, case, is): as words;
 *   - operators (+, <=>, ||, ...): the operator text with no operator character right
 *     before or after it (so `<=` is not counted inside `<=>`).
 * It is a text match, not a parse: good enough to find functions that have no case at all.
 */
#include "slt_int.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "functions/fn.h"

static bool slt_ident_char(char ch)
{
    return isalnum((unsigned char)ch) || ch == '_';
}

static bool slt_op_char(char ch)
{
    return ch != '\0' && strchr("+-*/%<>=!&|^~", ch) != NULL;
}

static bool slt_is_keyword_fn(const char *name)
{
    static const char *const words[] = {"and",   "or",    "not",    "in",      "like",
                                        "ilike", "rlike", "regexp", "between", "div",
                                        "when",  "case",  "is"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strcasecmp(name, words[k]) == 0)
            return true;
    return false;
}

/* Whether sql mentions the function `name` (rules above). */
static bool slt_mentions(const char *sql, const char *name)
{
    if (strcasecmp(name, "casewhen") == 0) /* CaseWhen: written CASE WHEN ... END */
        name = "case";
    size_t n = strlen(name);
    if (n == 0)
        return false;
    bool ident = slt_ident_char(name[0]);
    bool keyword = ident && slt_is_keyword_fn(name);
    for (const char *p = sql; (p = strcasestr(p, name)) != NULL; p++) {
        char before = p == sql ? ' ' : p[-1];
        const char *after = p + n;
        if (ident) {
            if (slt_ident_char(before) || before == '.' || slt_ident_char(*after))
                continue;
            if (keyword)
                return true;
            while (*after == ' ' || *after == '\n' || *after == '\t')
                after++;
            if (*after == '(')
                return true;
        } else if (!slt_op_char(before) && !slt_op_char(*after)) {
            return true;
        }
    }
    return false;
}

void slt_cover_report(const slt_file *const *files, int n_files, bool list)
{
    int n_names = 0, n_covered = 0, n_passing = 0;
    em_str missing;
    em_str_init(&missing, 0);
    for (int idx = 0;; idx++) {
        const fn_def *def = fn_at(idx);
        if (!def)
            break;
        n_names++;
        bool found = false, passing = false;
        for (int f = 0; f < n_files && !passing; f++) {
            for (int r = 0; r < files[f]->n_records && !passing; r++) {
                const slt_record *rec = &files[f]->records[r];
                if (rec->sql && slt_mentions(rec->sql, def->name)) {
                    found = true;
                    passing = rec->status == ST_PASS;
                }
            }
        }
        n_passing += passing;
        if (found) {
            n_covered++;
        } else {
            em_str_putc(&missing, ' ');
            em_str_puts(&missing, def->name);
        }
    }
    fprintf(stdout, "functions covered: %d of %d registry names (%d with a passing record)\n",
            n_covered, n_names, n_passing);
    if (list && missing.len)
        fprintf(stdout, "not covered:%s\n", missing.data);
    em_str_release(&missing);
}
