#!/usr/bin/env bash
# Installs promtool and amtool (with the prometheus and alertmanager binaries they come with) from
# Debian's packages `prometheus` and `prometheus-alertmanager`. Idempotent: when all four binaries
# are on PATH already it does not touch apt. No Prometheus or Alertmanager service is left running
# (the packages start one on a systemd host; tests only need the binaries).
# Works as root (containers) or through sudo; works without systemd.
set -euo pipefail

BINARIES=(promtool amtool prometheus prometheus-alertmanager)
PACKAGES=(prometheus prometheus-alertmanager)
SERVICES=(prometheus prometheus-alertmanager)

missing_binaries() {
  local missing=()
  for bin in "${BINARIES[@]}"; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
  done
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
  echo "install-tools: promtool, amtool, prometheus and prometheus-alertmanager already installed; skipping apt"
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
exit "$failed"
