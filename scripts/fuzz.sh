#!/usr/bin/env bash
# Runs each fuzz target in fuzz/ for SECONDS (default 300), one after the
# other, on its committed corpus (fuzz/corpus/TARGET), then minimises the
# corpus. Not part of CI: run it by hand, on a quiet machine.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Only the stable toolchain is
# installed, so RUSTC_BOOTSTRAP=1 lets it use the nightly-only flags
# libFuzzer needs. Built without a sanitizer (`-s none`: the code under test
# is safe Rust, and it runs several times faster) but with debug assertions,
# so an arithmetic overflow is a crash too. A crash is saved under
# fuzz/artifacts/TARGET/; turn it into a regression test in core, fix it, and
# run again.
set -euo pipefail

seconds="${1:-300}"
shift || true
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi
flags=(-O -a -s none)
cargo fuzz build "${flags[@]}"
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target: ${seconds}s"
    cargo fuzz run "${flags[@]}" "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    cargo fuzz cmin "${flags[@]}" "$target" "corpus/$target" -- -max_len=8192
done
