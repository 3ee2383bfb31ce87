/* version.h - the lvzhi version string. */
#ifndef LVZHI_VERSION_H
#define LVZHI_VERSION_H

#define LVZHI_VERSION "0.1.0"

#endif
