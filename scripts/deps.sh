#!/usr/bin/env bash
# Installs the Debian packages ai_memory needs, only those that are missing.
# Idempotent and silent when everything is present.
set -euo pipefail

packages=(
  build-essential g++ make cmake pkg-config
  postgresql-15 postgresql-server-dev-15 postgresql-client-15 libpq-dev
  libboost1.81-dev rapidjson-dev libgtest-dev googletest
  libsqlite3-dev sqlite3 libssl-dev openssl
  curl util-linux procps
  wrk
  nodejs  # tools/glove-embedder: make bench and its integration test
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "deps: missing packages: ${missing[*]}" >&2
  echo "deps: run 'make deps' as root (or: sudo apt-get install ${missing[*]})" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
