#!/usr/bin/env bash
# Set up everything the kiosk needs, from a fresh Debian 12 with python3 and make.
#   scripts/setup.sh run    venv, runtime packages, front-end assets, compiled translations
#   scripts/setup.sh test   the same, plus test packages and the system tools the tests use
# As root it installs missing Debian packages with apt; as a normal user it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
VENV="${VENV:-.venv}"

RUN_DEBS=(python3-venv npm espeak-ng)
TEST_DEBS=(chromium poppler-utils zbar-tools cups cups-client printer-driver-cups-pdf redis-server espeak-ng)
# Each command the kiosk or its tests call, and the Debian package that brings it.
declare -A PROVIDES=([npm]=npm [espeak-ng]=espeak-ng [chromium]=chromium [pdftotext]=poppler-utils
  [zbarimg]=zbar-tools [cupsd]=cups [lp]=cups-client [redis-server]=redis-server)

say() { printf '\n==> %s\n' "$*"; }

apt_install() {
  # The dpkg lock can be busy (another apt, unattended upgrades): wait, then retry.
  local try
  for try in 1 2 3 4 5; do
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 update -qq &&
       DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "$@"; then
      return 0
    fi
    say "apt-get failed (try $try of 5); waiting before the next try"
    sleep $((try * 5))
  done
  return 1
}

missing_debs() {
  local pkg missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

system_packages() {
  local wanted=("${RUN_DEBS[@]}")
  [ "$mode" = test ] && wanted+=("${TEST_DEBS[@]}")
  local missing
  missing=$(missing_debs "${wanted[@]}")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    say "Installing Debian packages: $missing"
    # shellcheck disable=SC2086
    apt_install $missing
  else
    echo "These Debian packages are missing: $missing"
    echo "Install them as root, then run this again:"
    echo "    sudo apt-get install $missing"
    [ "$mode" = test ] && exit 1
    for cmd in npm; do command -v "$cmd" >/dev/null || exit 1; done
  fi
}

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "Creating the virtual environment in $VENV"
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --upgrade pip
  local reqs=requirements.txt
  [ "$mode" = test ] && reqs=requirements-dev.txt
  say "Installing Python packages from $reqs"
  "$VENV/bin/python" -m pip install -q -r "$reqs"
  # Make the kiosk package importable in the venv (pybabel's extractor needs it), without a build step.
  "$VENV/bin/python" - <<'PY'
import pathlib, site, sys
pathlib.Path(site.getsitepackages()[0], "vaerested_kiosk.pth").write_text(str(pathlib.Path.cwd()) + "\n")
PY
}

front_end() {
  say "Installing front-end packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  "$VENV/bin/python" scripts/copy_assets.py
}

translations() {
  say "Compiling translations"
  "$VENV/bin/pybabel" -q compile -d translations
}

system_packages
python_env
front_end
translations
say "Set-up done ($mode)."
