#!/usr/bin/env bash
# Node.js 18+ and npm for the integration tests and the web UI: the machine's
# own when present, Debian's otherwise.
set -euo pipefail
if command -v node >/dev/null && command -v npm >/dev/null; then
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 18 ] && exit 0
fi
"$(dirname "$0")/install-deps.sh" nodejs npm
