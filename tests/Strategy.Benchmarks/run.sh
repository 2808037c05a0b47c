#!/usr/bin/env bash
# Runs BenchmarkDotNet benchmarks and writes each class's report to docs/reports/benchmarks/<Class>.md,
# headed with when, where and how it was run. Not run by CI.
#   tests/Strategy.Benchmarks/run.sh '<filter>' [BenchmarkDotNet options]
#   tests/Strategy.Benchmarks/run.sh '*CallShape*' --job short
set -euo pipefail
cd "$(dirname "$0")/../.."
filter=${1:?usage: run.sh '<filter>' [BenchmarkDotNet options]}
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
reports=docs/reports/benchmarks
mkdir -p "$reports"

dotnet run -c Release --project tests/Strategy.Benchmarks -- --filter "$filter" --artifacts "$work" --exporters GitHub "$@" | tee "$work/log"

shopt -s nullglob
for report in "$work"/results/*-report-github.md; do
  name=$(basename "$report" -report-github.md)
  name=${name##*.}
  {
    echo "# $name"
    echo
    echo "Written by \`tests/Strategy.Benchmarks/run.sh '$filter' $*\` on $(date -u +%Y-%m-%d), $(nproc) cores,"
    echo "at commit \`$(git rev-parse --short HEAD)\`. What it measures: [performance](../../library/performance.md)."
    echo
    cat "$report"
    # What a benchmark prints as "// note: ..." (in its cleanup), under the benchmark and parameters it ran.
    notes=$(awk -v class="$name" '
      index($0, "// Benchmark: " class ".") == 1 {
        rest = substr($0, length("// Benchmark: " class ".") + 1)
        bench = substr(rest, 1, index(rest, ": ") - 1)
        if (match(rest, / \[[^]]*\]$/)) bench = bench substr(rest, RSTART)
      }
      index($0, "// note: ") == 1 { print "- " bench ": " substr($0, 10) }' "$work/log")
    if [ -n "$notes" ]; then
      printf '\nPrinted by the benchmarks:\n\n%s\n' "$notes"
    fi
  } > "$reports/$name.md"
  echo "wrote $reports/$name.md"
done
