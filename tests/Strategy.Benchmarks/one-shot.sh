#!/usr/bin/env bash
# One-shot speed: `strategy schedules list` (log in, list, log out, each run a new process) against
# curl making the same three calls, and `strategy wait <token>` of a finished cube publish against a bare
# HttpClient program making the same calls, against a local emulator, as ratios from one run. Writes
# docs/reports/one-shot.md. Not run by CI.
#   tests/Strategy.Benchmarks/one-shot.sh [runs]     (default 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
work=$(mktemp -d)
trap 'kill "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/Strategy.Emulator -c Release -v q -nologo >/dev/null
dotnet build src/Strategy.Cli -c Release -v q -nologo >/dev/null
# The tool as users get it: packed (RID-specific, ReadyToRun) and installed with `dotnet tool install`.
dotnet pack src/Strategy.Cli -c Release -o "$work/feed" -p:Version=0.0.0-oneshot -v q -nologo >/dev/null
dotnet tool install Strategy.Cli --tool-path "$work/r2r" --add-source "$work/feed" --version 0.0.0-oneshot >/dev/null
dotnet publish tests/Strategy.Benchmarks/OneShotBaseline -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/bare" -v q -nologo >/dev/null

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

c=$(measure curl_three); b=$(measure bare); d=$(measure dll); ro=$(measure r2r_off); r=$(measure r2r)

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
  echo "Written by \`tests/Strategy.Benchmarks/one-shot.sh $runs\` on $(date -u +%Y-%m-%d), $(nproc) cores, at commit"
  echo "\`$(git rev-parse --short HEAD)\`: the mean of $runs calls each of \`strategy schedules list\` (log in, list, log out; a new"
  echo "process each time) against a local emulator. What it means: [performance](../library/performance.md#one-shot-speed)."
  echo
  echo "| What | Per call | Against curl |"
  echo "| --- | --- | --- |"
  echo "| curl, three calls | ${c} ms | 1× |"
  echo "| bare \`HttpClient\`, ReadyToRun | ${b} ms | $(ratio "$b" "$c")× (the floor) |"
  echo "| \`strategy\`, as built (\`dotnet strategy.dll\`) | ${d} ms | $(ratio "$d" "$c")× |"
  echo "| \`strategy\`, installed with \`dotnet tool install\` (ReadyToRun), no startup profile | ${ro} ms | $(ratio "$ro" "$c")× ($(ratio "$ro" "$b")× the floor) |"
  echo "| \`strategy\`, installed with \`dotnet tool install\` (ReadyToRun), with its startup profile | ${r} ms | $(ratio "$r" "$c")× ($(ratio "$r" "$b")× the floor) |"
  echo
  echo "\`strategy wait <token>\` of a finished cube publish (log in, one status call, log out), the installed tool against a ReadyToRun floor:"
  echo
  echo "| What | Per call | Against the floor |"
  echo "| --- | --- | --- |"
  echo "| bare \`HttpClient\`, the same calls | ${wb} ms | 1× (the floor) |"
  echo "| \`strategy wait\` | ${wr} ms | $(ratio "$wr" "$wb")× |"
} > "$report"
cat "$report"
