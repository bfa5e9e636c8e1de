#!/usr/bin/env bash
# A Python venv for the tests that use third-party clients: the official `openai` SDK (pinned)
# calls GenUI's /v1/chat/completions. Idempotent; prints the venv's python.
set -euo pipefail
CACHE=${GENUI_CACHE:-$HOME/.cache/genui}
venv="$CACHE/venv-test"
OPENAI_VERSION=1.109.1
stamp="$venv/.genui-openai-$OPENAI_VERSION"
if [ ! -f "$stamp" ]; then
    printf '\033[1m[genui setup]\033[0m %s\n' "test venv: openai==$OPENAI_VERSION" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "openai==$OPENAI_VERSION"
    touch "$stamp"
fi
echo "$venv/bin/python"
