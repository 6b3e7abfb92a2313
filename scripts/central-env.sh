#!/usr/bin/env bash
# Write the central server's secrets file, once:
#   scripts/central-env.sh [PATH]     (default /etc/vaerested-kiosk/central.env; run as root)
# It holds:
#   KIOSK_SECRET_KEY   a new random key (64 hex characters), shared by every gunicorn worker so
#                      each accepts the CSRF token another made. Never printed.
#   KIOSK_REDIS_URL    the visit store (default redis://127.0.0.1:6380/0, kiosk-redis.service;
#                      set KIOSK_REDIS_URL when running this to write another one).
# The file is mode 0600. Run it again at any time: a key already there is kept (a new key would
# end every open screen's next answer with the "start again" page), and a missing line is added.
# To change the key on purpose, delete its line and run this again, then restart kiosk-central.
set -euo pipefail
umask 077

path="${1:-/etc/vaerested-kiosk/central.env}"
redis_url="${KIOSK_REDIS_URL:-redis://127.0.0.1:6380/0}"

say() { printf 'central-env: %s\n' "$*" >&2; }

mkdir -p -- "$(dirname -- "$path")"
if [ ! -e "$path" ]; then
  : > "$path"
  say "created $path"
fi
chmod 0600 -- "$path"
# A last line without its newline would swallow the line appended after it.
if [ -s "$path" ] && [ "$(tail -c 1 -- "$path" | od -An -c | tr -d ' ')" != '\n' ]; then
  printf '\n' >> "$path"
fi

has_line() { grep -q "^$1=." -- "$path"; }

if has_line KIOSK_SECRET_KEY; then
  say "KIOSK_SECRET_KEY is already set in $path: kept"
else
  # The key goes from python straight into the file; it never passes through argv or the terminal.
  python3 -c 'import secrets; print("KIOSK_SECRET_KEY=" + secrets.token_hex(32))' >> "$path"
  say "wrote a new KIOSK_SECRET_KEY to $path"
fi

if has_line KIOSK_REDIS_URL; then
  say "KIOSK_REDIS_URL is already set in $path: kept"
else
  printf 'KIOSK_REDIS_URL=%s\n' "$redis_url" >> "$path"
  say "wrote KIOSK_REDIS_URL to $path"
fi
