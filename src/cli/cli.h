/* cli: the subcommands of the ember program; each returns the process exit code. */
#ifndef CLI_H
#define CLI_H

int cli_serve(int argc, char **argv);
int cli_shell(int argc, char **argv);

#endif
