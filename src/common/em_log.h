/*
 * em_log: leveled logging to stderr, thread-safe, one line per call with a timestamp.
 */
#ifndef EM_LOG_H
#define EM_LOG_H

typedef enum em_log_level {
    EM_LOG_ERROR = 0,
    EM_LOG_WARN = 1,
    EM_LOG_INFO = 2,
    EM_LOG_DEBUG = 3,
    EM_LOG_TRACE = 4,
} em_log_level;

void em_log_set_level(em_log_level level);
em_log_level em_log_get_level(void);
/* Parses "error|warn|info|debug|trace"; returns 0 on success. */
int em_log_parse_level(const char *name, em_log_level *out);
void em_log(em_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define EM_LOG_ERROR(...) em_log(EM_LOG_ERROR, __VA_ARGS__)
#define EM_LOG_WARN(...)  em_log(EM_LOG_WARN, __VA_ARGS__)
#define EM_LOG_INFO(...)  em_log(EM_LOG_INFO, __VA_ARGS__)
#define EM_LOG_DEBUG(...)                                                                          \
    do {                                                                                           \
        if (em_log_get_level() >= EM_LOG_DEBUG)                                                    \
            em_log(EM_LOG_DEBUG, __VA_ARGS__);                                                     \
    } while (0)

#endif
