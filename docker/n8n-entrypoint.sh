#!/bin/sh
# Links the community package baked into this image into n8n's nodes folder (inside the data
# volume, owned by the node user), makes the example flows' folders under ~/.n8n-files (the only
# place n8n 2 lets flows read and write by default), then starts n8n as the image always does.
set -e
user_dir="${N8N_USER_FOLDER:-$HOME}"
nodes="$user_dir/.n8n/nodes/node_modules"
mkdir -p "$nodes"
if [ ! -e "$nodes/n8n-nodes-gpu-inference" ] || [ -L "$nodes/n8n-nodes-gpu-inference" ]; then
  ln -sfn /opt/n8n-nodes-gpu-inference "$nodes/n8n-nodes-gpu-inference"
fi
for d in invoices/out tables/inbox tables/out tables/done recordings; do
  mkdir -p "$HOME/.n8n-files/$d" 2>/dev/null || echo "gpu-inference: cannot create $HOME/.n8n-files/$d (is the mounted folder owned by uid $(id -u)?)" >&2
done
exec /docker-entrypoint.sh "$@"
