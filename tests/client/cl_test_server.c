/*
 * cl_test_server.c: `ember serve --port 0` for the live tests (see cl_test_server.h), over the
 * shared runner launcher tools/testserver (one server per test process).
 */
#include "cl_test_server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ts_server.h"

static ts_server cl_srv;

pid_t cl_server_start(const char *bin, int *port)
{
    char errbuf[512];
    *port = 0;
    if (ts_server_init(&cl_srv, bin, "ember-client-test", errbuf, sizeof errbuf) != 0) {
        fprintf(stderr, "cl_server_start: %s\n", errbuf);
        return -1;
    }
    cl_srv.keep_env = "CLIENT_LIVE_KEEP";
    if (ts_server_start(&cl_srv, 60000, errbuf, sizeof errbuf) != 0) {
        fprintf(stderr, "cl_server_start: %s\n", errbuf);
        em_str log;
        em_str_init(&log, 0);
        ts_server_log_excerpt(&cl_srv, 0, 20, &log);
        fprintf(stderr, "%.*s", (int)log.len, log.data ? log.data : "");
        em_str_release(&log);
        ts_server_cleanup(&cl_srv);
        return -1;
    }
    const char *colon = strrchr(cl_srv.target, ':');
    *port = colon ? atoi(colon + 1) : 0;
    return cl_srv.pid;
}

int cl_server_stop(pid_t pid)
{
    char how[128];
    int status = cl_srv.pid == pid ? ts_server_stop(&cl_srv, 30000, how, sizeof how) : -1;
    if (status != 0 || getenv("CLIENT_LIVE_VERBOSE")) {
        em_str log;
        em_str_init(&log, 0);
        ts_server_log_excerpt(&cl_srv, 0, 20, &log);
        fprintf(stderr, "server %s; its log:\n%.*s", how, (int)log.len, log.data ? log.data : "");
        em_str_release(&log);
    }
    ts_server_cleanup(&cl_srv);
    return status;
}
