#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (fuzz/, clang, ASan + UBSan, in build-fuzz) and runs
# each for FUZZ_SECONDS from its seed corpus fuzz/corpus/<target>/. The corpus is copied to a
# scratch directory first, so the repository's corpus grows only when someone adds an input on
# purpose. Any crash, sanitizer report, leak or timeout fails the run; its input is kept in
# build-fuzz/crashes/<target>/ and the log in build-fuzz/runs/<target>.log.
# Partial runs: make fuzz FUZZ_SECONDS=5 FUZZ_TARGETS="form_fuzzer cookie_fuzzer"
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_DIR=${FUZZ_DIR:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_TARGETS=${FUZZ_TARGETS:-$(ls fuzz/corpus)}

bash scripts/install-deps.sh fuzz
if [ ! -f "$FUZZ_DIR/build.ninja" ]; then
  # -O1 with assertions: fast enough to fuzz, quick to build, and core::Result's asserts stay on.
  cmake -S . -B "$FUZZ_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DCMAKE_CXX_COMPILER=clang++ -DAUTHLY_FUZZ=ON -DAUTHLY_BUILD_TESTS=OFF
fi
cmake --build "$FUZZ_DIR" -j "${JOBS:-$(nproc)}" --target authly_fuzzers

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=1
failed=()
for target in $FUZZ_TARGETS; do
  scratch="$FUZZ_DIR/runs/$target"
  crashes="$FUZZ_DIR/crashes/$target"
  rm -rf "$scratch"
  mkdir -p "$scratch" "$crashes"
  cp fuzz/corpus/"$target"/* "$scratch"/
  log="$FUZZ_DIR/runs/$target.log"
  if "$FUZZ_DIR/fuzz/$target" "$scratch" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz: $target: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') runs, no crash"
  else
    echo "fuzz: $target FAILED (log: $log, input: $crashes/)"
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written' "$log" | head -20 || true
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}"
  exit 1
fi
