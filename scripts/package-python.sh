#!/usr/bin/env bash
# Builds the Python wheel of the jsii Python target (module jichitai_network, distribution jichitai-network)
# into dist/python/ (or $1), without PyPI.
#
# Why not `jsii-pacmak --target python` alone: its build step creates a virtual environment and pip-installs
# pinned build tools from PyPI (jsii-pacmak's python/requirements-dev.txt: setuptools~=75.3, build~=1.5,
# twine~=7.0), which fails without PyPI. The generated code is the same either way: `--code-only` writes it, and
# Debian's setuptools (apt: python3-setuptools python3-wheel python3-pip, installed by .ci/run) builds the wheel.
# Run `npx projen compile` first (the package:python task does it when the assembly is stale).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${JICHITAI_PYTHON:-/usr/bin/python3}"
out="$(mkdir -p "${1:-dist/python}" && cd "${1:-dist/python}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -f .jsii ] || { echo "no .jsii: run 'npx projen compile' first" >&2; exit 1; }
"$PYTHON" -c 'import setuptools, wheel' 2>/dev/null \
  || { echo "$PYTHON lacks setuptools or wheel (Debian: apt-get install python3-setuptools python3-wheel python3-pip)" >&2; exit 1; }

npx jsii-pacmak --target python --code-only --force-subdirectory --outdir "$work"
[ -f "$work/python/setup.py" ] || { echo "jsii-pacmak wrote no $work/python/setup.py" >&2; exit 1; }
# --no-build-isolation: use the setuptools at hand instead of downloading the pinned build-system requirements.
"$PYTHON" -m pip wheel --quiet --no-build-isolation --no-deps --no-index --wheel-dir "$out" "$work/python"
ls "$out"/jichitai_network-*.whl
