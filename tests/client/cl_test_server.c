/*
 * cl_test_server.c: `ember serve --port 0` for the live tests (see cl_test_server.h).
 */
#include "cl_test_server.h"

#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *drain_main(void *arg)
{
    FILE *f = arg;
    char buf[4096];
    while (fgets(buf, sizeof buf, f))
        if (getenv("CLIENT_LIVE_VERBOSE"))
            fputs(buf, stderr);
    fclose(f);
    return NULL;
}

pid_t cl_server_start(const char *bin, int *port)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 2);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    char dir[] = "/tmp/ember-client-test-XXXXXX";
    char *wh = mkdtemp(dir);
    char warehouse[256];
    snprintf(warehouse, sizeof warehouse, "%s/wh", wh ? wh : "/tmp");
    char *argv[] = {(char *)bin, "serve", "--port", "0", "--warehouse", warehouse, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, bin, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return -1;
    }
    FILE *f = fdopen(fds[0], "r");
    char line[512];
    *port = 0;
    while (fgets(line, sizeof line, f)) {
        const char *p = strstr(line, "ember: listening on ");
        if (p) {
            const char *colon = strrchr(p, ':');
            *port = colon ? atoi(colon + 1) : 0;
            break;
        }
    }
    if (*port) {
        /* Drain the server's stderr so that its logging can never block it. */
        pthread_t t;
        if (pthread_create(&t, NULL, drain_main, f) == 0)
            pthread_detach(t);
        else
            fclose(f);
        return pid;
    }
    {
        fclose(f);
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return -1;
    }
    return pid;
}

int cl_server_stop(pid_t pid)
{
    int status = 0;
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    return status;
}
