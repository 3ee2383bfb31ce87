/* cmd_serve.h - the `lvzhi serve` entry point. */
#ifndef LVZHI_CMD_SERVE_H
#define LVZHI_CMD_SERVE_H

int cmd_serve(int argc, char **argv);

#endif
