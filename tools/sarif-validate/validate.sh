#!/usr/bin/env bash
# Runs both SARIF validators of shared/SARIF-CHECKLIST.md on each file and fails on any error:
#   1. GitHub's schema gate (gh-schema-check.js: npm jsonschema 1.5.0 + the SARIF 2.1.0 schema), strict;
#   2. Microsoft's SARIF Multitool with the SARIF and GitHub rules (GH1001-GH1007 as errors), gated
#      with `query --non-zero-exit-code-if-count-over 0` because `validate` itself always exits 0.
# Setup, once per checkout: npm ci --prefix tools/sarif-validate
# Usage: tools/sarif-validate/validate.sh FILE.sarif...
# Exit codes: 0 all files pass, 1 a validator found errors, 3 the validators are not installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -eq 0 ]]; then
  echo "usage: $0 FILE.sarif..." >&2
  exit 2
fi

case "$(uname -s)" in
  Linux) platform=linux ;;
  Darwin) platform=darwin ;;
  *) platform=win32 ;;
esac
multitool="$here/node_modules/@microsoft/sarif-multitool-$platform/Sarif.Multitool"
if [[ ! -f "$here/node_modules/jsonschema/package.json" || ! -f "$multitool" ]]; then
  echo "SARIF validators are not installed: run 'npm ci --prefix tools/sarif-validate'" >&2
  exit 3
fi
# npm may skip the package's postinstall (chmod u+x) when install scripts are not allowed.
[[ -x "$multitool" ]] || chmod u+x "$multitool"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
node "$here/gh-schema-check.js" --strict "$@" || status=1

for file in "$@"; do
  report="$work/multitool.sarif"
  # Notes (SARIF2002 message ids, SARIF2003 provenance, SARIF2006 offline URIs, SARIF2010/2011
  # snippets) are suggestions we decline; errors and warnings are printed.
  "$multitool" validate "$file" --rule-kind "Sarif;Gh" -c "$here/multitool-gh.xml" \
      -o "$report" --log ForceOverwrite --level "Error;Warning" > "$work/validate.log" 2>&1 || {
    cat "$work/validate.log"
    echo "$file: Sarif.Multitool validate failed to run"
    status=1
    continue
  }
  if "$multitool" query "$report" --expression "Level == 'Error'" --non-zero-exit-code-if-count-over 0 > "$work/query.log" 2>&1; then
    grep -E ": warning " "$work/validate.log" || true
    echo "$file: Sarif.Multitool (Sarif;Gh rules) passed"
  else
    grep -E ": (error|warning) " "$work/validate.log" || cat "$work/validate.log" "$work/query.log"
    echo "$file: Sarif.Multitool (Sarif;Gh rules) FAILED"
    status=1
  fi
done

exit "$status"
