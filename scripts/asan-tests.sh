#!/usr/bin/env bash
# The unit and component tiers again, built with AddressSanitizer + UndefinedBehaviorSanitizer in
# their own build directory (build-asan): memory errors, leaks and undefined behaviour fail `make
# test`. Only those two binaries and the rooms they link are built, at -O1 without LTO, to keep
# the added time small; the component cases run as CTest entries two at a time, like the main tier.
set -euo pipefail
cd "$(dirname "$0")/.."
ASAN_DIR=${ASAN_DIR:-build-asan}
# Without vptr: its type checks need the typeinfo of SOCI's backend classes, which libsoci does not
# export (the link fails).
SANITIZE="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# GCC documents that ASan makes -Wmaybe-uninitialized report false positives (it does, at -O1, on
# std::optional<std::string>); the Release build keeps the warning.
WARNINGS="-Wno-maybe-uninitialized"

cmake -S . -B "$ASAN_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_CXX_FLAGS="$SANITIZE $WARNINGS" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$ASAN_DIR" -j "${JOBS:-$(nproc)}" --target authly_unit_tests authly_component_tests

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1
cd "$ASAN_DIR"
ctest --output-on-failure --timeout 900 -j "$(nproc)" -R '^(unit|component\.)'
