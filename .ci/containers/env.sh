# Sourced by the container scripts: podman as these CI hosts need it (runc, not crun, which refuses
# their cgroups; nofile/nproc ulimits the host does not let a container raise).
export CONTAINERS_CONF="${CONTAINERS_CONF:-/tmp/gpu-inference-containers/containers.conf}"
mkdir -p "$(dirname "$CONTAINERS_CONF")"
cat > "$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=20000:20000"]
[engine]
runtime = "runc"
[network]
# netavark + aardvark-dns: containers on a compose network find each other by service name.
network_backend = "netavark"
CONF
