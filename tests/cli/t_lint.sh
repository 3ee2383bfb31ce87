#!/bin/sh
# Source rules that a compiler does not check (docs/STYLE.md): banned functions
# (git's banned.h list), no C++ outside xapian/, no ICU types in headers,
# no function over 80 lines outside generated data.
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
# A function's body runs from a '{' to a '}' in the first column.
all=$(git ls-files '*.c' '*.cc' 2>/dev/null | grep -v '_data\.c$')
[ -n "$all" ] || all=$(find . -name '*.c' -o -name '*.cc' | grep -v '_data\.c$')
long=$(for f in $all; do
    awk -v f="$f" '/^\{/ { s = NR; name = prev }
        /^\}/ && s { if (NR - s > 80) print f ": " NR - s " lines: " name; s = 0 }
        { prev = $0 }' "$f"
done)
[ -z "$long" ]; ok $? "no function over 80 lines"
[ -z "$long" ] || echo "$long" | sed 's/^/#   /'
done_testing
