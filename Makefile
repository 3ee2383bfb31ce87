# lvzhi - one non-recursive GNU Makefile.
#
#   make            build $(BUILD)/lvzhi (installs missing Debian packages
#                   first when run as root)
#   make test       unit + CLI tests; SAN=1 builds with ASan/UBSan/LSan
#   make run        build, index corpus/ and serve it on 127.0.0.1:8080
#   make bench      benchmarks against the peers (see bench/README.md)
#   make bench-scale  lvzhi on a million generated pages (hours)
#
# Sources are found by wildcard: a new module file needs no edit here.

PKG_CONFIG ?= pkg-config
CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
PREFIX ?= /usr/local
SAN ?=
ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
else
BUILD ?= build
SANFLAGS =
endif

PKGS = xapian-core icu-uc icu-i18n libxml-2.0 libmicrohttpd poppler-glib libzip zlib
WARN = -Wall -Wextra -Wshadow -Wformat=2
CWARN = $(WARN) -Wstrict-prototypes
STD_C = -std=c11 -D_GNU_SOURCE
STD_CXX = -std=c++17

# pkg-config is asked only once the dependencies are in place.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

ALL_CFLAGS = $(STD_C) $(CWARN) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP
ALL_CXXFLAGS = $(STD_CXX) $(WARN) $(CXXFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP
LDLIBS = $(PKG_LIBS) -lpthread -lm

LIB_C = $(wildcard common/*.c text/*.c xapian/*.c indexer/*.c search/*.c web/*.c)
# The commands (option parsing, printing, exit codes) are the program's,
# not the library's: tests and fuzz targets link liblvzhi.a alone.
CMD_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(wildcard cmd/*.c))
LIB_CXX = $(wildcard xapian/*.cc)
LIB_OBJ = $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/t_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CLI_TESTS = $(sort $(wildcard tests/cli/t_*.sh))

ifeq ($(V),1)
Q =
else
Q = @
endif

.PHONY: all deps deps-test test unit cli run bench bench-scale eval eval-real eval-entities eval-search eval-reprints install clean corpus-html valgrind
all: deps $(BUILD)/lvzhi

# Install exactly the missing Debian packages (as root), then remember;
# deps-test adds what only the tests use (tools/install-deps --test).
deps: $(BUILD)/.deps
$(BUILD)/.deps: tools/install-deps
	$(Q)mkdir -p $(BUILD)
	$(Q)sh tools/install-deps
	$(Q)touch $@
deps-test: $(BUILD)/.deps-test
$(BUILD)/.deps-test: tools/install-deps | $(BUILD)/.deps
	$(Q)sh tools/install-deps --test
	$(Q)touch $@

$(BUILD)/liblvzhi.a: $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/lvzhi: $(BUILD)/lvzhi.o $(CMD_OBJ) $(BUILD)/liblvzhi.a
	@echo "  LINK    $@"
	$(Q)$(CXX) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/liblvzhi.a | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/lib -o $@ $< $(BUILD)/liblvzhi.a \
	    -lstdc++ $(LDLIBS)

$(BUILD)/%.o: %.c | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.cc | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  CXX     $<"
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

unit: all $(UNIT_BIN)
cli: all

# Everything: unit tests then CLI tests through TAP::Harness, logs in
# tests/out/, one closing line for CI (see tests/run.pl).
test: all deps-test $(UNIT_BIN) $(BUILD)/bench/search_bench
	$(Q)BUILD=$(BUILD) SAN=$(SAN) perl tests/run.pl $(UNIT_BIN) $(CLI_TESTS)

DB ?= $(HOME)/.local/share/lvzhi/index
run: all
	$(Q)$(BUILD)/lvzhi index -d "$(DB)" corpus
	$(Q)$(BUILD)/lvzhi serve -d "$(DB)" --listen 127.0.0.1 --port 8080

eval: all $(BUILD)/tests/t_eval
	$(Q)EVAL_VERBOSE=1 $(BUILD)/tests/t_eval | grep -v '^ok'

# Title, date, source and URL on real pages (tests/real/recollect.md);
# says so and stops when the pages are not collected.
eval-real: all
	$(Q)python3 tests/real/eval_real.py $(BUILD)/lvzhi tests/real/pages

# Entities on the real pages (the held-out set apart:
# python3 tests/real/eval_entities.py build/lvzhi tests/real/heldout
#         tests/real/entities_heldout.tsv).
eval-entities: all
	$(Q)EVAL_QUIET=1 python3 tests/real/eval_entities.py $(BUILD)/lvzhi tests/real/pages

# nDCG@10 on real pages with judged queries, lvzhi beside Xapian Omega
# (quest OR and AND) in one run; stops when the pages are not collected.
eval-search: all
	$(Q)python3 tests/real/eval_search.py $(BUILD)/lvzhi tests/real/pages

# Reprints: copy pairs found on a generated labelled set (tests/reprints),
# MinHash (what lvzhi uses) beside SimHash.
eval-reprints: all $(BUILD)/tests/reprint_pairs
	$(Q)python3 tests/reprints/eval_reprints.py $(BUILD)/lvzhi $(BUILD)/tests/reprint_pairs

$(BUILD)/tests/reprint_pairs: tests/reprints/pairs.c $(BUILD)/liblvzhi.a | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  TOOL    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/liblvzhi.a -lstdc++ $(LDLIBS)

# The CLI tests with every lvzhi process under valgrind memcheck.
valgrind: all
	$(Q)BUILD=$(BUILD) sh tests/valgrind.sh

bench: all $(BUILD)/bench/search_bench
	$(Q)BUILD=$(BUILD) sh bench/run.sh

# A million generated pages (BENCH_SCALE_N): hours, some 60 GB of disk.
bench-scale: all $(BUILD)/bench/search_bench
	$(Q)BUILD=$(BUILD) sh bench/scale.sh

# The query timer `make bench` runs (not part of the lvzhi program).
$(BUILD)/bench/search_bench: bench/search_bench.c $(BUILD)/liblvzhi.a | $(BUILD)/.deps
	@mkdir -p $(dir $@)
	@echo "  TOOL    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/liblvzhi.a -lstdc++ $(LDLIBS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/lvzhi $(DESTDIR)$(PREFIX)/bin/lvzhi

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CMD_OBJ:.o=.d) $(BUILD)/lvzhi.d

# ---- fuzzing (libFuzzer, clang) ---------------------------------------
# make fuzz            build every tests/fuzz/fuzz_*.c, run each FUZZ_SECONDS
# make fuzz-replay     run each target over its seed corpus (CI)
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/fuzz/%)
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined

.PHONY: fuzz fuzz-build fuzz-replay
fuzz-build: deps
	$(Q)$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CXX=clang++ \
	    SANFLAGS="-fsanitize=fuzzer-no-link $(FUZZ_SAN) -fno-omit-frame-pointer" \
	    build-fuzz/liblvzhi.a
	$(Q)$(MAKE) --no-print-directory $(FUZZ_BIN)

build-fuzz/fuzz/%: tests/fuzz/%.c build-fuzz/liblvzhi.a
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)clang $(STD_C) -g -O1 -fsanitize=fuzzer-no-link $(FUZZ_SAN) \
	    $(PKG_CFLAGS) -c -o $@.o $<
	$(Q)clang++ -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $@.o \
	    build-fuzz/liblvzhi.a $(LDLIBS)

fuzz: fuzz-build
	$(Q)sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

fuzz-replay: fuzz-build
	$(Q)sh tests/fuzz/run.sh 0 $(FUZZ_BIN)
