#!/usr/bin/env bash
# One-shot speed: `strategy schedules list` (log in, list, log out, each run a new process) against
# curl making the same three calls, and `strategy wait <token>` of a finished cube publish against a bare
# HttpClient program making the same calls, against a local emulator, as ratios from one run. Writes
# docs/reports/one-shot.md. Not run by CI.
#   tests/Strategy.Benchmarks/one-shot.sh [runs]     (default 20)
#   BASE=<revision> ...        also times that commit's installed tool, in the same run (the figure to compare with)
#   OPERATIONS=<n> ...         also times the tool built from this tree with its spec grown to n operations
#                              (tests/Scale/GrowSpec.cs, the public API recorded as a team would)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
runs=${1:-20}
work=$(mktemp -d)
emulator=
trap 'kill "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT
# Each run's packages have a version of their own: the NuGet cache keeps a package by version, and a
# version installed before would be installed again in place of the one just packed.
stamp=$(date +%s)

# Runs a build step quietly; on failure, says which and shows the end of what it wrote.
quietly() {
  if ! "$@" > "$work/step.log" 2>&1; then
    echo "failed: $*" >&2; tail -30 "$work/step.log" >&2; exit 1
  fi
}

# Packs the strategy tool of a source tree (RID-specific, ReadyToRun) and installs it into $work/<folder>.
install_tool() {
  local tree=$1 folder=$2
  quietly dotnet pack "$tree/src/Strategy.Cli" -c Release -o "$work/feed-$folder" -p:Version="0.0.0-oneshot.$stamp.$folder" -v q -nologo
  quietly dotnet tool install Strategy.Cli --tool-path "$work/$folder" --add-source "$work/feed-$folder" --version "0.0.0-oneshot.$stamp.$folder"
}

quietly dotnet build src/Strategy.Emulator -c Release -v q -nologo
quietly dotnet build src/Strategy.Cli -c Release -v q -nologo
# The tool as users get it: packed (RID-specific, ReadyToRun) and installed with `dotnet tool install`.
install_tool "$repo" r2r
if [ -n "${BASE:-}" ]; then
  mkdir -p "$work/base-tree"
  git archive "$BASE" | tar -x -C "$work/base-tree"
  install_tool "$work/base-tree" base
fi
if [ -n "${OPERATIONS:-}" ]; then
  mkdir -p "$work/grown-tree"
  git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$work/grown-tree" 2>/dev/null || true
  quietly dotnet run "$repo/tests/Scale/GrowSpec.cs" -- "$work/grown-tree/spec/strategy.openapi.yaml" "$repo/tests/Scale/operations.tsv" "$OPERATIONS"
  quietly dotnet build "$work/grown-tree/src/Strategy.Generated" -c Release -t:RecordPublicApi -v q -nologo
  install_tool "$work/grown-tree" grown
fi
quietly dotnet publish tests/Strategy.Benchmarks/OneShotBaseline -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bare" -v q -nologo

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/MicroStrategyLibrary"
dotnet src/Strategy.Emulator/bin/Release/net10.0/Strategy.Emulator.dll --urls "http://127.0.0.1:$port" --path-base /MicroStrategyLibrary --job-linger 3600 --quiet >/dev/null &
emulator=$!
until curl -sf "$base/api/status" >/dev/null; do sleep 0.2; done

export STRATEGY_BASE_URL="$base" STRATEGY_PROJECT_ID=B7CA92F04B9FAE8D941C3E9B7E0CD754 STRATEGY_PASSWORD=
# The command's startup profiles go to this run's folder; the warm-up call of each measure writes them.
export XDG_CACHE_HOME="$work/cache"
curl_three() {
  local token
  token=$(curl -s -i -c "$work/cookies" -H 'Content-Type: application/json' -d '{"loginMode":1,"username":"administrator","password":""}' "$base/api/auth/login" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="x-mstr-authtoken" {print $2}')
  curl -s -b "$work/cookies" -H "X-MSTR-AuthToken: $token" -H "X-MSTR-ProjectID: $STRATEGY_PROJECT_ID" "$base/api/schedules" >/dev/null
  curl -s -b "$work/cookies" -X POST -H "X-MSTR-AuthToken: $token" "$base/api/auth/logout" >/dev/null
}
dll() { dotnet src/Strategy.Cli/bin/Release/net10.0/strategy.dll schedules list >/dev/null; }
r2r() { "$work/r2r/strategy" schedules list >/dev/null; }
r2r_off() { STRATEGY_STARTUP_PROFILE=off "$work/r2r/strategy" schedules list >/dev/null; }
bare() { "$work/bare/OneShotBaseline" >/dev/null; }

# Mean wall time of one call, in milliseconds, after one warm-up call.
measure() {
  "$1"
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$1"; done
  end=$(date +%s%N)
  echo $(( (end - start) / runs / 1000000 ))
}

base_tool() { "$work/base/strategy" schedules list >/dev/null; }
grown_tool() { "$work/grown/strategy" schedules list >/dev/null; }

c=$(measure curl_three); b=$(measure bare); d=$(measure dll); ro=$(measure r2r_off); r=$(measure r2r)
if [ -n "${BASE:-}" ]; then rb=$(measure base_tool); fi
if [ -n "${OPERATIONS:-}" ]; then rg=$(measure grown_tool); fi

# A finished operation: started with --no-wait, waited for once, then resumed again and again.
token=$("$work/r2r/strategy" cubes refresh 8D679D4B11D3E4981000E787EC6DE8A4 --no-wait)
"$work/r2r/strategy" wait "$token" >/dev/null
job=$(python3 -c 'import base64,json,sys; t=sys.argv[1].split(".",1)[1]; print(json.loads(base64.urlsafe_b64decode(t+"="*(-len(t)%4)))["a"]["jobId"])' "$token")
wait_r2r() { "$work/r2r/strategy" wait "$token" >/dev/null; }
wait_bare() { "$work/bare/OneShotBaseline" "$job" >/dev/null; }
wb=$(measure wait_bare); wr=$(measure wait_r2r)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
report=docs/reports/one-shot.md
mkdir -p "$(dirname "$report")"
{
  echo "# One-shot speed"
  echo
  echo "Written by \`${BASE:+BASE=$BASE }${OPERATIONS:+OPERATIONS=$OPERATIONS }tests/Strategy.Benchmarks/one-shot.sh $runs\` on $(date -u +%Y-%m-%d), $(nproc) cores, at commit"
  echo "\`$(git rev-parse --short HEAD)\`: the mean of $runs calls each of \`strategy schedules list\` (log in, list, log out; a new"
  echo "process each time) against a local emulator. What it means: [performance](../library/performance.md#one-shot-speed)."
  echo
  echo "| What | Per call | Against curl |"
  echo "| --- | --- | --- |"
  echo "| curl, three calls | ${c} ms | 1× |"
  echo "| bare \`HttpClient\`, ReadyToRun | ${b} ms | $(ratio "$b" "$c")× (the floor) |"
  echo "| \`strategy\`, as built (\`dotnet strategy.dll\`) | ${d} ms | $(ratio "$d" "$c")× |"
  echo "| \`strategy\`, installed with \`dotnet tool install\` (ReadyToRun), no startup profile | ${ro} ms | $(ratio "$ro" "$c")× ($(ratio "$ro" "$b")× the floor) |"
  if [ -n "${BASE:-}" ]; then
    echo "| \`strategy\` at \`$(git rev-parse --short "$BASE")\` (before), installed the same way, with its startup profile | ${rb} ms | $(ratio "$rb" "$c")× ($(ratio "$rb" "$b")× the floor) |"
  fi
  echo "| \`strategy\`, installed with \`dotnet tool install\` (ReadyToRun), with its startup profile | ${r} ms | $(ratio "$r" "$c")× ($(ratio "$r" "$b")× the floor) |"
  if [ -n "${OPERATIONS:-}" ]; then
    echo "| \`strategy\` with the spec grown to $OPERATIONS operations, installed the same way, with its startup profile | ${rg} ms | $(ratio "$rg" "$c")× ($(ratio "$rg" "$b")× the floor) |"
  fi
  echo
  echo "\`strategy wait <token>\` of a finished cube publish (log in, one status call, log out), the installed tool against a ReadyToRun floor:"
  echo
  echo "| What | Per call | Against the floor |"
  echo "| --- | --- | --- |"
  echo "| bare \`HttpClient\`, the same calls | ${wb} ms | 1× (the floor) |"
  echo "| \`strategy wait\` | ${wr} ms | $(ratio "$wr" "$wb")× |"
} > "$report"
cat "$report"
