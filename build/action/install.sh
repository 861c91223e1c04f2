#!/usr/bin/env bash
# The action's install step: the wheel given (GILSCAN_WHEEL: a path or an https URL) into a venv of
# its own, else gilscan already on PATH, else the dotnet tool packed from the action's own source.
# Puts the folder holding `gilscan` on GITHUB_PATH (or prints it when run outside Actions).
set -euo pipefail
tools="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/gilscan-tool"
add_path() {
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$1" >> "$GITHUB_PATH"; else echo "gilscan installed in $1"; fi
}

if [ -n "${GILSCAN_WHEEL:-}" ]; then
  wheel="$GILSCAN_WHEEL"
  if [[ "$wheel" == http://* || "$wheel" == https://* ]]; then
    mkdir -p "$tools/download"
    name="${wheel##*/}"; name="${name%%\?*}"
    curl -fsSL "$wheel" -o "$tools/download/$name"
    wheel="$tools/download/$name"
  fi
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/python" -m pip install --quiet --no-index "$wheel"
  add_path "$tools/venv/bin"
elif command -v gilscan >/dev/null 2>&1; then
  echo "using $(command -v gilscan)"
else
  command -v dotnet >/dev/null 2>&1 || { echo "::error::gilscan: give the 'wheel' input, put gilscan on PATH, or install the .NET 10 SDK (actions/setup-dotnet) to build it"; exit 1; }
  source="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}"
  dotnet pack "$source/src/GilScan.Cli" -c Release -o "$tools/packages" -nologo -v quiet
  dotnet tool install gilscan --tool-path "$tools/bin" --add-source "$tools/packages"
  add_path "$tools/bin"
fi
