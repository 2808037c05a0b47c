#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs are on this machine, installing Debian's package when they are
# missing (as root, with apt-get), and prints the directory that holds initdb and pg_ctl.
set -euo pipefail
find_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}
if ! find_bin; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL's server programs (initdb, pg_ctl) are not installed, and installing them needs root: run 'apt-get install postgresql' as root (or run the tests as root, as .ci/run does, to have it done)." >&2
    exit 1
  fi
  echo "Installing PostgreSQL from Debian's packages..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  find_bin
fi
