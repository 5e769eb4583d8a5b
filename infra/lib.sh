# Shared helpers for the infra/ scripts. Sourced, not run.
# Everything a script starts lives under one state directory, one sub-directory per server and port:
#   $FLOWWATCH_STATE_DIR/kafka/<port>/{server.properties,data/,kafka.log,kafka.pid}
#   $FLOWWATCH_STATE_DIR/elasticsearch/<port>/{config/,data/,logs/,elasticsearch.pid}
# It defaults to /var/tmp/flowwatch (the demo's): a place the unprivileged Elasticsearch user can reach even when the
# checkout itself sits in a private directory (mktemp -d is mode 700). Test runs choose a directory of their own.
# What is only downloaded (the Elasticsearch distribution, the Kafka class path) is shared by every state directory
# under $FLOWWATCH_CACHE_DIR and never changed once in place: each piece is prepared aside and renamed into place.

set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"
FLOWWATCH_STATE_DIR="${FLOWWATCH_STATE_DIR:-/var/tmp/flowwatch}"
FLOWWATCH_CACHE_DIR="${FLOWWATCH_CACHE_DIR:-/var/tmp/flowwatch-cache}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '[%s] error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_ours PIDFILE ARG...: true when the pid file names a running process that has every ARG as one whole argument of
# its command line. A pid file outlives its process (a crash, a reboot), and by then its number may belong to
# anything else.
pid_ours() {
  local pidfile=$1 pid wanted
  shift
  [[ -s "$pidfile" ]] || return 1
  pid=$(<"$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  local -a arguments
  { mapfile -d '' arguments <"/proc/$pid/cmdline"; } 2>/dev/null || return 1
  # A loop, not printf | grep -q: under pipefail, grep leaving at its first match can fail printf with SIGPIPE.
  local argument found
  for wanted in "$@"; do
    found=
    for argument in "${arguments[@]}"; do
      [[ "$argument" == "$wanted" ]] && { found=1; break; }
    done
    [[ -n "$found" ]] || return 1
  done
}

# stop_pid NAME PIDFILE ARG...: TERM the process the pid file names if it is ours (see pid_ours), wait up to 60 s
# for it to exit, then KILL it. A pid file naming any other process is removed and the process left alone.
stop_pid() {
  local name=$1 pidfile=$2 pid
  shift 2
  if ! pid_ours "$pidfile" "$@"; then
    if [[ -s "$pidfile" ]]; then
      log "$name is not running: $pidfile names pid $(<"$pidfile"), which is not this $name; leaving that process alone"
    else
      log "$name is not running"
    fi
    rm -f "$pidfile"
    return 0
  fi
  pid=$(<"$pidfile")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; log "$name stopped"; return 0; }
    sleep 0.5
  done
  log "$name did not stop within 60 s; killing pid $pid"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# await_port NAME PORT PID LOGFILE SECONDS: wait until the process PID (just started) accepts connections on PORT;
# fail with the end of its log when it exits first, or when SECONDS pass.
await_port() {
  local name=$1 port=$2 pid=$3 logfile=$4 seconds=$5
  for _ in $(seq 1 $((seconds * 2))); do
    port_open "$port" && { log "$name is up (pid $pid)"; return 0; }
    kill -0 "$pid" 2>/dev/null || { tail -20 "$logfile" >&2; die "$name exited during start-up (log: $logfile)"; }
    sleep 0.5
  done
  die "$name did not open port $port within $seconds s (log: $logfile)"
}

# require_port_free NAME PORT: fail with a clear message when another process holds the port.
require_port_free() {
  local name=$1 port=$2
  if port_open "$port"; then
    local holder
    holder=$(ss -Hltnp "sport = :$port" 2>/dev/null | sed -n 's/.*users:((\("[^"]*",pid=[0-9]*\).*/\1/p' | head -1)
    die "$name port $port is taken by another process${holder:+ ($holder)}, not one started from $FLOWWATCH_STATE_DIR. Stop it or choose another port."
  fi
}

# maven_fetch GROUP:ARTIFACT:VERSION[:TYPE] DIR: copy one artifact from the Maven repository into DIR.
maven_fetch() {
  local artifact=$1 dir=$2
  mkdir -p "$dir"
  if ! mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact="$artifact" -DoutputDirectory="$dir" -Dmdep.overWriteReleases=false >"$dir/fetch.log" 2>&1; then
    tail -20 "$dir/fetch.log" >&2
    die "could not download $artifact from the Maven repository (log: $dir/fetch.log)"
  fi
}

# maven_classpath WHAT POM CACHE-FILE: the class path of the dependencies POM lists, resolved from the Maven repository
# once and kept in CACHE-FILE (prepared aside and renamed into place, so that a concurrent run never reads half of it).
maven_classpath() {
  local what=$1 pom=$2 cache_file=$3
  if [[ ! -s "$cache_file" ]]; then
    log "resolving the $what jars from the Maven repository (first run only)"
    mkdir -p "$(dirname "$cache_file")"
    local resolving
    resolving=$(mktemp "$cache_file.XXXXXX")
    mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$resolving" >"$resolving.log" 2>&1 \
      || { tail -20 "$resolving.log" >&2; die "could not download the $what jars (log: $resolving.log)"; }
    mv -f "$resolving" "$cache_file"
    rm -f "$resolving.log"
  fi
  cat "$cache_file"
}
