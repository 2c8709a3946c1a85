#!/usr/bin/env bash
# The npm path, run for real: packs both packages, installs each in an empty folder the way its users
# do, and starts them together.
#  - gpu-inference-sidecar: `npm install <tarball>` in an empty folder (ONNXRUNTIME_NODE_INSTALL=skip:
#    onnxruntime-node's own script downloads its CUDA provider from NuGet, unreachable here), then
#    `npx gpu-inference-sidecar serve` must reach /readyz with the embedded models and transcribe.
#  - n8n-nodes-gpu-inference: unpacked into ~/.n8n/nodes/node_modules and `npm install --ignore-scripts`
#    there, as n8n's community-package installer does; the pinned n8n then runs the GPU watchdog
#    example against that sidecar.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
work=$(mktemp -d /tmp/gpu-inference-packages.XXXXXX)
sidecar_pid=""
cleanup() { [ -n "$sidecar_pid" ] && kill -- "-$sidecar_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

npm run --silent pack:packages
nodes_tgz=$(ls "$repo"/build/n8n-nodes-gpu-inference-*.tgz)
sidecar_tgz=$(ls "$repo"/build/gpu-inference-sidecar-*.tgz)
echo "packages: $(basename "$nodes_tgz") $(du -k "$nodes_tgz" | cut -f1) KB, $(basename "$sidecar_tgz") $(du -k "$sidecar_tgz" | cut -f1) KB"

# What the community tarball holds: the nodes, LICENSE and the n8n users' README, nothing of the build.
listing=$(tar -tzf "$nodes_tgz")
for must in package/LICENSE package/README.md package/package.json package/dist/nodes/OcrInvoice/OcrInvoice.node.js package/dist/credentials/GpuInferenceSidecarApi.credentials.js; do
  grep -qx "$must" <<<"$listing" || { echo "packages: $must missing from the community tarball"; exit 1; }
done
if grep -E 'tsbuildinfo|^package/dist/package\.json$|\.map$|^package/(src|test|sidecar|nodes)/' <<<"$listing"; then echo "packages: build leftovers in the community tarball"; exit 1; fi
# Nothing but the nodes, the credential and the package's own three files (n8n-node build copies every image it finds).
if grep -vE '^package/(LICENSE|README\.md|package\.json|dist/(nodes|credentials)/.*)$' <<<"$listing"; then echo "packages: files outside dist/nodes and dist/credentials in the community tarball"; exit 1; fi
tar -xzOf "$nodes_tgz" package/README.md | grep -q 'Install the nodes in n8n' || { echo "packages: the community README is not the n8n users' one"; exit 1; }

# The sidecar, installed from its tarball into an empty folder.
mkdir -p "$work/sidecar" && cd "$work/sidecar"
echo '{"name":"sidecar-install-check","private":true}' >package.json
ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error "$sidecar_tgz" >/dev/null
orts=$(find node_modules -type d -name onnxruntime-node -prune | wc -l)
[ "$orts" = 1 ] || { echo "packages: $orts copies of onnxruntime-node installed"; find node_modules -type d -name onnxruntime-node -prune; exit 1; }
[ ! -d node_modules/@huggingface ] || { echo "packages: @huggingface/transformers was installed"; exit 1; }
echo "packages: sidecar installed, $(du -sm node_modules | cut -f1) MB of node_modules, one onnxruntime-node"
port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
key=$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('hex'))")
# In a process group of its own: npx runs the sidecar as its child, and stopping npx alone left
# the sidecar running after the check.
PORT=$port API_KEY=$key LOG_LEVEL=warn setsid npx --no-install gpu-inference-sidecar serve >"$work/sidecar.log" 2>&1 &
sidecar_pid=$!
for i in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  kill -0 "$sidecar_pid" 2>/dev/null || { cat "$work/sidecar.log"; exit 1; }
  sleep 1
done
curl -sf "http://127.0.0.1:$port/readyz" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s);console.log('packages: npx gpu-inference-sidecar serve is ready:', r.models.map(m=>m.id).join(', '), '| ffmpeg', r.ffmpeg.source, r.ffmpeg.version)})"
text=$(curl -sf -H "Authorization: Bearer $key" -F "file=@$repo/test/fixtures/jfk.wav" "http://127.0.0.1:$port/v1/transcribe?format=json" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).text))")
grep -qi 'ask not what your country' <<<"$text" || { echo "packages: transcription from the installed sidecar: $text"; exit 1; }
echo "packages: the installed sidecar transcribes: $text"

# The community package, installed as n8n installs it, run by the pinned n8n.
n8n_bin="${N8N_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-gpu-inference/n8n-2.8.4/node_modules/.bin/n8n}"
[ -x "$n8n_bin" ] || bash "$repo/scripts/install-n8n.sh" >/dev/null
home="$work/n8n-home"
pkg="$home/.n8n/nodes/node_modules/n8n-nodes-gpu-inference"
mkdir -p "$pkg" && tar -xzf "$nodes_tgz" -C "$pkg" --strip-components=1
(cd "$pkg" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
export HOME="$home" N8N_USER_FOLDER="$home" N8N_ENCRYPTION_KEY=packages-check-key-0123456789 DB_TYPE=sqlite \
  N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false \
  N8N_PERSONALIZATION_ENABLED=false N8N_RUNNERS_ENABLED=false N8N_LOG_LEVEL=info
cd "$home"
echo "[{\"id\":\"gpuSidecarCred\",\"name\":\"GPU Inference Sidecar\",\"type\":\"gpuInferenceSidecarApi\",\"data\":{\"baseUrl\":\"http://127.0.0.1:$port\",\"apiKey\":\"$key\"}}]" >creds.json
node -e "
const w = require('$repo/examples/workflows/gpu-watchdog.json');
w.id = 'pkgWatchdog0001';
Object.assign(w.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger'), { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
require('fs').writeFileSync('wf.json', JSON.stringify(w));"
timeout -s KILL 120 "$n8n_bin" import:credentials --input=creds.json >/dev/null
timeout -s KILL 120 "$n8n_bin" import:workflow --input=wf.json >/dev/null
timeout -s KILL 120 "$n8n_bin" execute --id=pkgWatchdog0001 --rawOutput >run.txt 2>&1 || { tail -20 run.txt; exit 1; }
node -e "
const t = require('fs').readFileSync('run.txt', 'utf8');
const run = require('$repo/scripts/n8n-run-output.cjs').readRunOutput(t);
const out = run.data.resultData.runData['GPU Status'][0].data.main.flat().filter(Boolean)[0].json;
if (out.activeProvider !== 'cpu') { console.error(JSON.stringify(out)); process.exit(1); }
console.log('packages: n8n ran GPU Status from the installed community package: activeProvider', out.activeProvider);"
