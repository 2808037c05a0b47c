#!/usr/bin/env bash
# How the library's build grows with the spec. In one run, on scratch copies of this working tree (the
# repository itself is not touched): today's spec, and the spec grown to 480 operations with free-form
# operations from operations.tsv (the calls the official Python client makes). For each it times a cold
# build, a no-op build, an edit of a hand-written file, and -t:RecordPublicApi (on the built tree, after an
# edit, as a user runs it when the API guard stops a build), and reads the generator's
# share of the compile (-p:ReportAnalyzer=true). Writes docs/reports/build-scale.md.
#
#   tests/Scale/measure-build.sh [operations ...]     (default: today's count and 480)
#   BASE=<revision> tests/Scale/measure-build.sh       also measures that commit at today's spec, first,
#                                                      in the same run (the figures to compare with)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
report="$repo/docs/reports/build-scale.md"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/strategy-scale.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

today="$(grep -c '^      operationId:' "$repo/spec/strategy.openapi.yaml")"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=("$today" 480); fi

seconds() { # runs a command quietly and prints how long it took, in seconds with one decimal
  local start end
  start=$(date +%s%N)
  if ! "$@" > "$scratch/last.log" 2>&1; then
    echo "failed: $*" >&2; tail -30 "$scratch/last.log" >&2; exit 1
  fi
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }'
}

build() { dotnet build src/Strategy.Generated --no-restore -nologo -clp:NoSummary "$@"; }

# An edit of a hand-written file: a comment line, so the compile runs again and nothing else changes.
edit() { echo "// edited by measure-build.sh $(date +%s%N)" >> src/Strategy.Generated/Errors/ServerText.cs; }

rows=()
runs=("${sizes[@]}")
if [ -n "${BASE:-}" ]; then runs=("base:$today" "${runs[@]}"); fi
for run in "${runs[@]}"; do
  size=${run#base:}
  copy="$scratch/ops-$size"
  rm -rf "$copy"; mkdir -p "$copy"
  if [ "$run" != "$size" ]; then
    git -C "$repo" archive "$BASE" | tar -x -C "$copy"
    label="$size at \`$(git -C "$repo" rev-parse --short "$BASE")\` (before)"
  else
    (cd "$repo" && git ls-files -co --exclude-standard -z) | (cd "$repo" && xargs -0 cp --parents -t "$copy" 2>/dev/null || true)
    label="$size"
  fi
  cd "$copy"
  if [ "$size" != "$today" ]; then
    dotnet run "$repo/tests/Scale/GrowSpec.cs" -- spec/strategy.openapi.yaml "$repo/tests/Scale/operations.tsv" "$size" >&2
  fi
  dotnet restore src/Strategy.Generated -nologo > "$scratch/restore.log" 2>&1 || { tail -20 "$scratch/restore.log" >&2; exit 1; }

  # The grown spec's members must be recorded before a build can pass the API guard (RS0016).
  echo "== $label operations: recording the grown spec's public API" >&2
  seconds dotnet build src/Strategy.Generated --no-restore -nologo -t:RecordPublicApi > /dev/null
  echo "== $label operations: cold build" >&2
  # Everything built goes; what restore wrote (obj/*.json, *.props, *.targets) stays.
  find src generators -type d -name bin -prune -exec rm -rf {} +
  find src generators -path '*/obj/*' -mindepth 1 -maxdepth 4 -prune ! -name '*.json' ! -name '*.props' ! -name '*.targets' -exec rm -rf {} +
  cold=$(seconds build)
  noop=$(seconds build)
  edit
  edited=$(seconds build)
  edit
  single=$(seconds build -p:TargetFramework=net10.0 -clp:PerformanceSummary)
  compile=$(awk '$2 == "ms" && $3 == "Csc" { print $1 / 1000 }' "$scratch/last.log")

  # The generator's own time against the whole compile, from the compiler's analyzer report (net10.0).
  edit
  build -p:TargetFramework=net10.0 -p:ReportAnalyzer=true -v:detailed > "$scratch/analyzers.log" 2>&1
  generator=$(awk '$NF == "Strategy.Generated.Generators.StrategyGenerator" { print $1 }' "$scratch/analyzers.log")

  # As a user records after a change the API guard reported: the tree is built, a file has changed.
  echo "== $label operations: recording the public API after an edit" >&2
  edit
  record=$(seconds dotnet build src/Strategy.Generated --no-restore -nologo -t:RecordPublicApi)

  nswag_lines=$(wc -l < src/Strategy.Generated/obj/Debug/nswag/StrategyClients.g.cs)
  rows+=("| $label | $cold s | $noop s | $edited s | $single s | $record s ($(awk -v r="$record" -v c="$cold" 'BEGIN { printf "%.2f", r / c }')× cold) | $generator s of $compile s ($(awk -v g="$generator" -v c="$compile" 'BEGIN { printf "%.0f", 100 * g / c }')%) | $nswag_lines |")
  cd "$repo"
  rm -rf "$copy"
done

mkdir -p "$(dirname "$report")"
{
  echo "# Build time against the size of the spec"
  echo
  echo "Written by \`tests/Scale/measure-build.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, .NET SDK $(dotnet --version)), at commit"
  echo "\`$(git -C "$repo" rev-parse --short HEAD)\`$(git -C "$repo" diff --quiet HEAD -- src generators spec || echo ' with uncommitted changes'). Every figure is one run of \`dotnet build src/Strategy.Generated\`"
  echo "(three target frameworks) on a scratch copy, except the single-framework edit (\`-p:TargetFramework=net10.0\`);"
  echo "\`-t:RecordPublicApi\` runs on the built tree after an edit, as after a build the API guard stopped."
  if [ "${UseSharedCompilation:-}" = false ]; then
    echo "The machine's environment sets \`UseSharedCompilation=false\` (no compiler server): every compile starts a new compiler."
  fi
  echo
  echo "| Operations | Cold build | No-op build | Edit of a hand-written file | Same edit, net10.0 only | \`-t:RecordPublicApi\` | Generator in the net10.0 compile | NSwag output (lines) |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} > "$report"
cat "$report"
