/* em_log: stderr logging (see em_log.h). */
#include "common/em_log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static em_log_level em_log_level_cur = EM_LOG_INFO;
static pthread_mutex_t em_log_mu = PTHREAD_MUTEX_INITIALIZER;
static const char *const em_log_names[] = {"error", "warn", "info", "debug", "trace"};

void em_log_set_level(em_log_level level)
{
    em_log_level_cur = level;
}

em_log_level em_log_get_level(void)
{
    return em_log_level_cur;
}

int em_log_parse_level(const char *name, em_log_level *out)
{
    for (int i = 0; i <= EM_LOG_TRACE; i++) {
        if (strcasecmp(name, em_log_names[i]) == 0) {
            *out = (em_log_level)i;
            return 0;
        }
    }
    if (strcasecmp(name, "warning") == 0) {
        *out = EM_LOG_WARN;
        return 0;
    }
    return -1;
}

void em_log(em_log_level level, const char *fmt, ...)
{
    if (level > em_log_level_cur)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char line[4096];
    int n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %-5s ",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     ts.tv_nsec / 1000000, em_log_names[level]);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    pthread_mutex_lock(&em_log_mu);
    fprintf(stderr, "%s\n", line);
    pthread_mutex_unlock(&em_log_mu);
}
