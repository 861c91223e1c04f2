#!/usr/bin/env bash
# Tries this repository's pre-commit hook the way a user would: `pre-commit try-repo` (Debian's
# pre-commit) on a sample project with a CPU-bound function run on a thread. The hook must fail on
# the finding, and pass once the finding is suppressed. Prints "pre-commit hook: ok" on success.
#   bash build/precommit-check.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (apt-get install pre-commit)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
sample="$work/sample"
mkdir -p "$sample/app"
cd "$sample"
git init -q .
git config user.email ci@example.invalid
git config user.name ci
cat > pyproject.toml <<'TOML'
[project]
name = "sample"
version = "0.1.0"
TOML
cat > app/__init__.py <<'PY'
PY
cat > app/work.py <<'PY'
import threading


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def start():
    worker = threading.Thread(target=crunch, args=(20_000_000,))
    worker.start()
    return worker
PY
git add -A
git commit -qm sample

set +e
pre-commit try-repo "$repo" gilscan --all-files > "$work/first.log" 2>&1
first=$?
set -e
cat "$work/first.log"
if [ "$first" -eq 0 ] || ! grep -q "app/work.py:12:14: GIL101" "$work/first.log"; then
  echo "pre-commit hook: expected a failure with the GIL101 finding in app/work.py (exit $first)"
  exit 1
fi

sed -i 's/    worker = threading.Thread(target=crunch, args=(20_000_000,))/    worker = threading.Thread(target=crunch, args=(20_000_000,))  # noqa: GIL101/' app/work.py
git commit -qam suppressed
pre-commit try-repo "$repo" gilscan --all-files > "$work/second.log" 2>&1 || { cat "$work/second.log"; echo "pre-commit hook: expected a pass once the finding is suppressed"; exit 1; }
cat "$work/second.log"
echo "pre-commit hook: ok"
