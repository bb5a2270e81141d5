/*
 * cn_conf: the Spark configuration registry and per-session runtime conf (spark.conf.*).
 *
 * The registry is a fixed table of Spark conf keys Ember knows, each with its default value
 * string, its kind (runtime SQL conf, static SQL conf, Spark core conf) and a value type used
 * to validate and normalise values as Spark does. A session's conf holds the values explicitly
 * set; reads fall back to registry defaults. Semantics follow Spark's RuntimeConfig:
 *   get(k)                set value, else the registered default, else SQL_CONF_NOT_FOUND
 *                         (a registered key without default answers NULL = absent)
 *   get_with_default(k,d) set value, else d (even for registered keys), never an error
 *   get_option(k)         like get, but absent instead of the error
 *   set(k,v)              static SQL conf → CANNOT_MODIFY_STATIC_CONFIG; registered Spark core
 *                         conf → CANNOT_MODIFY_CONFIG; typed values validated
 *                         (INVALID_CONF_VALUE.*) and normalised; unknown keys are stored
 *   unset(k)              same modifiability checks as set
 *   get_all(prefix)       explicitly set values only (prefix stripped by the caller)
 *   is_modifiable(k)      registered and not static/core
 * Thread-safety: a cn_conf has its own mutex; every function may be called concurrently.
 */
#ifndef CN_CONF_H
#define CN_CONF_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/em_error.h"

typedef struct cn_conf_entry {
    char *key;
    char *value;
} cn_conf_entry;

typedef struct cn_conf {
    pthread_mutex_t mu;
    int n;
    int cap;
    cn_conf_entry *entries; /* explicitly set keys, insertion order */
} cn_conf;

void cn_conf_init(cn_conf *c);
void cn_conf_release(cn_conf *c);
/* Copies every set value of src into dst (CloneSession). */
void cn_conf_copy(cn_conf *dst, cn_conf *src);

/* Sets key; on success *warning may point at a static deprecation text (or NULL). */
int cn_conf_set(cn_conf *c, const char *key, const char *value, const char **warning,
                em_error *err);
/* Stores without the modifiability checks (server --conf, session bootstrap). */
void cn_conf_set_internal(cn_conf *c, const char *key, const char *value);
int cn_conf_unset(cn_conf *c, const char *key, em_error *err);
/*
 * Reads key into out (caller em_free's *out). Returns EM_OK with *out NULL when the key has
 * no value (registered without default), or raises SQL_CONF_NOT_FOUND.
 */
int cn_conf_get(cn_conf *c, const char *key, char **out, em_error *err);
/* Set value or a copy of dflt (may be NULL); never fails. */
char *cn_conf_get_with_default(cn_conf *c, const char *key, const char *dflt);
/* Set value or registered default or NULL. */
char *cn_conf_get_option(cn_conf *c, const char *key);
bool cn_conf_is_modifiable(const char *key);
/* The deprecation/unsupported warning Spark attaches when key is touched, or NULL. */
const char *cn_conf_warning(const char *key);
/* Snapshot of the set entries (keys, values copied; free with cn_conf_entries_free). */
int cn_conf_snapshot(cn_conf *c, cn_conf_entry **out);
void cn_conf_entries_free(cn_conf_entry *e, int n);

/* Typed readers for the engine (never fail: invalid or absent → dflt). */
bool cn_conf_bool(cn_conf *c, const char *key, bool dflt);
int64_t cn_conf_long(cn_conf *c, const char *key, int64_t dflt);

/* Server-wide defaults the registry reports (set once at startup, before sessions exist). */
void cn_conf_set_server_default(const char *key, const char *value);

#endif
