/* static.h - the web UI's own static files, compiled in (no file system
 * path ever comes from a URL). */
#ifndef LVZHI_STATIC_H
#define LVZHI_STATIC_H

extern const char static_style_css[];

#endif
