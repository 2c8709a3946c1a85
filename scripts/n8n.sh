#!/usr/bin/env bash
# Starts a local n8n (pinned 2.8.4, installed once into the user's cache) with this package loaded
# as a community package and the "GPU Inference Sidecar" credential pointing at SIDECAR_URL.
# Run the sidecar first (npm start), then:  npm run n8n   → http://127.0.0.1:5678
set -euo pipefail
cd "$(dirname "$0")/.."
version="${N8N_VERSION:-2.8.4}"
dir="${N8N_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-gpu-inference/n8n-$version}"
user_folder="${N8N_USER_FOLDER:-$PWD/.n8n-dev}"
sidecar_url="${SIDECAR_URL:-http://127.0.0.1:${PORT:-8787}}"

bash scripts/install-n8n.sh
[ -f dist/nodes/GpuStatus/GpuStatus.node.js ] || npm run build:nodes

mkdir -p "$user_folder/.n8n/nodes/node_modules"
ln -sfn "$PWD" "$user_folder/.n8n/nodes/node_modules/n8n-nodes-gpu-inference"

export N8N_USER_FOLDER="$user_folder"
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-local-dev-key-change-me-0123456789}"
export DB_TYPE=sqlite N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_DEFAULT_BINARY_DATA_MODE=filesystem
n8n="$dir/node_modules/.bin/n8n"

# The credential and the example workflows, imported once (the user folder keeps them).
if [ ! -f "$user_folder/.imported" ]; then
  printf '[{"id":"gpuSidecarCred","name":"GPU Inference Sidecar","type":"gpuInferenceSidecarApi","data":{"baseUrl":"%s","apiKey":"%s"}}]' \
    "$sidecar_url" "${API_KEY:-}" > "$user_folder/creds.json"
  timeout -s KILL 120 "$n8n" import:credentials --input="$user_folder/creds.json"
  timeout -s KILL 120 "$n8n" import:workflow --separate --input=examples/workflows
  touch "$user_folder/.imported"
fi
echo "n8n with n8n-nodes-gpu-inference: http://127.0.0.1:5678 (sidecar credential → $sidecar_url)"
exec "$n8n" start
