/*
 * hash.h - a 128-bit non-cryptographic digest for document ids and change
 * detection: two independent 64-bit hashes (FNV-1a and a multiply-xorshift
 * mix) side by side.  Collisions over a million documents are far below
 * one in a billion; nothing here defends against a chosen collision.
 */
#ifndef LVZHI_HASH_H
#define LVZHI_HASH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HASH_HEX_LEN 32

/* Write the 32 lower-case hex digits and a NUL into hex. */
void hash_hex(const void *data, size_t len, char hex[HASH_HEX_LEN + 1]);

/* The 64-bit FNV-1a hash of data[0..len-1]: for hash tables and
 * fingerprints in memory (the first half of hash_hex). */
uint64_t hash64(const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
