#!/usr/bin/env bash
# A real single-node Elasticsearch 8.19 server (the integ-test-zip distribution from Maven Central), on loopback.
#   elasticsearch.sh start | stop | status | install-templates
# Settings (environment): ELASTICSEARCH_PORT (default 9200), ELASTICSEARCH_HEAP (default 512m),
# FLOWWATCH_STATE_DIR and FLOWWATCH_CACHE_DIR (see infra/lib.sh).
# Elasticsearch refuses to run as root: as root, the server runs as the system user flowwatch-es.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ES_VERSION=8.19.21
ES_PORT="${ELASTICSEARCH_PORT:-9200}"
TRANSPORT_PORT=$((ES_PORT + 100))
ES_HEAP="${ELASTICSEARCH_HEAP:-512m}"
ES_USER=flowwatch-es
INSTALL_DIR="$FLOWWATCH_CACHE_DIR/elasticsearch-$ES_VERSION"
HOME_DIR="$FLOWWATCH_STATE_DIR/elasticsearch/$ES_PORT"
# Each server has its own copy of the configuration: Elasticsearch writes its keystore there on first start.
CONFIG_DIR="$HOME_DIR/config"
PIDFILE="$HOME_DIR/elasticsearch.pid"
LOGFILE="$HOME_DIR/logs/flowwatch.log"   # Elasticsearch names its own log after cluster.name
URL="http://127.0.0.1:$ES_PORT"
# The server's command line names its main class and, through a property set for this purpose, this server's home:
# how a pid file is known to be ours (Elasticsearch passes its -E settings on stdin, not on the command line).
HOME_PROPERTY="-Dflowwatch.home=$HOME_DIR"
OWN_PROCESS=(org.elasticsearch.server/org.elasticsearch.bootstrap.Elasticsearch "$HOME_PROPERTY")
server_ours() { pid_ours "$PIDFILE" "${OWN_PROCESS[@]}"; }

# Unpacks the distribution into the shared cache. Several runs may do so at once: each unpacks into a folder of its
# own and renames it into place; a run that finds the place taken uses the copy already there.
install() {
  [[ -x "$INSTALL_DIR/bin/elasticsearch" ]] && return 0
  log "downloading Elasticsearch $ES_VERSION (integ-test-zip, ~107 MB) from the Maven repository (first run only)"
  mkdir -p "$FLOWWATCH_CACHE_DIR"
  local unpacking
  unpacking=$(mktemp -d "$INSTALL_DIR.XXXXXX")
  maven_fetch "org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" "$unpacking"
  unzip -q "$unpacking/elasticsearch-$ES_VERSION.zip" -d "$unpacking" \
    || die "could not unpack $unpacking/elasticsearch-$ES_VERSION.zip"
  mv -T "$unpacking/elasticsearch-$ES_VERSION" "$INSTALL_DIR" 2>/dev/null || [[ -x "$INSTALL_DIR/bin/elasticsearch" ]] \
    || die "could not move Elasticsearch into $INSTALL_DIR"
  rm -rf "$unpacking"
}

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    chown -R "$ES_USER" "$HOME_DIR"
    runuser -u "$ES_USER" -- "$@"
  else
    "$@"
  fi
}

healthy() { curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; }

start() {
  mkdir -p "$HOME_DIR/data" "$HOME_DIR/logs"
  if server_ours && healthy; then
    log "Elasticsearch already running on $URL (pid $(<"$PIDFILE"))"
    return 0
  fi
  if server_ours; then
    log "Elasticsearch (pid $(<"$PIDFILE")) is still starting; waiting for it"
  else
    require_port_free Elasticsearch "$ES_PORT"
    require_port_free "Elasticsearch transport" "$TRANSPORT_PORT"
    install
    [[ -d "$CONFIG_DIR" ]] || cp -R "$INSTALL_DIR/config" "$CONFIG_DIR"
    rm -f "$PIDFILE"
    log "starting Elasticsearch on $URL (logs: $HOME_DIR/logs)"
    # The distribution's JVM is the machine's: integ-test-zip bundles none.
    # setsid: a Ctrl-C in the terminal that started it must not stop the server before the job has flushed.
    as_server_user setsid env ES_JAVA_HOME="${ES_JAVA_HOME:-${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}}" \
      ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP $HOME_PROPERTY" ES_PATH_CONF="$CONFIG_DIR" \
      "$INSTALL_DIR/bin/elasticsearch" -d -p "$PIDFILE" \
        -E cluster.name=flowwatch -E node.name="flowwatch-$ES_PORT" \
        -E path.data="$HOME_DIR/data" -E path.logs="$HOME_DIR/logs" \
        -E discovery.type=single-node -E network.host=127.0.0.1 -E http.port="$ES_PORT" \
        -E transport.port="$TRANSPORT_PORT" \
        -E xpack.security.enabled=false -E cluster.routing.allocation.disk.threshold_enabled=false \
        >>"$HOME_DIR/logs/startup.log" 2>&1 \
      || { tail -20 "$HOME_DIR/logs/startup.log" >&2; die "Elasticsearch failed to start (logs: $HOME_DIR/logs)"; }
  fi
  for _ in $(seq 1 180); do
    if curl -fsS -m 5 "$URL/_cluster/health?wait_for_status=green&timeout=1s" >/dev/null 2>&1; then
      log "Elasticsearch is up on $URL (pid $(<"$PIDFILE"))"
      return 0
    fi
    [[ -s "$PIDFILE" ]] && ! server_ours && { tail -20 "$LOGFILE" >&2 2>/dev/null; die "Elasticsearch exited during start-up (logs: $HOME_DIR/logs)"; }
    sleep 1
  done
  die "Elasticsearch did not turn green on $URL within 180 s (logs: $HOME_DIR/logs)"
}

status() {
  if server_ours && healthy; then
    echo "Elasticsearch running on $URL (pid $(<"$PIDFILE"), logs $HOME_DIR/logs)"
  else
    echo "Elasticsearch not running on $URL"; return 3
  fi
}

# Puts every index template of dashboards/elasticsearch/index-templates/, named after its file.
install_templates() {
  local file name
  for file in "$REPO_ROOT"/dashboards/elasticsearch/index-templates/*.json; do
    name=$(basename "$file" .json)
    curl -fsS -m 30 -X PUT "$URL/_index_template/$name" -H 'Content-Type: application/json' --data-binary "@$file" >/dev/null \
      || die "Elasticsearch at $URL refused index template $name ($file)"
    log "installed index template $name"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid Elasticsearch "$PIDFILE" "${OWN_PROCESS[@]}" ;;
  status) status ;;
  install-templates) install_templates ;;
  *) echo "usage: $0 start|stop|status|install-templates" >&2; exit 2 ;;
esac
