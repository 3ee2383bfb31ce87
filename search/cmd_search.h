/* cmd_search.h - the `lvzhi search` entry point. */
#ifndef LVZHI_CMD_SEARCH_H
#define LVZHI_CMD_SEARCH_H

int cmd_search(int argc, char **argv);

#endif
