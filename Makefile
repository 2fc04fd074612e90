# The two commands a new machine needs: `make run` and `make test`. Everything else is a step of them.
BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
# ccache (CMakeLists.txt): paths under the checkout are hashed relative to it, and the build
# directory is left out of the hash, so that every clone on this machine shares one cache.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: all deps configure build run test asan unit bench fuzz clean format

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE); fi

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Starts Authly on the embedded default: SQLite in ./var, http://127.0.0.1:8000.
run: build
	./$(BUILD_DIR)/authly serve

# Unit + component + integration (SQLite and PostgreSQL, Redis), after starting the services;
# then unit + component again under ASan + UBSan (build-asan).
test: build
	@bash scripts/run-tests.sh $(BUILD_DIR)
	@bash scripts/asan-tests.sh

# Unit + component again under ASan + UBSan (scripts/asan-tests.sh, build-asan).
asan: deps
	@bash scripts/asan-tests.sh

unit: build
	./$(BUILD_DIR)/tests/authly_unit_tests

# Authly vs node-oidc-provider and the micro-benchmarks; writes docs/benchmarks.md (not part of `test`).
# Partial runs: make bench SCENARIOS="discovery jwks" ROUNDS=1 DURATION=3 BACKENDS=sqlite
bench:
	@BUILD_DIR=$(BUILD_DIR) bash bench/run.sh

# libFuzzer targets (clang, ASan + UBSan, build-fuzz), each FUZZ_SECONDS from fuzz/corpus; not part
# of `test`. Partial runs: make fuzz FUZZ_SECONDS=5 FUZZ_TARGETS="form_fuzzer cookie_fuzzer"
FUZZ_SECONDS ?= 30
fuzz:
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
