#!/usr/bin/env bash
# Run the parse fuzzer for about a minute; non-zero exit on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python fuzz/fuzz_parse.py --seed-only >/dev/null
cp -r fuzz/corpus/. "$work/"
python fuzz/fuzz_parse.py -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -rss_limit_mb=2048 -timeout=30 "$work" 2>&1 | tail -n 5
