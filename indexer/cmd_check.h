/* cmd_check.h - the `lvzhi check` entry point. */
#ifndef LVZHI_CMD_CHECK_H
#define LVZHI_CMD_CHECK_H

int cmd_check(int argc, char **argv);

#endif
