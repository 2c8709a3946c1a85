#!/usr/bin/env bash
# Installs a pinned, real n8n outside this package's dependency tree, for the end-to-end tests.
# Kept between runs in the user's cache (about 4.5 minutes and 2.3 GB the first time), so a fresh
# clone on the same machine reuses it. N8N_E2E_DIR overrides the place.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${N8N_VERSION:-2.8.4}"   # the last n8n for Node 20; newer ones need Node 24
dir="${N8N_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-gpu-inference/n8n-$version}"
if [ -x "$dir/node_modules/.bin/n8n" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/n8n/package.json" 2>/dev/null; then
  echo "n8n $version already in $dir"
  exit 0
fi
mkdir -p "$dir"
cat > "$dir/package.json" <<JSON
{
  "name": "n8n-e2e-runtime",
  "private": true,
  "version": "1.0.0",
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.3" }
}
JSON
# n8n's default xlsx tarball URL is unreachable from registry-only machines: the override points to the npm copy.
# Its native modules (sqlite3) need their install scripts, which this repo's .npmrc turns off for itself.
(cd "$dir" && npm install --no-audit --no-fund --ignore-scripts=false --loglevel=error)
echo "installed n8n $version in $dir"
