#!/usr/bin/env bash
# The Docker path, run for real with podman (no Docker engine on CI machines):
#  1. builds Dockerfile.gpu with the CPU build args and Dockerfile.n8n, on local stand-ins for their
#     base images (base-images.sh);
#  2. runs the sidecar image as its own non-root user with a models volume, and checks /readyz, one
#     OCR, one table, one invoice and one transcription from another container on its network;
#  3. brings up docker-compose.yml as shipped with docker-compose (Debian's v1.29, talking to podman's
#     Docker API), and runs the example "Invoices from a folder to a spreadsheet" inside its n8n.
# The GPU image's CUDA base (nvidia/cuda) cannot be fetched here: only its CPU twin is built.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
source .ci/containers/env.sh
work="${CONTAINERS_WORK:-/tmp/gpu-inference-containers}"
mkdir -p "$work"
started=$(date +%s)
step() { echo "containers: $* ($(( $(date +%s) - started )) s)"; }

# The multi-GPU queue-mode file cannot run here (no GPUs, no registry for postgres/redis/haproxy
# images): Compose must accept it, and HAProxy its configuration. bench/queue-mode.ts (run by
# .ci/run) runs the same arrangement with Debian's programs and this haproxy.cfg.
SIDECAR_API_KEY=0123456789abcdef0123 N8N_ENCRYPTION_KEY=ci POSTGRES_PASSWORD=ci docker-compose -f docker-compose.scale.yml config -q
haproxy -c -q -f deploy/compose/haproxy.cfg
step "docker-compose.scale.yml and its haproxy.cfg are valid"

bash .ci/containers/base-images.sh
step "base images ready"
podman build -q -f Dockerfile.gpu --build-arg RUNTIME_BASE=debian:bookworm-slim --build-arg ORT_INSTALL=skip --build-arg DEVICE=cpu -t gpu-inference-sidecar:cpu . >/dev/null
step "sidecar image built"
[ -f build/n8n-package/package.json ] || npm run build:nodes >/dev/null
podman build -q -f Dockerfile.n8n -t n8n-gpu-inference:local . >/dev/null
step "n8n image built"
# Each rebuild leaves the last build's images and build stages untagged (about 4 GB a run): a machine
# that ran this check a dozen times ran out of disk. Only untagged images go.
podman image prune -f >/dev/null
echo "containers: sidecar image $(podman image inspect gpu-inference-sidecar:cpu --format '{{.Size}}' | awk '{printf "%.0f MB", $1/1e6}'), node_modules: $(podman run --rm --entrypoint sh gpu-inference-sidecar:cpu -c 'du -sh /app/node_modules /app/sidecar/node_modules | tr "\n" " "')"

key=$(node -e "process.stdout.write(require('crypto').randomBytes(24).toString('hex'))")
node --import tsx .ci/containers/make-fixtures.ts "$work/fixtures" >/dev/null

cleanup_single() {
  podman rm -f gi-sidecar >/dev/null 2>&1 || true
  podman network rm -f gi-check >/dev/null 2>&1 || true
  podman volume rm -f gi-models >/dev/null 2>&1 || true
}
cleanup_single
trap cleanup_single EXIT
podman network create gi-check >/dev/null
podman volume create gi-models >/dev/null
podman run -d --name gi-sidecar --network gi-check --network-alias sidecar -e API_KEY="$key" -v gi-models:/models gpu-inference-sidecar:cpu >/dev/null
for i in $(seq 1 120); do
  if podman exec gi-sidecar node -e "fetch('http://127.0.0.1:8787/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then break; fi
  if [ "$(podman inspect gi-sidecar --format '{{.State.Running}}')" != true ]; then podman logs gi-sidecar | tail -20; exit 1; fi
  sleep 2
done
uid=$(podman exec gi-sidecar id -u)
[ "$uid" != 0 ] || { echo "containers: the sidecar runs as root"; exit 1; }
step "sidecar container ready as uid $uid"
podman run --rm --network gi-check -v "$work/fixtures:/fixtures:ro" -v "$repo/.ci/containers/check-sidecar.mjs:/check.mjs:ro" \
  node:22-bookworm-slim node /check.mjs http://sidecar:8787 "$key" /fixtures
podman stop -t 40 gi-sidecar >/dev/null
code=$(podman inspect gi-sidecar --format '{{.State.ExitCode}}')
[ "$code" = 0 ] || { echo "containers: the sidecar exited $code on SIGTERM"; podman logs gi-sidecar | tail -5; exit 1; }
cleanup_single
step "sidecar checks passed"

# --- docker-compose.yml through a real Compose implementation -----------------------------------
sock="$work/podman.sock"
rm -f "$sock"
podman system service --time=0 "unix://$sock" >"$work/podman-service.log" 2>&1 &
service_pid=$!
for i in $(seq 1 50); do [ -S "$sock" ] && break; sleep 0.2; done
export DOCKER_HOST="unix://$sock"
printf 'SIDECAR_API_KEY=%s\nTZ=Europe/Berlin\n' "$key" >"$work/compose.env"
compose=(docker-compose --env-file "$work/compose.env" -p gi-ci -f docker-compose.yml)
# podman runs health checks from systemd timers, which CI machines lack: run them here instead.
( while sleep 3; do for c in $(podman ps -q); do podman healthcheck run "$c" >/dev/null 2>&1 || true; done; done ) &
pump_pid=$!
cleanup_compose() {
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  kill "$pump_pid" "$service_pid" 2>/dev/null || true
  rm -rf "$repo/data"
}
trap cleanup_compose EXIT
rm -rf "$repo/data"
"${compose[@]}" up -d --no-build 2>&1 | tail -5
n8n_ctr=$("${compose[@]}" ps -q n8n)
for i in $(seq 1 150); do
  health=$(podman inspect "$n8n_ctr" --format '{{.State.Health.Status}}' 2>/dev/null || echo none)
  [ "$health" = healthy ] && break
  sleep 2
done
[ "$health" = healthy ] || { "${compose[@]}" ps; "${compose[@]}" logs --tail 30; exit 1; }
step "compose stack up (sidecar healthy, ./data owned by $(stat -c %u data), n8n healthy)"

# Two example flows, unmodified, inside the stack's n8n.
# 1. "Invoices from a folder to a spreadsheet" by n8n's CLI. The CLI does not read
#    CREDENTIALS_OVERWRITE_DATA (only `n8n start` and workers do), so this credential carries the values.
cp "$work/fixtures/invoice.png" data/invoices/acme.png
printf '%%PDF-1.4 not a real pdf' >data/invoices/broken.pdf
creds() { echo "[{\"id\":\"gpuSidecarCred\",\"name\":\"GPU Inference Sidecar\",\"type\":\"gpuInferenceSidecarApi\",\"data\":{\"baseUrl\":\"$1\",\"apiKey\":\"$2\"}}]" >data/creds.json; }
creds http://sidecar:8787 "$key"
node -e "const w=require('./examples/workflows/invoices-to-spreadsheet.json'); w.id='ciInvoicesFold1'; require('fs').writeFileSync('data/workflow.json', JSON.stringify(w))"
chown -R 1000:1000 data
# A second n8n process (the CLI) beside the server: its task-runner broker needs a port of its own.
exec_n8n() { podman exec -u node -e N8N_RUNNERS_BROKER_PORT=5699 "$n8n_ctr" timeout -s KILL 120 n8n "$@"; }
exec_n8n import:credentials --input=/home/node/.n8n-files/creds.json >/dev/null
exec_n8n import:workflow --input=/home/node/.n8n-files/workflow.json >/dev/null
exec_n8n execute --id=ciInvoicesFold1 --rawOutput >"$work/run.txt" 2>&1 || { tail -30 "$work/run.txt"; exit 1; }
node -e "
const text = require('fs').readFileSync('$work/run.txt', 'utf8');
const run = require('$repo/scripts/n8n-run-output.cjs').readRunOutput(text);
const ocr = run.data.resultData.runData['OCR Invoice'][0].data.main[0];
const acme = ocr.find((i) => i.json.fileName === 'acme.png')?.json;
const broken = ocr.find((i) => i.json.fileName === 'broken.pdf')?.json;
if (ocr.length !== 2 || acme?.invoiceNumber !== 'INV-2024-0917' || acme?.total !== 1541.4 || !/not a readable PDF/.test(broken?.error ?? '')) {
  console.error('unexpected OCR Invoice output:', JSON.stringify(ocr.map((i) => i.json)).slice(0, 2000)); process.exit(1);
}
console.log('ok   invoices flow in the compose stack: acme.png ->', acme.invoiceNumber, acme.total, acme.currency, '| broken.pdf -> error item');
"
ls data/invoices/out/*.xlsx >/dev/null
step "compose invoices flow passed ($(ls data/invoices/out))"

# 2. "Transcribe an uploaded recording", a webhook served by the stack's n8n with the credential left
#    empty, as a user creates it: the server fills it from CREDENTIALS_OVERWRITE_DATA.
creds "" ""
node -e "const w=require('./examples/workflows/transcribe-upload.json'); w.id='ciTranscribeUp1'; require('fs').writeFileSync('data/workflow.json', JSON.stringify(w))"
chown -R 1000:1000 data
exec_n8n import:credentials --input=/home/node/.n8n-files/creds.json >/dev/null
exec_n8n import:workflow --input=/home/node/.n8n-files/workflow.json >/dev/null
exec_n8n publish:workflow --id=ciTranscribeUp1 >/dev/null
rm -f data/creds.json data/workflow.json
"${compose[@]}" restart n8n >/dev/null 2>&1
answer=""
for i in $(seq 1 90); do
  answer=$(curl -s -m 60 -F "file=@$work/fixtures/jfk.wav;type=audio/wav" http://127.0.0.1:5678/webhook/transcribe || true)
  grep -qi 'ask not what your country' <<<"$answer" && break
  sleep 2
done
grep -qi 'ask not what your country' <<<"$answer" || { echo "containers: webhook answer: ${answer:0:500}"; "${compose[@]}" logs --tail 20 n8n; exit 1; }
echo "ok   webhook flow in the compose stack: $(node -e "console.log(JSON.parse(process.argv[1]).text)" "$answer")"
step "compose webhook flow passed"
