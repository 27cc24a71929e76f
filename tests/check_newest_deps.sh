#!/usr/bin/env bash
# Runs the test suite against the newest versions that pyproject.toml's bounds allow, in a
# throwaway virtual environment, without the test lock. Run it before regenerating
# requirements/test.lock, and now and then (monthly, or when a dependency announces a
# release) so that a dependency release that breaks oslearn is noticed before users meet it.
#
#   bash tests/check_newest_deps.sh [pytest arguments...]
#
# Exit status: pytest's (5, no tests collected, is turned into 1).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$(mktemp -d "${TMPDIR:-/tmp}/oslearn-newest.XXXXXX")"
trap 'rm -rf "$venv"' EXIT
# Readable by others, so that the read-only fault tests can run the suite as 'nobody'.
chmod 755 "$venv"

python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
# Built from a copy of the working tree's files (tracked, or new and not ignored): a build/
# folder left by an earlier install would otherwise bring files since deleted, such as
# renamed lessons, into the package.
mkdir "$venv/src"
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
    if [ -e "$file" ]; then printf '%s\0' "$file"; fi  # not a tracked file deleted since
done | tar -c --null -T - | tar -x -C "$venv/src"
"$venv/bin/pip" install --quiet --upgrade --upgrade-strategy eager "$venv/src[test]"
echo "Newest allowed versions:"
"$venv/bin/pip" list --format=freeze | grep -iE '^(textual|textual-serve|aiohttp|aiohttp-jinja2|jinja2|markdown-it-py|tinydb|pyyaml|platformdirs|filelock|fsrs|distro-support|watchfiles|pytest|pytest-asyncio|pytest-textual-snapshot|import-linter)=='

set +e
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: failing" >&2
    exit 1
fi
exit "$status"
