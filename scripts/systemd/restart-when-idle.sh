#!/bin/sh
# Restart kiosk.service once its access log has been quiet for IDLE_MINUTES, so nobody loses a
# visit. The access log names route patterns only, never what a person typed. Gives up (and
# tries again the next night) after GIVE_UP_MINUTES of use.
set -eu
idle_minutes=${IDLE_MINUTES:-15}
give_up_at=$(( $(date +%s) + ${GIVE_UP_MINUTES:-180} * 60 ))
while journalctl --unit=kiosk.service --since="-${idle_minutes}min" --output=cat --quiet | grep -q "kiosk.access"; do
  if [ "$(date +%s)" -ge "$give_up_at" ]; then
    echo "The kiosk was in use all along; not restarted tonight."
    exit 0
  fi
  sleep "${POLL_SECONDS:-300}"
done
systemctl restart kiosk.service
echo "The kiosk was idle for ${idle_minutes} minutes and has been restarted."
