# Ember top-level targets (architecture §5). CMake does the building.
PREFIX ?= /usr/local
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
CTEST_ARGS ?=

.PHONY: all deps run test test-all bench fuzz format check-format install clean ratchet-update

all:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

deps:
	@scripts/install-deps.sh

run: deps all
	$(BUILD)/ember serve

test: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DEMBER_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --output-on-failure $(CTEST_ARGS)

test-all: test
	@cd $(ASAN_BUILD) && EMBER_BATCH_ROWS=1 EMBER_TEST_BATCH_ROWS=1 ctest --output-on-failure $(CTEST_ARGS)
	@cd $(ASAN_BUILD) && EMBER_BATCH_ROWS=3 EMBER_TEST_BATCH_ROWS=3 ctest --output-on-failure $(CTEST_ARGS)
	@cd $(ASAN_BUILD) && EMBER_FORCE_SPILL=1 ctest --output-on-failure $(CTEST_ARGS)
	@cd $(ASAN_BUILD) && EMBER_OPTIMIZER=0 ctest --output-on-failure $(CTEST_ARGS)

ratchet-update: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DEMBER_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && EMBER_RATCHET_UPDATE=1 ctest -L ratchet --output-on-failure

# The benchmark needs only the server, its client and the generator (bench/README.md).
bench: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS) --target ember ember-bench tpch-gen
	@cmake --build $(BUILD) -j $(JOBS) --target ember-rss-collect >/dev/null 2>&1 || \
	    echo "bench: no ember-rss-collect (tests/client); ember-bench rss measures the client RSS"
	@BUILD=$(BUILD) bench/run.sh

fuzz: deps
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DEMBER_FUZZ=ON \
	    -DCMAKE_C_COMPILER=clang >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@for f in $(FUZZ_BUILD)/tests/*/fuzz_*; do \
	    [ -x "$$f" ] || continue; echo "fuzz: $$f"; \
	    "$$f" -max_total_time=$(FUZZ_SECONDS) || exit 1; done

format:
	@git ls-files '*.c' '*.h' | xargs clang-format -i

check-format:
	@git ls-files '*.c' '*.h' | xargs clang-format --dry-run --Werror

install: all
	@cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
