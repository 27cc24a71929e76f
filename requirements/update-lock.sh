#!/usr/bin/env bash
# Regenerates requirements/test.lock, the exact versions the tests are installed with
# (README's test command and .ci/run use it as a pip constraints file). Run
# tests/check_newest_deps.sh first: it tests the versions this lock will then pin.
#
#   bash requirements/update-lock.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tool="$(mktemp -d "${TMPDIR:-/tmp}/oslearn-uv.XXXXXX")"
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool"
"$tool/bin/pip" install --quiet 'uv>=0.9,<1'
"$tool/bin/uv" pip compile pyproject.toml --extra test --python-version 3.10 --universal \
    --custom-compile-command 'bash requirements/update-lock.sh' -o requirements/test.lock
