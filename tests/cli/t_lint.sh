#!/bin/sh
# Source rules that a compiler does not check (docs/STYLE.md): banned functions
# (git's banned.h list), no C++ outside xapian/, no ICU types in headers.
. "$(dirname "$0")/lib.sh"
src=$(git ls-files 'common/*.[ch]' 'text/*.[ch]' 'indexer/*.[ch]' 'search/*.[ch]' 'web/*.[ch]' 'cmd/*.[ch]' 'lvzhi.c' 2>/dev/null)
[ -n "$src" ] || src=$(ls common/*.[ch] text/*.[ch] indexer/*.[ch] search/*.[ch] web/*.[ch] cmd/*.[ch] lvzhi.c 2>/dev/null)
for f in strcpy strcat sprintf vsprintf strtok gmtime localtime atoi; do
    hits=$(grep -nE "(^|[^_a-z])$f *\(" $src | grep -v '^\s*/\?\*' || true)
    [ -z "$hits" ]; ok $? "no $f() in the sources"
    [ -z "$hits" ] || echo "$hits" | sed 's/^/#   /'
done
cxx=$(git ls-files '*.cc' '*.cpp' '*.cxx' 2>/dev/null | grep -v '^xapian/' || true)
[ -z "$cxx" ]; ok $? "the only C++ is in xapian/"
icu=$(grep -lE 'UChar|unicode/' text/*.h xapian/*.h 2>/dev/null || true)
[ -z "$icu" ]; ok $? "no ICU types in text/ and xapian/ headers"
done_testing
