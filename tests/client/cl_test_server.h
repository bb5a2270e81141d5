/*
 * cl_test_server: starts `ember serve --port 0` for the live tests and stops it (through
 * tools/testserver; the server's output goes to its scratch log, printed when it fails to
 * start or stops uncleanly, or always with $CLIENT_LIVE_VERBOSE).
 */
#ifndef CL_TEST_SERVER_H
#define CL_TEST_SERVER_H

#include <sys/types.h>

/* Starts the server binary with a fresh warehouse; returns its pid and sets *port, or -1. */
pid_t cl_server_start(const char *bin, int *port);
/* SIGTERM, then waits; removes the scratch directory. Returns 0 when the server exited
   cleanly, else its exit status or -1 (killed or signalled). */
int cl_server_stop(pid_t pid);

#endif
