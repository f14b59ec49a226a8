# crmkit: one Makefile builds libcrm.a, every program, tests and docs.

VERSION	= 0.1.0
# Every cmd/crm-NAME directory is a program (cmd/crm is the umbrella).
TOOLS	= $(sort $(patsubst cmd/crm-%/,%,$(wildcard cmd/crm-*/)))

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/site-functions

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes
# No fused multiply-add contraction, whatever the compiler's default: the
# same bits on every machine and in every kernel clone (DESIGN: same
# input, same bytes).
WARN	+= -ffp-contract=off
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	   -DCRM_VERSION='"$(VERSION)"' -iquote common
LDLIBS	 = -lcsv -lpcre2-8 -lz -lm -lpthread

BUILD	?= build
BIN	?= bin
LIB	 = $(BUILD)/libcrm.a

COMMON_SRC = $(wildcard common/*.c common/ml/*.c)
COMMON_OBJ = $(COMMON_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC   = $(wildcard tests/unit/test_*.c)
UNIT_BIN   = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_SRC   = $(wildcard tests/tools/*.c)
TOOL_BIN   = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/tools/%)
PROGS	   = $(TOOLS:%=$(BIN)/crm-%) $(BIN)/crm

CRM_REFDATA ?= ../shared/data
export CRM_REFDATA

all: $(PROGS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(COMMON_OBJ)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

# One rule for every program: cmd/crm-NAME/*.c linked with libcrm.a.
define tool_rule
$(BIN)/crm-$(1): $(patsubst %.c,$(BUILD)/%.o,$(wildcard cmd/crm-$(1)/*.c)) $(LIB)
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $$(filter %.o,$$^) $(LIB) $$(LDLIBS)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

# The umbrella lists the programs of TOOLS, and is rebuilt when it changes
# (a program directory added or removed rewrites $(BUILD)/.tools).
TOOLS_STAMP := $(BUILD)/.tools
$(shell mkdir -p $(BUILD) && { echo "$(TOOLS)" | cmp -s - $(TOOLS_STAMP) || \
    echo "$(TOOLS)" > $(TOOLS_STAMP); })
$(BUILD)/cmd/crm/main.o: CPPFLAGS += -DCRM_TOOLS='"$(TOOLS)"'
$(BUILD)/cmd/crm/main.o: Makefile $(TOOLS_STAMP)

$(BIN)/crm: $(BUILD)/cmd/crm/main.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h tests/unit/csvref.h \
    tests/unit/child.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Itests/unit -o $@ $< $(LIB) $(LDLIBS)

# Helper programs for tests (simulators, differential checkers).
$(BUILD)/tests/tools/%: tests/tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Build dependencies: installed with apt-get when root (or sudo), else
# the exact command is printed.
deps:
	@sh tests/deps.sh build

check: deps all $(UNIT_BIN) $(TOOL_BIN) $(BIN)/crm-gen
	@BIN=$(BIN) UNITDIR=$(BUILD)/tests TOOLDIR=$(BUILD)/tests/tools TOOLS="$(TOOLS)" sh tests/run.sh $(T)

check-sanitize:
	@sh tests/deps.sh sanitize
	$(MAKE) BUILD=build-san BIN=bin-san CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    check

check-ref: deps all $(TOOL_BIN)
	@BIN=$(BIN) TOOLDIR=$(BUILD)/tests/tools TOOLS="$(TOOLS)" sh tests/ref/run.sh $(T)

demo: deps all
	@$(MAKE) --no-print-directory -C samples BIN=$(CURDIR)/$(BIN)

bench: deps all $(BIN)/crm-gen $(BUILD)/bench/ml_bench
	@BIN=$(BIN) MLBENCH=$(BUILD)/bench/ml_bench sh bench/run.sh $(BENCH)

# The timing driver of bench/b_ml.sh (the learning layer).
$(BUILD)/bench/ml_bench: bench/ml_bench.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BIN)/crm-gen: bench/gen.c $(wildcard bench/gen_*.c) bench/gen.h $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $(filter %.c,$^) $(LIB) $(LDLIBS)

# libFuzzer targets (clang): the reader (plain, CR-only, gzip), the writer,
# numbers, dates, model files.
# The crm-metrics targets link the files of its state and model checks.
METRICS_FUZZ_OBJ = $(addprefix build-fuzz/cmd/crm-metrics/,state.o bgnbd.o \
	gammagamma.o)
fuzz:
	@sh tests/deps.sh sanitize
	$(MAKE) BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
	    build-fuzz/libcrm.a $(METRICS_FUZZ_OBJ)
	@mkdir -p build-fuzz/fuzz
	for f in tests/fuzz/fuzz_*.c; do \
	    case $$f in *fuzz_metrics_*) x="$(METRICS_FUZZ_OBJ)" ;; *) x= ;; esac; \
	    clang $(CPPFLAGS) -Itests/unit -O1 -g \
	        -fsanitize=fuzzer,address,undefined \
	        -o build-fuzz/fuzz/$$(basename $$f .c) $$f $$x build-fuzz/libcrm.a \
	        $(LDLIBS) || exit 1; \
	done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	for p in $(PROGS); do install -m 755 $$p $(DESTDIR)$(BINDIR)/; done
	for t in $(TOOLS); do install -m 644 man/crm-$$t.1 $(DESTDIR)$(MANDIR)/man1/; done
	install -m 644 man/crm.7 $(DESTDIR)$(MANDIR)/man7/
	for f in completions/bash/*; do install -m 644 $$f $(DESTDIR)$(BASHCOMPDIR)/; done
	for f in completions/zsh/_*; do install -m 644 $$f $(DESTDIR)$(ZSHCOMPDIR)/; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/crm-$$t \
	    $(DESTDIR)$(MANDIR)/man1/crm-$$t.1 $(DESTDIR)$(BASHCOMPDIR)/crm-$$t \
	    $(DESTDIR)$(ZSHCOMPDIR)/_crm-$$t; done
	rm -f $(DESTDIR)$(BINDIR)/crm $(DESTDIR)$(MANDIR)/man7/crm.7 \
	    $(DESTDIR)$(BASHCOMPDIR)/crm $(DESTDIR)$(ZSHCOMPDIR)/_crm

clean:
	rm -rf build build-san build-fuzz bin bin-san
	-$(MAKE) -C samples clean

.PHONY: all deps check check-sanitize check-ref demo bench fuzz install \
	uninstall clean
