/*
 * host.h - facts of the machine the code runs on, asked in one place: a
 * monotonic clock and the number of CPUs.
 */
#ifndef LVZHI_HOST_H
#define LVZHI_HOST_H

/* Seconds on a monotonic clock (for intervals only). */
double host_seconds(void);

/* CPUs online, at least 1 and at most 16 (more threads than that buy
 * nothing here: one writer, one Xapian database). */
unsigned host_cpus(void);

#endif
