/*
 * serve: `ember serve` — parses the options of architecture §5, starts the Spark Connect
 * server, prints "ember: listening on HOST:PORT" on stderr when ready, and stops cleanly on
 * SIGTERM/SIGINT (stop accepting, interrupt running operations, exit 0).
 */
#include "cli/cli.h"

#include "common/em_log.h"
#include "common/em_mem.h"
#include "connect/cn_conf.h"
#include "connect/cn_server.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void serve_help(FILE *out)
{
    fprintf(out, "usage: ember serve [options]\n"
                 "\n"
                 "Runs the Spark Connect server. Connect with PySpark:\n"
                 "  SparkSession.builder.remote(\"sc://localhost:15002\").getOrCreate()\n"
                 "\n"
                 "options:\n"
                 "  --host HOST           address to bind (default 127.0.0.1)\n"
                 "  --port PORT           port (default 15002; 0 picks a free port)\n"
                 "  --warehouse DIR       where tables live (default ./spark-warehouse)\n"
                 "  --threads N           engine threads per query (default: all cores)\n"
                 "  --memory-limit SIZE   query memory budget, e.g. 4g (default: a share of RAM)\n"
                 "  --conf KEY=VALUE      a Spark conf applied to every session (repeatable)\n"
                 "  --token TOKEN         require 'authorization: Bearer TOKEN' on every call\n"
                 "                        (default: $SPARK_CONNECT_AUTHENTICATE_TOKEN)\n"
                 "  --tls-cert FILE       PEM certificate chain: serve TLS (with --tls-key)\n"
                 "  --tls-key FILE        PEM private key\n"
                 "  --log-level LEVEL     error, warn, info (default), debug, trace\n"
                 "  -h, --help            this text\n");
}

static char *serve_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 8192;
            if (cap > (16u << 20)) {
                em_free(buf);
                fclose(f);
                return NULL;
            }
            buf = em_realloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, 4096, f);
        len += n;
        if (n < 4096)
            break;
    }
    fclose(f);
    buf[len] = '\0';
    return buf;
}

static int serve_parse_size(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v < 0)
        return -1;
    int64_t mult = 1;
    switch (*end) {
    case 'k':
    case 'K':
        mult = 1LL << 10;
        end++;
        break;
    case 'm':
    case 'M':
        mult = 1LL << 20;
        end++;
        break;
    case 'g':
    case 'G':
        mult = 1LL << 30;
        end++;
        break;
    case 't':
    case 'T':
        mult = 1LL << 40;
        end++;
        break;
    default:
        break;
    }
    if (*end == 'b' || *end == 'B')
        end++;
    if (*end)
        return -1;
    *out = (int64_t)(v * (double)mult);
    return 0;
}

/* The server's zone id: $TZ, /etc/timezone, the /etc/localtime link, else Etc/UTC. */
static void serve_default_zone(char *out, size_t size)
{
    const char *tz = getenv("TZ");
    if (tz && tz[0] && tz[0] != ':') {
        snprintf(out, size, "%s", tz);
        return;
    }
    FILE *f = fopen("/etc/timezone", "r");
    if (f) {
        char line[128];
        if (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\r\n")] = '\0';
            if (line[0]) {
                snprintf(out, size, "%s", line);
                fclose(f);
                return;
            }
        }
        fclose(f);
    }
    char link[512];
    ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
    if (n > 0) {
        link[n] = '\0';
        const char *p = strstr(link, "zoneinfo/");
        if (p) {
            snprintf(out, size, "%s", p + 9);
            return;
        }
    }
    snprintf(out, size, "Etc/UTC");
}

int cli_serve(int argc, char **argv)
{
    enum {
        OPT_HOST = 1000,
        OPT_PORT,
        OPT_WAREHOUSE,
        OPT_THREADS,
        OPT_MEM,
        OPT_CONF,
        OPT_TOKEN,
        OPT_CERT,
        OPT_KEY,
        OPT_LOG
    };
    static const struct option longopts[] = {
        {"host", required_argument, NULL, OPT_HOST},
        {"port", required_argument, NULL, OPT_PORT},
        {"warehouse", required_argument, NULL, OPT_WAREHOUSE},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"memory-limit", required_argument, NULL, OPT_MEM},
        {"conf", required_argument, NULL, OPT_CONF},
        {"token", required_argument, NULL, OPT_TOKEN},
        {"tls-cert", required_argument, NULL, OPT_CERT},
        {"tls-key", required_argument, NULL, OPT_KEY},
        {"log-level", required_argument, NULL, OPT_LOG},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cn_server_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.host = "127.0.0.1";
    opts.port = 15002;
    opts.warehouse = "spark-warehouse";
    const char *cert_path = NULL, *key_path = NULL;
    int max_confs = argc + 2;
    const char **conf_keys = em_calloc((size_t)max_confs, sizeof(char *));
    const char **conf_values = em_calloc((size_t)max_confs, sizeof(char *));
    int rc = 0;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_HOST:
            opts.host = optarg;
            break;
        case OPT_PORT: {
            char *end;
            long p = strtol(optarg, &end, 10);
            if (*end || p < 0 || p > 65535) {
                fprintf(stderr, "ember serve: bad --port '%s'\n", optarg);
                rc = 2;
                goto out;
            }
            opts.port = (int)p;
            break;
        }
        case OPT_WAREHOUSE:
            opts.warehouse = optarg;
            break;
        case OPT_THREADS: {
            char *end;
            long t = strtol(optarg, &end, 10);
            if (*end || t < 1 || t > 1024) {
                fprintf(stderr, "ember serve: bad --threads '%s'\n", optarg);
                rc = 2;
                goto out;
            }
            opts.threads = (int)t;
            break;
        }
        case OPT_MEM:
            if (serve_parse_size(optarg, &opts.memory_limit)) {
                fprintf(stderr, "ember serve: bad --memory-limit '%s'\n", optarg);
                rc = 2;
                goto out;
            }
            break;
        case OPT_CONF: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg) {
                fprintf(stderr, "ember serve: --conf wants key=value, got '%s'\n", optarg);
                rc = 2;
                goto out;
            }
            *eq = '\0';
            conf_keys[opts.n_confs] = optarg;
            conf_values[opts.n_confs] = eq + 1;
            opts.n_confs++;
            break;
        }
        case OPT_TOKEN:
            opts.token = optarg;
            break;
        case OPT_CERT:
            cert_path = optarg;
            break;
        case OPT_KEY:
            key_path = optarg;
            break;
        case OPT_LOG: {
            em_log_level lvl;
            if (em_log_parse_level(optarg, &lvl)) {
                fprintf(stderr, "ember serve: bad --log-level '%s'\n", optarg);
                rc = 2;
                goto out;
            }
            em_log_set_level(lvl);
            break;
        }
        case 'h':
            serve_help(stdout);
            goto out;
        default:
            serve_help(stderr);
            rc = 2;
            goto out;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "ember serve: unexpected argument '%s'\n", argv[optind]);
        rc = 2;
        goto out;
    }
    if (!opts.token) {
        const char *t = getenv("SPARK_CONNECT_AUTHENTICATE_TOKEN");
        if (t && t[0])
            opts.token = t;
    }
    if ((cert_path == NULL) != (key_path == NULL)) {
        fprintf(stderr, "ember serve: --tls-cert and --tls-key go together\n");
        rc = 2;
        goto out;
    }
    char *cert = NULL, *key = NULL;
    if (cert_path) {
        cert = serve_read_file(cert_path);
        key = serve_read_file(key_path);
        if (!cert || !key) {
            fprintf(stderr, "ember serve: cannot read the TLS certificate or key\n");
            em_free(cert);
            em_free(key);
            rc = 2;
            goto out;
        }
        opts.tls_cert_pem = cert;
        opts.tls_key_pem = key;
    }
    if (mkdir(opts.warehouse, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "ember serve: cannot create the warehouse '%s': %s\n", opts.warehouse,
                strerror(errno));
        em_free(cert);
        em_free(key);
        rc = 1;
        goto out;
    }
    char *wh = realpath(opts.warehouse, NULL);
    char zone[256];
    serve_default_zone(zone, sizeof zone);
    cn_conf_set_server_default("spark.sql.session.timeZone", zone);
    cn_conf_set_server_default("spark.sql.warehouse.dir", wh ? wh : opts.warehouse);
    free(wh);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    char num[32];
    snprintf(num, sizeof num, "%d", opts.threads ? opts.threads : (int)(cores > 0 ? cores : 1));
    cn_conf_set_server_default("spark.ember.threads", num);
    if (opts.memory_limit) {
        snprintf(num, sizeof num, "%lld", (long long)opts.memory_limit);
        cn_conf_set_server_default("spark.ember.memory.limit", num);
    }
    /* Test permutations: EMBER_BATCH_ROWS forces tiny batches everywhere. */
    const char *br = getenv("EMBER_BATCH_ROWS");
    if (br && br[0])
        cn_conf_set_server_default("spark.ember.batchRows", br);
    opts.conf_keys = conf_keys;
    opts.conf_values = conf_values;

    /* Block the stop signals before any thread exists so every thread inherits the mask;
       this thread then waits for them with sigwait. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    em_error err;
    em_error_clear(&err);
    int port = 0;
    cn_server *srv = cn_server_start(&opts, &port, &err);
    if (!srv) {
        char msg[2600];
        em_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "ember serve: cannot start: %s\n", msg);
        em_free(cert);
        em_free(key);
        rc = 1;
        goto out;
    }
    fprintf(stderr, "ember: listening on %s:%d\n", opts.host, port);
    fflush(stderr);
    int sig = 0;
    sigwait(&set, &sig);
    EM_LOG_INFO("signal %d: shutting down", sig);
    cn_server_stop(srv);
    em_free(cert);
    em_free(key);
out:
    em_free(conf_keys);
    em_free(conf_values);
    return rc;
}
