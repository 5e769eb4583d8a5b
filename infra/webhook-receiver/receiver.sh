#!/usr/bin/env bash
# A Standard Webhooks receiver (infra/webhook-receiver/receiver.py, Python 3 standard library) on loopback: it checks
# signatures independently of flowwatch's Java code, stores every request and answers as told (see receiver.py).
#   receiver.sh start | stop | status
# Settings (environment): WEBHOOK_RECEIVER_PORT (default 8099), WEBHOOK_RECEIVER_SECRETS (the secrets file, default
# $FLOWWATCH_STATE_DIR/webhook-receiver/<port>/secrets.json, created empty), FLOWWATCH_STATE_DIR (see infra/lib.sh).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

WEBHOOK_RECEIVER_PORT="${WEBHOOK_RECEIVER_PORT:-8099}"
HOME_DIR="$FLOWWATCH_STATE_DIR/webhook-receiver/$WEBHOOK_RECEIVER_PORT"
PIDFILE="$HOME_DIR/receiver.pid"
LOGFILE="$HOME_DIR/receiver.log"
STORE_DIR="$HOME_DIR/received"
SECRETS_FILE="${WEBHOOK_RECEIVER_SECRETS:-$HOME_DIR/secrets.json}"
SCRIPT="$INFRA_DIR/webhook-receiver/receiver.py"

# The receiver's command line names the script and this receiver's store: how a pid file is known to be ours.
OWN_PROCESS=("$SCRIPT" "$STORE_DIR")
receiver_ours() { pid_ours "$PIDFILE" "${OWN_PROCESS[@]}"; }

healthy() {
  python3 - "$WEBHOOK_RECEIVER_PORT" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen("http://127.0.0.1:%s/_health" % sys.argv[1], timeout=2) as response:
    sys.exit(0 if response.status == 200 else 1)
PY
}

start() {
  mkdir -p "$HOME_DIR" "$STORE_DIR"
  if receiver_ours && healthy; then
    log "webhook receiver already running on 127.0.0.1:$WEBHOOK_RECEIVER_PORT (pid $(<"$PIDFILE"))"
    return 0
  fi
  require_port_free "webhook receiver" "$WEBHOOK_RECEIVER_PORT"
  command -v python3 >/dev/null || die "python3 is needed for the webhook receiver"
  [[ -f "$SECRETS_FILE" ]] || echo '{}' >"$SECRETS_FILE"
  log "starting the webhook receiver on 127.0.0.1:$WEBHOOK_RECEIVER_PORT (secrets: $SECRETS_FILE, log: $LOGFILE)"
  setsid python3 "$SCRIPT" --port "$WEBHOOK_RECEIVER_PORT" --secrets "$SECRETS_FILE" --store "$STORE_DIR" \
    >>"$LOGFILE" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  for _ in $(seq 1 60); do
    healthy && { log "webhook receiver is up (pid $pid)"; return 0; }
    kill -0 "$pid" 2>/dev/null || { tail -20 "$LOGFILE" >&2; die "the webhook receiver exited during start-up (log: $LOGFILE)"; }
    sleep 0.5
  done
  die "the webhook receiver did not answer on port $WEBHOOK_RECEIVER_PORT within 30 s (log: $LOGFILE)"
}

status() {
  if receiver_ours && healthy; then
    echo "webhook receiver running on 127.0.0.1:$WEBHOOK_RECEIVER_PORT (pid $(<"$PIDFILE"), store $STORE_DIR, log $LOGFILE)"
  else
    echo "webhook receiver not running on 127.0.0.1:$WEBHOOK_RECEIVER_PORT"; return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid "webhook receiver" "$PIDFILE" "${OWN_PROCESS[@]}" ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
