#!/usr/bin/env bash
# A TLS-terminating, authenticating front for a plain Elasticsearch on loopback (Debian's nginx): what a secured
# cluster looks like to a client (HTTPS, basic authentication or an API key, 401 otherwise), for tests and for trying
# the security options locally. The Elasticsearch distribution used here lacks the security module.
#   nginx.sh start | stop | status
# Settings (environment):
#   NGINX_PORT              HTTPS port on 127.0.0.1 (default 9243)
#   NGINX_UPSTREAM_PORT     port of the plain Elasticsearch on 127.0.0.1 (default 9200)
#   NGINX_CERTIFICATE       PEM file: the server certificate (and its chain)
#   NGINX_CERTIFICATE_KEY   PEM file: its private key
#   NGINX_USERNAME, NGINX_PASSWORD_FILE   the one user accepted with basic authentication
#   NGINX_API_KEY_FILE      optional: a file holding the one API key accepted as "Authorization: ApiKey <key>"
#   FLOWWATCH_STATE_DIR (see infra/lib.sh)
# Secrets are read from files and never put on a command line.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

NGINX=/usr/sbin/nginx
NGINX_PORT="${NGINX_PORT:-9243}"
UPSTREAM_PORT="${NGINX_UPSTREAM_PORT:-9200}"
HOME_DIR="$FLOWWATCH_STATE_DIR/nginx/$NGINX_PORT"
CONF="$HOME_DIR/nginx.conf"
PIDFILE="$HOME_DIR/nginx.pid"
LOGFILE="$HOME_DIR/error.log"
# One process (master_process off) keeps the command line it was started with (a master renames itself), which is
# how lib.sh knows a pid file is ours; one process is plenty for a loopback front.
OWN_PROCESS=("$NGINX" -c "$CONF")
nginx_ours() { pid_ours "$PIDFILE" "${OWN_PROCESS[@]}"; }

required_file() {
  local variable=$1
  [[ -n "${!variable:-}" ]] || die "$variable is not set"
  [[ -r "${!variable}" ]] || die "$variable names ${!variable}, which is not a readable file"
}

# The map entry that lets one API key in instead of a password; an API key is base64 (Elasticsearch's encoded form).
api_key_entry() {
  [[ -n "${NGINX_API_KEY_FILE:-}" ]] || return 0
  required_file NGINX_API_KEY_FILE
  local key
  key=$(tr -d '\r\n' <"$NGINX_API_KEY_FILE")
  [[ "$key" =~ ^[A-Za-z0-9+/=._:-]+$ ]] || die "the API key in $NGINX_API_KEY_FILE has characters an API key cannot have"
  printf '    "ApiKey %s" off;\n' "$key"
}

write_config() {
  required_file NGINX_CERTIFICATE
  required_file NGINX_CERTIFICATE_KEY
  required_file NGINX_PASSWORD_FILE
  [[ "${NGINX_USERNAME:-}" =~ ^[A-Za-z0-9._@-]+$ ]] || die "NGINX_USERNAME must be set to a plain user name"
  mkdir -p "$HOME_DIR/temp"
  chmod 700 "$HOME_DIR"
  # apr1 hash, the password read from stdin (never an argument).
  local hash
  hash=$(tr -d '\r\n' <"$NGINX_PASSWORD_FILE" | openssl passwd -apr1 -stdin) || die "openssl could not hash the password"
  (umask 077; printf '%s:%s\n' "$NGINX_USERNAME" "$hash" >"$HOME_DIR/htpasswd")
  (umask 077; cat >"$CONF" <<CONF
master_process off;
daemon off;
pid $PIDFILE;
error_log $LOGFILE warn;
events { worker_connections 256; }
http {
  access_log $HOME_DIR/access.log;
  client_body_temp_path $HOME_DIR/temp/body;
  proxy_temp_path $HOME_DIR/temp/proxy;
  fastcgi_temp_path $HOME_DIR/temp/fastcgi;
  uwsgi_temp_path $HOME_DIR/temp/uwsgi;
  scgi_temp_path $HOME_DIR/temp/scgi;
  client_max_body_size 100m;
  # auth_basic switched off (the realm "off") for a request carrying the accepted API key; a long key needs a
  # larger bucket than the default 64 bytes.
  map_hash_bucket_size 256;
  map \$http_authorization \$flowwatch_realm {
    default "flowwatch";
$(api_key_entry)
  }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $NGINX_CERTIFICATE;
    ssl_certificate_key $NGINX_CERTIFICATE_KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    auth_basic \$flowwatch_realm;
    auth_basic_user_file $HOME_DIR/htpasswd;
    location / {
      proxy_pass http://127.0.0.1:$UPSTREAM_PORT;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "";
    }
  }
}
CONF
  )
}

start() {
  "$(dirname "${BASH_SOURCE[0]}")/install.sh"
  mkdir -p "$HOME_DIR"
  if nginx_ours && port_open "$NGINX_PORT"; then
    log "nginx already running on https://127.0.0.1:$NGINX_PORT (pid $(<"$PIDFILE"))"
    return 0
  fi
  require_port_free nginx "$NGINX_PORT"
  write_config
  "$NGINX" -t -q -c "$CONF" -p "$HOME_DIR" 2>>"$LOGFILE" || { tail -5 "$LOGFILE" >&2; die "nginx refused its configuration $CONF"; }
  log "starting nginx on https://127.0.0.1:$NGINX_PORT in front of 127.0.0.1:$UPSTREAM_PORT (log: $LOGFILE)"
  setsid "${OWN_PROCESS[@]}" -p "$HOME_DIR" >>"$LOGFILE" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  await_port nginx "$NGINX_PORT" "$pid" "$LOGFILE" 30
}

status() {
  if nginx_ours && port_open "$NGINX_PORT"; then
    echo "nginx running on https://127.0.0.1:$NGINX_PORT (pid $(<"$PIDFILE"), log $LOGFILE)"
  else
    echo "nginx not running on https://127.0.0.1:$NGINX_PORT"; return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid nginx "$PIDFILE" "${OWN_PROCESS[@]}" ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
