/*
 * ember: the command-line program. `ember serve` runs the Spark Connect server;
 * `ember shell` is the interactive SQL shell (its own issue); `ember --version`.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#define EMBER_VERSION "0.1.0"

static void ember_usage(FILE *out)
{
    fprintf(out, "usage: ember <command> [options]\n"
                 "\n"
                 "commands:\n"
                 "  serve     run the Spark Connect server (ember serve --help)\n"
                 "  shell     interactive SQL shell over Spark Connect\n"
                 "  version   print the version\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        ember_usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "serve") == 0)
        return cli_serve(argc - 1, argv + 1);
    if (strcmp(cmd, "shell") == 0)
        return cli_shell(argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("ember %s (Spark Connect, Spark 4.x semantics)\n", EMBER_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        ember_usage(stdout);
        return 0;
    }
    fprintf(stderr, "ember: unknown command '%s'\n", cmd);
    ember_usage(stderr);
    return 2;
}
