#!/usr/bin/env bash
# Set up everything the kiosk needs, from a fresh Debian 12 with python3 and make.
#   scripts/setup.sh run    venv, runtime packages, front-end assets, compiled translations
#   scripts/setup.sh test   the same, plus test packages and the system tools the tests use
# As root it installs missing Debian packages with apt; as a normal user it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
VENV="${VENV:-.venv}"

# What the kiosk (run) and its tests (test) call, and the Debian package that brings each.
# A command that is already on the PATH (from wherever) is not installed again.
RUN_NEEDS=(npm:npm espeak-ng:espeak-ng)
TEST_NEEDS=(chromium:chromium pdftotext:poppler-utils zbarimg:zbar-tools cupsd:cups lp:cups-client
  /usr/lib/cups/backend/cups-pdf:printer-driver-cups-pdf redis-server:redis-server faketime:faketime
  systemd-analyze:systemd /usr/sbin/nginx:nginx openssl:openssl cage:cage)

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
  local need what pkg missing=()
  for need in "$@"; do
    what=${need%%:*} pkg=${need##*:}
    if [[ $what == /* ]]; then [ -e "$what" ] && continue; else command -v "$what" >/dev/null && continue; fi
    [[ " ${missing[*]:-} " == *" $pkg "* ]] || missing+=("$pkg")
  done
  # Debian's python3 has no venv module until python3-venv is installed.
  if ! python3 -c "import ensurepip, venv" 2>/dev/null; then missing+=(python3-venv); fi
  echo "${missing[@]:-}"
}

system_packages() {
  local wanted=("${RUN_NEEDS[@]}")
  [ "$mode" = test ] && wanted+=("${TEST_NEEDS[@]}")
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
    # The kiosk runs without espeak-ng (read-aloud then uses only browser voices); not without npm.
    if [ "$mode" = test ] || ! command -v npm >/dev/null; then exit 1; fi
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
