#!/usr/bin/env bash
# Installs promtool and amtool (with the prometheus and alertmanager binaries they come with), the
# blackbox exporter and Python's prometheus_client from Debian's packages `prometheus`,
# `prometheus-alertmanager`, `prometheus-blackbox-exporter` and `python3-prometheus-client`.
# Idempotent: when all binaries are on PATH and Debian's /usr/bin/python3 imports prometheus_client
# already it does not touch apt. No Prometheus, Alertmanager or blackbox exporter service is left
# running (the packages start one on a systemd host; tests only need the binaries).
# python3-prometheus-client is for Debian's /usr/bin/python3: a python3 earlier on PATH (pyenv,
# a virtualenv) does not see it; the tests look for an interpreter that does (test/helpers/python.ts).
# Works as root (containers) or through sudo; works without systemd.
set -euo pipefail

BINARIES=(promtool amtool prometheus prometheus-alertmanager prometheus-blackbox-exporter)
PACKAGES=(prometheus prometheus-alertmanager prometheus-blackbox-exporter python3-prometheus-client)
SERVICES=(prometheus prometheus-alertmanager prometheus-blackbox-exporter)
# The interpreter Debian's python3-* packages install for.
DEBIAN_PYTHON=/usr/bin/python3

python_client_ok() {
  [ -x "$DEBIAN_PYTHON" ] && "$DEBIAN_PYTHON" -c 'import prometheus_client' >/dev/null 2>&1
}

missing_binaries() {
  local missing=()
  for bin in "${BINARIES[@]}"; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
  done
  python_client_ok || missing+=("python3-prometheus-client")
  echo "${missing[*]:-}"
}

# Run as root: directly when we are root, through sudo when it exists, else fail with a clear message.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "install-tools: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

# Stops the services the packages may have started. Best effort: no init system in a container is fine.
stop_services() {
  for service in "${SERVICES[@]}"; do
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      as_root systemctl stop "$service" >/dev/null 2>&1 || true
      as_root systemctl disable "$service" >/dev/null 2>&1 || true
    elif command -v service >/dev/null 2>&1; then
      as_root service "$service" stop >/dev/null 2>&1 || true
    fi
  done
}

install_packages() {
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: apt-get not found; install ${PACKAGES[*]} (or promtool and amtool) by hand" >&2
    return 1
  fi
  # policy-rc.d exiting 101 tells invoke-rc.d not to start services during the install.
  # Only add it when there is none, and remove only ours.
  local policy=/usr/sbin/policy-rc.d
  local our_policy=no
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    our_policy=yes
  fi
  local status=0
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
  } || status=$?
  if [ "$our_policy" = yes ]; then as_root rm -f "$policy"; fi
  # On systemd hosts units may still be started by systemd itself (deb-systemd-invoke honours
  # policy-rc.d, but be sure).
  stop_services
  return "$status"
}

missing="$(missing_binaries)"
if [ -z "$missing" ]; then
  echo "install-tools: ${BINARIES[*]} and python3-prometheus-client already installed; skipping apt"
else
  echo "install-tools: missing: $missing; installing Debian packages ${PACKAGES[*]}"
  install_packages
fi

# Report what is installed; fail when anything is still missing.
failed=0
for bin in "${BINARIES[@]}"; do
  if command -v "$bin" >/dev/null 2>&1; then
    version="$("$bin" --version 2>&1 | head -n 1 || true)"
    echo "  $bin: $(command -v "$bin"): ${version:-unknown version}"
  else
    echo "install-tools: $bin is missing after the install" >&2
    failed=1
  fi
done
if python_client_ok; then
  echo "  python3-prometheus-client: $DEBIAN_PYTHON $("$DEBIAN_PYTHON" -c 'import prometheus_client, importlib.metadata as m; print(m.version("prometheus_client"))' 2>/dev/null || echo 'unknown version')"
else
  echo "install-tools: $DEBIAN_PYTHON cannot import prometheus_client after the install" >&2
  failed=1
fi
exit "$failed"
