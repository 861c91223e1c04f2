#!/usr/bin/env bash
# The action's check step: `gilscan check PATHS --format sarif --github --output FILE ARGS` from the
# repository root, so that SARIF URIs are relative to it. Records the exit code as an output
# instead of failing here: the upload runs either way, and the last step decides.
set -uo pipefail
cd "${GITHUB_WORKSPACE:-.}"
sarif="${GILSCAN_SARIF:-gilscan.sarif}"
read -r -a paths <<< "${GILSCAN_PATHS:-.}"
read -r -a extra <<< "${GILSCAN_ARGS:-}"
gilscan check "${paths[@]}" --format sarif --github --output "$sarif" "${extra[@]}"
code=$?
gilscan check "${paths[@]}" --statistics --format github --output /dev/null "${extra[@]}" || true
out="${GITHUB_OUTPUT:-/dev/stdout}"
if [ -f "$sarif" ]; then echo "sarif-file=$sarif" >> "$out"; fi
echo "exit-code=$code" >> "$out"
exit 0
