/*
 * cmd.h - the commands of the lvzhi program (as git's builtin/): each
 * parses its options, calls the library and prints; exit codes are
 * decided here and nowhere below.  lvzhi.c dispatches to them.
 */
#ifndef LVZHI_CMD_H
#define LVZHI_CMD_H

int cmd_index(int argc, char **argv);   /* cmd/index.c */
int cmd_search(int argc, char **argv);  /* cmd/search.c */
int cmd_serve(int argc, char **argv);   /* cmd/serve.c */
int cmd_check(int argc, char **argv);   /* cmd/check.c */
int cmd_compact(int argc, char **argv); /* cmd/compact.c */

#endif
