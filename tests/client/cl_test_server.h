/*
 * cl_test_server: starts `ember serve --port 0` for the live tests and stops it. The server's
 * stderr is drained on a thread (shown when $CLIENT_LIVE_VERBOSE is set) after the ready line
 * "ember: listening on HOST:PORT" gave the port.
 */
#ifndef CL_TEST_SERVER_H
#define CL_TEST_SERVER_H

#include <sys/types.h>

/* Starts the server binary with a fresh warehouse; returns its pid and sets *port, or -1. */
pid_t cl_server_start(const char *bin, int *port);
/* SIGTERM, then waits. Returns the exit status as waitpid reports it. */
int cl_server_stop(pid_t pid);

#endif
