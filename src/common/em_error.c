/*
 * em_error: raising and formatting Spark-style errors. The class table comes from
 * em_error_classes.def (generated from Spark's error conditions, see scripts/).
 */
#include "common/em_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct em_error_class_entry {
    const char *name;
    const char *sqlstate;
    const char *jvm_class;
    const char *template;
} em_error_class_entry;

static const em_error_class_entry em_error_classes[] = {
#define EM_ERROR_CLASS(n, s, j, t) {n, s, j, t},
#include "common/em_error_classes.def"
#undef EM_ERROR_CLASS
};

static const em_error_class_entry *em_error_class_find(const char *name)
{
    for (size_t i = 0; i < sizeof em_error_classes / sizeof em_error_classes[0]; i++)
        if (strcmp(em_error_classes[i].name, name) == 0)
            return &em_error_classes[i];
    return NULL;
}

const char *em_error_class_sqlstate(const char *c)
{
    const em_error_class_entry *e = em_error_class_find(c);
    return e ? e->sqlstate : NULL;
}

const char *em_error_class_jvm(const char *c)
{
    const em_error_class_entry *e = em_error_class_find(c);
    return e ? e->jvm_class : NULL;
}

const char *em_error_class_template(const char *c)
{
    const em_error_class_entry *e = em_error_class_find(c);
    return e ? e->template : NULL;
}

static void em_copy(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void em_error_clear(em_error *err)
{
    if (!err)
        return;
    err->code = EM_OK;
    err->error_class[0] = '\0';
    err->sqlstate[0] = '\0';
    err->jvm_class[0] = '\0';
    err->message[0] = '\0';
    err->n_params = 0;
    err->ctx_start = -1;
    err->ctx_stop = -1;
    err->ctx_fragment[0] = '\0';
}

const char *em_error_param_get(const em_error *err, const char *name)
{
    for (int i = 0; i < err->n_params; i++)
        if (strcmp(err->params[i].name, name) == 0)
            return err->params[i].value;
    return NULL;
}

/* Substitutes <name> placeholders of tmpl with the error's parameters. */
static void em_error_render(em_error *err, const char *tmpl)
{
    size_t out = 0, cap = sizeof err->message;
    const char *p = tmpl;
    while (*p && out + 1 < cap) {
        if (*p == '<') {
            const char *end = strchr(p, '>');
            if (end && end - p - 1 < 48) {
                char name[48];
                memcpy(name, p + 1, (size_t)(end - p - 1));
                name[end - p - 1] = '\0';
                const char *v = em_error_param_get(err, name);
                if (v) {
                    size_t n = strlen(v);
                    if (n > cap - 1 - out)
                        n = cap - 1 - out;
                    memcpy(err->message + out, v, n);
                    out += n;
                    p = end + 1;
                    continue;
                }
            }
        }
        err->message[out++] = *p++;
    }
    err->message[out] = '\0';
}

static int em_error_vset(em_error *err, const char *jvm, const char *error_class, va_list ap)
{
    const em_error_class_entry *e = em_error_class_find(error_class);
    int code = e && strcmp(error_class, "INTERNAL_ERROR") != 0 ? EM_EUSER : EM_EINTERNAL;
    if (!err)
        return code;
    if (err->code != EM_OK)
        return err->code;
    em_error_clear(err);
    if (!e) {
        return em_error_internal(err, "unknown error class %s", error_class);
    }
    err->code = code;
    em_copy(err->error_class, sizeof err->error_class, e->name);
    em_copy(err->sqlstate, sizeof err->sqlstate, e->sqlstate);
    em_copy(err->jvm_class, sizeof err->jvm_class, jvm ? jvm : e->jvm_class);
    const char *name;
    while ((name = va_arg(ap, const char *)) != NULL) {
        const char *value = va_arg(ap, const char *);
        if (err->n_params >= EM_ERR_PARAMS_MAX)
            continue;
        em_error_param *prm = &err->params[err->n_params++];
        em_copy(prm->name, sizeof prm->name, name);
        em_copy(prm->value, sizeof prm->value, value ? value : "");
    }
    em_error_render(err, e->template);
    return code;
}

int em_error_set(em_error *err, const char *error_class, ...)
{
    va_list ap;
    va_start(ap, error_class);
    int rc = em_error_vset(err, NULL, error_class, ap);
    va_end(ap);
    return rc;
}

int em_error_set_jvm(em_error *err, const char *jvm_class, const char *error_class, ...)
{
    va_list ap;
    va_start(ap, error_class);
    int rc = em_error_vset(err, jvm_class, error_class, ap);
    va_end(ap);
    return rc;
}

int em_error_internal(em_error *err, const char *fmt, ...)
{
    if (!err)
        return EM_EINTERNAL;
    if (err->code != EM_OK)
        return err->code;
    em_error_clear(err);
    err->code = EM_EINTERNAL;
    em_copy(err->error_class, sizeof err->error_class, "INTERNAL_ERROR");
    em_copy(err->sqlstate, sizeof err->sqlstate, "XX000");
    em_copy(err->jvm_class, sizeof err->jvm_class, "org.apache.spark.SparkException");
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err->n_params = 1;
    em_copy(err->params[0].name, sizeof err->params[0].name, "message");
    em_copy(err->params[0].value, sizeof err->params[0].value, msg);
    em_copy(err->message, sizeof err->message, msg);
    return EM_EINTERNAL;
}

int em_error_canceled(em_error *err)
{
    int rc = em_error_set(err, "OPERATION_CANCELED", NULL);
    if (err && strcmp(err->error_class, "OPERATION_CANCELED") == 0)
        err->code = EM_ECANCELED;
    return err ? err->code : EM_ECANCELED;
    (void)rc;
}

void em_error_set_context(em_error *err, const char *sql, int start, int stop)
{
    if (!err || err->ctx_start >= 0 || !sql || start < 0 || stop < start)
        return;
    size_t len = strlen(sql);
    if ((size_t)stop >= len)
        return;
    err->ctx_start = start;
    err->ctx_stop = stop;
    size_t n = (size_t)(stop - start + 1);
    if (n >= sizeof err->ctx_fragment)
        n = sizeof err->ctx_fragment - 1;
    memcpy(err->ctx_fragment, sql + start, n);
    err->ctx_fragment[n] = '\0';
}

void em_error_copy(em_error *dst, const em_error *src)
{
    memcpy(dst, src, sizeof *dst);
}

size_t em_error_format(const em_error *err, char *buf, size_t size)
{
    if (size == 0)
        return 0;
    int n;
    if (err->sqlstate[0])
        n = snprintf(buf, size, "[%s] %s SQLSTATE: %s", err->error_class, err->message,
                     err->sqlstate);
    else
        n = snprintf(buf, size, "[%s] %s", err->error_class, err->message);
    if (n < 0)
        n = 0;
    return (size_t)n < size ? (size_t)n : size - 1;
}
