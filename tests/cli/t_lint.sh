#!/bin/sh
# Source rules that a compiler does not check (docs/STYLE.md): banned functions
# (git's banned.h list), no C++ outside xapian/, no ICU types in headers,
# no function over 80 lines outside generated data, and every source as
# clang-format writes it (.clang-format; make deps-test installs it).
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
# A function's body runs from a '{' to a '}' in the first column (a C++
# class's braces are there too: not a function).
all=$(git ls-files '*.c' '*.cc' 2>/dev/null | grep -v '_data\.c$')
[ -n "$all" ] || all=$(find . -name '*.c' -o -name '*.cc' | grep -v '_data\.c$')
long=$(for f in $all; do
    awk -v f="$f" '/^\{/ { s = NR; name = prev; if (prev ~ /^(class|struct) /) s = 0 }
        /^\}/ && s { if (NR - s > 80) print f ": " NR - s " lines: " name; s = 0 }
        { prev = $0 }' "$f"
done)
[ -z "$long" ]; ok $? "no function over 80 lines"
[ -z "$long" ] || echo "$long" | sed 's/^/#   /'
fmt=$(git ls-files '*.c' '*.h' '*.cc' 2>/dev/null | grep -v '_data\.[ch]$')
[ -n "$fmt" ] || fmt=$(find . -name '*.[ch]' -o -name '*.cc' | grep -v '_data\.[ch]$')
if command -v clang-format > /dev/null; then
    unformatted=$(for f in $fmt; do
        clang-format --dry-run --Werror "$f" > /dev/null 2>&1 || echo "$f"
    done)
    [ -z "$unformatted" ]
    ok $? "every source as clang-format writes it (clang-format -i FILE)"
    [ -z "$unformatted" ] || echo "$unformatted" | sed 's/^/#   /'
else
    ok 1 "clang-format is not installed (make deps-test)"
fi
done_testing
