/*
 * strlist.h - tests of a string against a fixed word list (the keyword
 * tables of the cleaner and the entity extractor).
 */
#ifndef LVZHI_STRLIST_H
#define LVZHI_STRLIST_H

#include <stddef.h>

/* 1 if s equals one of list[0..n-1]. */
int strlist_equals(const char *s, const char *const *list, size_t n);
/* 1 if s starts with one of list[0..n-1]. */
int strlist_prefix(const char *s, const char *const *list, size_t n);
/* 1 if the first `at` bytes of s end with one of list[0..n-1]. */
int strlist_suffix_at(const char *s, size_t at, const char *const *list,
                      size_t n);
/* 1 if s contains one of list[0..n-1]. */
int strlist_contains(const char *s, const char *const *list, size_t n);

#endif
