/*
 * cn_server: the Spark Connect service (SparkConnectService over gRPC). The only public
 * header of connect/: the CLI creates, starts and stops a server with it.
 */
#ifndef CN_SERVER_H
#define CN_SERVER_H

#include <stdint.h>

#include "common/em_error.h"

typedef struct cn_server_opts {
    const char *host;      /* default 127.0.0.1 */
    int port;              /* 0 = pick a free port */
    const char *warehouse; /* warehouse directory */
    int threads;           /* engine threads per query; 0 = cores */
    int64_t memory_limit;  /* bytes; 0 = default share of RAM */
    const char *token;     /* bearer token required on every call, or NULL */
    const char *tls_cert_pem;
    const char *tls_key_pem;
    int n_confs; /* --conf key=value pairs applied to every new session */
    const char **conf_keys;
    const char **conf_values;
} cn_server_opts;

typedef struct cn_server cn_server;

/* Creates and starts the server; *bound_port receives the port. Options are copied. */
cn_server *cn_server_start(const cn_server_opts *opts, int *bound_port, em_error *err);
/* Stops accepting, interrupts running operations, waits for handlers, frees everything. */
void cn_server_stop(cn_server *srv);

#endif
