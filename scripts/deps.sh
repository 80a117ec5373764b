#!/bin/bash
# Installs the Debian 12 packages complaintd needs to build, test and run
# its demo, when any is missing.  Sourced by test.sh and demo.sh.
set -euo pipefail

COMPLAINTD_PACKAGES=(
  build-essential cmake pkg-config clang-format clang libclang-rt-14-dev
  libetpan-dev libcurl4-gnutls-dev libgnutls28-dev nettle-dev libsasl2-modules
  libsqlite3-dev sqlite3 libconfig-dev libsystemd-dev libpcre2-dev
  libcmocka-dev
  dovecot-imapd python3 python3-aiosmtpd python3-pytest openssl systemd
  tzdata
  chromium fonts-wqy-zenhei
)

deps_missing() {
  local p
  for p in "${COMPLAINTD_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      echo "$p"
  done
}

deps_install() {
  local missing
  missing=$(deps_missing)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing packages: $missing; run as root to install them" >&2
    return 1
  fi
  echo "deps: installing:" $missing >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >&2
  # The Debian package starts a system Dovecot; the lab runs its own.
  if systemctl is-active --quiet dovecot 2>/dev/null; then
    systemctl disable --now dovecot >/dev/null 2>&1 || true
  fi
}
