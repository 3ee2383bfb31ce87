/*
 * urldate.h - the publication date a news URL carries.  Most Chinese
 * CMSs put it in the path: /2018-09/28/, /202301/14/, t20231109_…,
 * /20060606/, /2022/06/20/, content_2024-03-13.
 */
#ifndef LVZHI_URLDATE_H
#define LVZHI_URLDATE_H

/* The first such date in url's path (the host is skipped) as YYYYMMDD
 * in ymd: 1 if found, else 0.  Years 1995-2099, real calendar days. */
int urldate_find(const char *url, char ymd[9]);

#endif
