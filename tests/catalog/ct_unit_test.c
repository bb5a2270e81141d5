/*
 * ct_unit_test: the SQLite metastore (catalog/ct.h) on its own: databases, tables, the
 * PENDING-until-written rule and its crash recovery, reopening, errors. Error classes and
 * their parameters are Spark's (error-conditions.json; SCHEMA_NOT_FOUND's `spark_catalog`
 * qualification as in Spark's golden files, e.g. show-tables.sql.out).
 */
#include "catalog/ct.h"
#include "em_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char ct_dir[256];

static const char *ct_wh(void)
{
    if (!ct_dir[0]) {
        char tmpl[] = "/tmp/ember-ct-unit-XXXXXX";
        char *d = mkdtemp(tmpl);
        snprintf(ct_dir, sizeof ct_dir, "%s/wh", d ? d : "/tmp");
    }
    return ct_dir;
}

static bool ct_exists_path(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0;
}

static ct_table ct_sample(const char *db, const char *name, const char *loc, bool pending)
{
    static const char *part[1] = {"p"};
    static ct_kv opts[1] = {{"header", "true"}};
    ct_table t;
    memset(&t, 0, sizeof t);
    t.db = db;
    t.name = name;
    t.type = CT_MANAGED;
    t.provider = "csv";
    t.location = loc;
    t.schema_json = "{\"type\":\"struct\",\"fields\":[]}";
    t.n_partition = 1;
    t.partition = part;
    t.n_options = 1;
    t.options = opts;
    t.pending = pending;
    return t;
}

EM_TEST(databases_and_default)
{
    ct_catalog *c = NULL;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(ct_open(ct_wh(), &c, &err), 0);
    CHECK(ct_db_exists(c, "default"));
    CHECK(ct_db_exists(c, "DEFAULT")); /* names compare case-insensitively */
    CHECK_EQ_INT(ct_db_create(c, "Sales", "the sales", NULL, 0, NULL, false, &err), 0);
    CHECK(ct_db_exists(c, "sales"));
    em_error_clear(&err);
    CHECK(ct_db_create(c, "sales", NULL, NULL, 0, NULL, false, &err) != 0);
    CHECK_EQ_STR(err.error_class, "SCHEMA_ALREADY_EXISTS");
    em_error_clear(&err);
    CHECK_EQ_INT(ct_db_create(c, "sales", NULL, NULL, 0, NULL, true, &err), 0);
    em_arena a;
    em_arena_init(&a, 0);
    int n = 0;
    ct_database *dbs = NULL;
    CHECK_EQ_INT(ct_db_list(c, &a, &n, &dbs, &err), 0);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(dbs[0].name, "default");
    CHECK_EQ_STR(dbs[1].name, "sales");
    CHECK_EQ_STR(dbs[1].description, "the sales");
    char want[512];
    snprintf(want, sizeof want, "%s/sales.db", ct_wh());
    CHECK_EQ_STR(dbs[1].location, want);
    CHECK(ct_exists_path(want));
    em_error_clear(&err);
    CHECK(ct_db_drop(c, "default", false, false, &err) != 0);
    CHECK_EQ_STR(err.error_class, "UNSUPPORTED_FEATURE.DROP_DATABASE");
    em_error_clear(&err);
    CHECK(ct_db_drop(c, "nope", false, false, &err) != 0);
    CHECK_EQ_STR(err.error_class, "SCHEMA_NOT_FOUND");
    CHECK_EQ_STR(em_error_param_get(&err, "schemaName"), "`spark_catalog`.`nope`");
    em_error_clear(&err);
    CHECK_EQ_INT(ct_db_drop(c, "nope", true, false, &err), 0);
    em_arena_release(&a);
    ct_close(c);
}

EM_TEST(tables_pending_and_recovery)
{
    ct_catalog *c = NULL;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(ct_open(ct_wh(), &c, &err), 0);
    em_arena a;
    em_arena_init(&a, 0);
    const char *loc_ready = ct_table_default_location(c, &a, "default", "Ready");
    char want[512];
    snprintf(want, sizeof want, "%s/ready", ct_wh());
    CHECK_EQ_STR(loc_ready, want); /* Spark's layout: default tables in the warehouse root */
    const char *loc_pending = ct_table_default_location(c, &a, "default", "half");
    CHECK_EQ_INT(ct_mkdirs(loc_pending, &err), 0);
    ct_table r = ct_sample("default", "Ready", loc_ready, false);
    ct_table p = ct_sample("default", "half", loc_pending, true);
    CHECK_EQ_INT(ct_table_create(c, &r, false, &err), 0);
    CHECK_EQ_INT(ct_table_create(c, &p, false, &err), 0);
    /* PENDING entries are invisible but hold their name. */
    ct_table got;
    CHECK_EQ_INT(ct_table_get(c, "default", "half", false, &a, &got, &err), 1);
    CHECK_EQ_INT(ct_table_get(c, "default", "half", true, &a, &got, &err), 0);
    em_error_clear(&err);
    CHECK(ct_table_create(c, &p, false, &err) != 0);
    CHECK_EQ_STR(err.error_class, "TABLE_OR_VIEW_ALREADY_EXISTS");
    CHECK_EQ_STR(em_error_param_get(&err, "relationName"), "`spark_catalog`.`default`.`half`");
    em_error_clear(&err);
    int n = 0;
    ct_table *list = NULL;
    CHECK_EQ_INT(ct_table_list(c, "default", &a, &n, &list, &err), 0);
    CHECK_EQ_INT(n, 1);
    CHECK_EQ_STR(list[0].name, "ready");
    CHECK_EQ_INT(list[0].n_partition, 1);
    CHECK_EQ_STR(list[0].partition[0], "p");
    CHECK_EQ_INT(list[0].n_options, 1);
    CHECK_EQ_STR(list[0].options[0].value, "true");
    /* A "crash": close without set_ready, reopen. The half table and its folder are gone. */
    ct_close(c);
    CHECK_EQ_INT(ct_open(ct_wh(), &c, &err), 0);
    CHECK_EQ_INT(ct_table_get(c, "default", "half", true, &a, &got, &err), 1);
    CHECK(!ct_exists_path(loc_pending));
    CHECK_EQ_INT(ct_table_get(c, "default", "ready", false, &a, &got, &err), 0);
    CHECK_EQ_STR(got.provider, "csv");
    /* set_ready makes an entry visible. */
    p.name = "later";
    CHECK_EQ_INT(ct_table_create(c, &p, false, &err), 0);
    CHECK_EQ_INT(ct_table_set_ready(c, "default", "later", &err), 0);
    CHECK_EQ_INT(ct_table_get(c, "default", "later", false, &a, &got, &err), 0);
    /* rename and drop */
    CHECK_EQ_INT(ct_table_rename(c, "default", "later", "renamed", NULL, &err), 0);
    CHECK_EQ_INT(ct_table_get(c, "default", "renamed", false, &a, &got, &err), 0);
    CHECK_EQ_INT(got.n_partition, 1);
    CHECK_EQ_INT(ct_table_drop(c, "default", "renamed", &err), 0);
    CHECK_EQ_INT(ct_table_drop(c, "default", "renamed", &err), 1);
    /* CASCADE drops a database's tables and deletes managed data. */
    CHECK_EQ_INT(ct_db_create(c, "tmpdb", NULL, NULL, 0, NULL, true, &err), 0);
    const char *loc = ct_table_default_location(c, &a, "tmpdb", "t");
    CHECK_EQ_INT(ct_mkdirs(loc, &err), 0);
    ct_table t = ct_sample("tmpdb", "t", loc, false);
    CHECK_EQ_INT(ct_table_create(c, &t, false, &err), 0);
    em_error_clear(&err);
    CHECK(ct_db_drop(c, "tmpdb", false, false, &err) != 0);
    CHECK_EQ_STR(err.error_class, "SCHEMA_NOT_EMPTY");
    em_error_clear(&err);
    CHECK_EQ_INT(ct_db_drop(c, "tmpdb", false, true, &err), 0);
    CHECK(!ct_exists_path(loc));
    CHECK(!ct_db_exists(c, "tmpdb"));
    em_arena_release(&a);
    ct_close(c);
}

EM_TEST(in_memory)
{
    ct_catalog *c = NULL;
    em_error err;
    em_error_clear(&err);
    CHECK_EQ_INT(ct_open(NULL, &c, &err), 0);
    CHECK(ct_warehouse(c) == NULL);
    CHECK(ct_db_exists(c, "default"));
    em_arena a;
    em_arena_init(&a, 0);
    CHECK(ct_table_default_location(c, &a, "default", "t") == NULL);
    em_arena_release(&a);
    ct_close(c);
}

int main(int argc, char **argv)
{
    return em_test_main(argc, argv);
}
