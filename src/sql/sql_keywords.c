/*
 * sql_keywords: Spark SQL's keyword table (sql_keywords.def) and its case-insensitive lookup.
 * A word is a keyword when its upper-case spelling is in the table; every keyword can still
 * be used as an identifier unless the parser's context says otherwise (see sql_parser.c).
 */
#include "sql/sql_int.h"

#include <string.h>

typedef struct sql_kw_entry {
    const char *name;
    sql_kw kw;
    int flags;
} sql_kw_entry;

/* Sorted by spelling (the .def file is sorted), so lookups can bisect. */
static const sql_kw_entry sql_kw_table[] = {
#define SQL_KW(name, flags) {#name, KW_##name, flags},
#include "sql/sql_keywords.def"
#undef SQL_KW
};

#define SQL_KW_N ((int)(sizeof sql_kw_table / sizeof sql_kw_table[0]))

sql_kw sql_keyword_lookup(const char *word, int len)
{
    char upper[32];
    if (len <= 0 || len >= (int)sizeof upper)
        return KW__NONE;
    for (int idx = 0; idx < len; idx++) {
        char c = word[idx];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        else if (!((c >= 'A' && c <= 'Z') || c == '_'))
            return KW__NONE;
        upper[idx] = c;
    }
    upper[len] = '\0';
    int lo = 0, hi = SQL_KW_N - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int cmp = strcmp(upper, sql_kw_table[mid].name);
        if (cmp == 0)
            return sql_kw_table[mid].kw;
        if (cmp < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return KW__NONE;
}

/* The table is indexed by spelling, the enum by declaration order: both follow the .def file,
   so entry kw - 1 is the keyword's own row. */
int sql_keyword_flags(sql_kw kw)
{
    if (kw <= KW__NONE || kw >= KW__COUNT)
        return 0;
    return sql_kw_table[kw - 1].flags;
}

const char *sql_keyword_name(sql_kw kw)
{
    if (kw <= KW__NONE || kw >= KW__COUNT)
        return "";
    return sql_kw_table[kw - 1].name;
}
