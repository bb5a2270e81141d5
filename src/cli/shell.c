/*
 * shell: `ember shell`. The interactive SQL shell is built on libember (its own issue); until
 * then the command says so instead of pretending.
 */
#include "cli/cli.h"

#include <stdio.h>

int cli_shell(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "ember shell: not available in this build yet (the libember client and "
                    "shell are in progress); use PySpark with "
                    "SparkSession.builder.remote(\"sc://localhost:15002\")\n");
    return 2;
}
