/* cmd_index.h - the `lvzhi index` entry point. */
#ifndef LVZHI_CMD_INDEX_H
#define LVZHI_CMD_INDEX_H

int cmd_index(int argc, char **argv);

#endif
