#!/usr/bin/env bash
# Start Chromium in kiosk mode on the kiosk (Linux), and start it again whenever it closes.
#   scripts/kiosk-browser.sh [extra chromium arguments...]
# Environment:
#   KIOSK_URL=http://127.0.0.1:8080/   the page to open (the policy's URLAllowlist must cover it)
#   KIOSK_BROWSER_ONCE=1               start the browser once, no restart loop (for trying it out)
#
# The app's own "Start over" and idle wipe cannot reach what the browser keeps: autofill, downloads,
# "Save as PDF", the history of a long-lived window. So this layer gives every person a new browser
# with a new, empty profile, and the policy file (scripts/chromium-policy.json) closes the browser
# after 5 idle minutes. See scripts/KIOSK-BROWSER.md.
set -uo pipefail

KIOSK_URL="${KIOSK_URL:-http://127.0.0.1:8080/}"
KIOSK_BROWSER_ONCE="${KIOSK_BROWSER_ONCE:-0}"
repo_root="$(cd "$(dirname "$0")/.." && pwd)"

say() { printf 'kiosk-browser: %s\n' "$*" >&2; }

browser=""
for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if [ -z "$browser" ]; then
  say "no Chromium found (looked for chromium, chromium-browser, google-chrome)."
  say "install it with: sudo apt-get install chromium"
  exit 1
fi

headless=0
for arg in "$@"; do
  case "$arg" in --headless*) headless=1 ;; esac
done
# Without a display Chromium exits at once; the restart loop would then spin, so stop here with a reason.
if [ "$headless" = 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  say "no graphical session (DISPLAY and WAYLAND_DISPLAY are empty)."
  say "start this from the kiosk user's desktop session (for example an autostart entry)."
  exit 1
fi
# Chromium refuses to run as root unless its sandbox is off, and the kiosk must not run as root anyway.
if [ "$(id -u)" = 0 ] && [[ " $* " != *" --no-sandbox "* ]]; then
  say "refusing to run as root: start it as the unprivileged kiosk user."
  exit 1
fi

# Each build reads managed policies from its own directory, and only from there: a policy file
# anywhere else, or passed on the command line, is ignored by release builds.
case "$browser" in
  chromium) policy_dir=/etc/chromium/policies/managed ;;
  chromium-browser) policy_dir=/etc/chromium-browser/policies/managed ;;
  *) policy_dir=/etc/opt/chrome/policies/managed ;;
esac
policy_file="$policy_dir/vaerested-kiosk.json"
if [ ! -f "$policy_file" ]; then
  say "WARNING: the kiosk policy is not installed, so there is no idle wipe, and autofill,"
  say "downloads and 'Save as PDF' are all on. Install it once, as root:"
  say "    sudo install -D -m 644 $repo_root/scripts/chromium-policy.json $policy_file"
  say "Starting anyway, so the kiosk is not left dark."
elif ! cmp -s "$policy_file" "$repo_root/scripts/chromium-policy.json"; then
  say "NOTE: $policy_file differs from scripts/chromium-policy.json (fine if changed on purpose); to reinstall:"
  say "    sudo install -D -m 644 $repo_root/scripts/chromium-policy.json $policy_file"
fi

flags=(
  --kiosk
  # Print straight to the default printer: the print preview, with its destination list, never opens.
  --kiosk-printing
  --no-first-run
  --disable-sync
  --disable-background-networking
  --disable-component-update
  --noerrdialogs
  --disable-translate
  # The basic store keeps no secrets in the desktop keyring, where they would outlive the profile.
  --password-store=basic
  --autoplay-policy=no-user-gesture-required
  # A swipe on the touchscreen would otherwise go Back, and Back is how an earlier page comes back.
  --overscroll-history-navigation=0
)

profile=""
browser_pid=""
sleep_pid=""
remove_profile() {
  if [ -n "$profile" ]; then
    rm -rf -- "$profile"
    profile=""
  fi
}
stop_browser() {
  [ -n "$browser_pid" ] || return 0
  kill -TERM "$browser_pid" 2>/dev/null
  # A hung browser must not keep the old profile on disk: give it 5 s, then kill it.
  local tries=0
  while kill -0 "$browser_pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  kill -KILL "$browser_pid" 2>/dev/null
  wait "$browser_pid" 2>/dev/null
  browser_pid=""
}
cleanup() {
  [ -n "$sleep_pid" ] && kill "$sleep_pid" 2>/dev/null
  stop_browser
  remove_profile
}
trap cleanup EXIT
# The EXIT trap does the cleanup; these only turn the signal into an exit so that it runs.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

fast_failures=0
while :; do
  # A new directory per start: whatever the last person left in the profile is gone with it.
  profile="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-profile.XXXXXX")" || { say "mktemp failed"; exit 1; }
  # Chromium's own temporary files (its process-lock socket, and files on their way to the printer)
  # land in TMPDIR and outlive a killed browser; inside the profile they go with it.
  mkdir -p "$profile/tmp"
  started=$SECONDS
  # In the background, so that a signal reaches the trap at once instead of after the browser exits.
  TMPDIR="$profile/tmp" "$browser" "${flags[@]}" --user-data-dir="$profile" "$@" "$KIOSK_URL" &
  browser_pid=$!
  wait "$browser_pid"
  status=$?
  browser_pid=""
  remove_profile
  if [ "$KIOSK_BROWSER_ONCE" = 1 ]; then
    exit "$status"
  fi
  # The idle policy's close_browsers ends the browser on purpose; start a fresh one for the next person.
  # A browser that dies within seconds is broken, not closed: back off instead of spinning.
  if [ $((SECONDS - started)) -lt 10 ]; then
    fast_failures=$((fast_failures + 1))
    delay=$((fast_failures * 2))
    [ "$delay" -gt 30 ] && delay=30
    say "browser exited after $((SECONDS - started)) s (status $status); retrying in $delay s"
    sleep "$delay" &
    sleep_pid=$!
    wait "$sleep_pid"
    sleep_pid=""
  else
    fast_failures=0
    say "browser closed after $((SECONDS - started)) s (status $status); starting a fresh one"
    sleep 1
  fi
done
