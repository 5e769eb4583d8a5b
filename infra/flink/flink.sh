#!/usr/bin/env bash
# A real Flink 2.2 session cluster on one machine: one JobManager and N TaskManagers, each its own JVM process, from
# Maven jars (flink-dist is not published there; infra/flink/pom.xml lists what its lib/ folder would hold).
#   flink.sh start [--taskmanagers N] | stop | status
#   flink.sh kill-taskmanager I | start-taskmanager I     (fault drills: SIGKILL one task manager, start it again)
# Settings (environment): FLINK_REST_PORT (default 8081: web UI and REST), FLINK_RPC_PORT (default 6123),
# FLINK_PROMETHEUS_PORTS (default 9250-9259), FLOWWATCH_STATE_DIR and FLOWWATCH_CACHE_DIR (see infra/lib.sh).
# Configuration: infra/flink/config.yaml, copied into the cluster's directory with its ports and directories added.
# Everything of one cluster lives in $FLOWWATCH_STATE_DIR/flink/<rest port>/: conf/, log/ (one file per process),
# checkpoints/, savepoints/, uploaded jars, pid files.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

FLINK_VERSION=2.2.1
FLINK_REST_PORT="${FLINK_REST_PORT:-8081}"
FLINK_RPC_PORT="${FLINK_RPC_PORT:-6123}"
FLINK_PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9250-9259}"
HOME_DIR="$FLOWWATCH_STATE_DIR/flink/$FLINK_REST_PORT"
CONF_DIR="$HOME_DIR/conf"
LOG_DIR="$HOME_DIR/log"
TASKMANAGERS_FILE="$HOME_DIR/taskmanagers"
CLASSPATH_FILE="$FLOWWATCH_CACHE_DIR/flink-classpath-$FLINK_VERSION.txt"

JOBMANAGER_CLASS=org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
TASKMANAGER_CLASS=org.apache.flink.runtime.taskexecutor.TaskManagerRunner

jobmanager_pidfile() { echo "$HOME_DIR/jobmanager.pid"; }
taskmanager_pidfile() { echo "$HOME_DIR/taskmanager-$1.pid"; }
# A process's command line names its main class and its log file: how a pid file is known to be ours.
jobmanager_ours() { pid_ours "$(jobmanager_pidfile)" "$JOBMANAGER_CLASS" "-Dlog.file=$LOG_DIR/jobmanager.log"; }
taskmanager_ours() { pid_ours "$(taskmanager_pidfile "$1")" "$TASKMANAGER_CLASS" "-Dlog.file=$LOG_DIR/taskmanager-$1.log"; }

flink_classpath() { maven_classpath "Flink $FLINK_VERSION" "$INFRA_DIR/flink/pom.xml" "$CLASSPATH_FILE"; }

write_config() {
  mkdir -p "$CONF_DIR" "$LOG_DIR" "$HOME_DIR/checkpoints" "$HOME_DIR/savepoints" "$HOME_DIR/web"
  {
    cat "$INFRA_DIR/flink/config.yaml"
    cat <<YAML

# Added by flink.sh for this cluster.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_REST_PORT
execution.checkpointing.dir: file://$HOME_DIR/checkpoints
execution.checkpointing.savepoint-dir: file://$HOME_DIR/savepoints
web.upload.dir: $HOME_DIR/web
io.tmp.dirs: $HOME_DIR/tmp
metrics.reporter.prom.port: $FLINK_PROMETHEUS_PORTS
YAML
  } >"$CONF_DIR/config.yaml"
  mkdir -p "$HOME_DIR/tmp"
}

java_opts() { sed -n 's/^env\.java\.opts\.all: //p' "$CONF_DIR/config.yaml"; }

# resource_params JM|TM: the memory flags (first line) and dynamic properties (second line) Flink derives from the
# configured process sizes, exactly as its own start scripts do.
resource_params() {
  java -cp "$(flink_classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "GET_$1_RESOURCE_PARAMS" \
      --configDir "$CONF_DIR" 2>>"$LOG_DIR/resource-params.log" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# launch NAME PIDFILE MAIN-CLASS JM|TM ARGS...: start one Flink process in its own session, detached.
launch() {
  local name=$1 pidfile=$2 main=$3 kind=$4
  shift 4
  local -a params
  mapfile -t params < <(resource_params "$kind")
  [[ ${#params[@]} -ge 2 ]] || die "could not compute the $name memory settings (log: $LOG_DIR/resource-params.log)"
  local -a jvm_flags dynamic_properties opts
  read -r -a jvm_flags <<<"${params[0]}"
  read -r -a dynamic_properties <<<"${params[1]}"
  read -r -a opts <<<"$(java_opts)"
  setsid java "${jvm_flags[@]}" "${opts[@]}" "-Dlog.file=$LOG_DIR/$name.log" \
      "-Dlog4j.configurationFile=file:$INFRA_DIR/flink/log4j2.properties" \
      -cp "$(flink_classpath)" "$main" --configDir "$CONF_DIR" "$@" "${dynamic_properties[@]}" \
      >>"$LOG_DIR/$name.out" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

rest_answers() { curl -fsS --max-time 5 "http://127.0.0.1:$FLINK_REST_PORT/overview" 2>/dev/null; }

registered_taskmanagers() {
  rest_answers | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p'
}

start_taskmanager() {
  local index=${1:?task manager number}
  if taskmanager_ours "$index"; then
    log "task manager $index already running (pid $(<"$(taskmanager_pidfile "$index")"))"
    return 0
  fi
  # Its resource id names it in the web UI and REST (/taskmanagers) as the number used here.
  launch "taskmanager-$index" "$(taskmanager_pidfile "$index")" "$TASKMANAGER_CLASS" TM \
    -D "taskmanager.resource-id=taskmanager-$index"
  log "started task manager $index (pid $(<"$(taskmanager_pidfile "$index")"), log $LOG_DIR/taskmanager-$index.log)"
}

kill_taskmanager() {
  local index=${1:?task manager number}
  taskmanager_ours "$index" || die "task manager $index is not running"
  local pid
  pid=$(<"$(taskmanager_pidfile "$index")")
  log "killing task manager $index (pid $pid) with SIGKILL"
  kill -KILL "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$(taskmanager_pidfile "$index")"; return 0; }
    sleep 0.5
  done
  die "task manager $index (pid $pid) did not die"
}

start() {
  local taskmanagers=2
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --taskmanagers) taskmanagers=${2:?--taskmanagers needs a number}; shift 2 ;;
      *) die "unknown option $1 (usage: flink.sh start [--taskmanagers N])" ;;
    esac
  done
  [[ "$taskmanagers" =~ ^[1-9][0-9]*$ ]] || die "--taskmanagers must be a positive number, was '$taskmanagers'"
  mkdir -p "$HOME_DIR"
  if jobmanager_ours && rest_answers >/dev/null; then
    log "Flink already running on http://127.0.0.1:$FLINK_REST_PORT (job manager pid $(<"$(jobmanager_pidfile)"))"
  else
    require_port_free "Flink REST" "$FLINK_REST_PORT"
    require_port_free "Flink RPC" "$FLINK_RPC_PORT"
    write_config
    flink_classpath >/dev/null
    launch jobmanager "$(jobmanager_pidfile)" "$JOBMANAGER_CLASS" JM --executionMode cluster
    log "starting the Flink job manager on http://127.0.0.1:$FLINK_REST_PORT (log: $LOG_DIR/jobmanager.log)"
  fi
  echo "$taskmanagers" >"$TASKMANAGERS_FILE"
  local index
  for ((index = 1; index <= taskmanagers; index++)); do
    start_taskmanager "$index"
  done
  local jobmanager_pid
  jobmanager_pid=$(<"$(jobmanager_pidfile)")
  for _ in $(seq 1 240); do
    kill -0 "$jobmanager_pid" 2>/dev/null \
      || { tail -20 "$LOG_DIR/jobmanager.out" "$LOG_DIR/jobmanager.log" >&2; die "the job manager exited (log: $LOG_DIR/jobmanager.log)"; }
    if [[ "$(registered_taskmanagers)" -ge "$taskmanagers" ]] 2>/dev/null; then
      log "Flink is up: http://127.0.0.1:$FLINK_REST_PORT, $taskmanagers task managers"
      return 0
    fi
    sleep 0.5
  done
  die "Flink did not register $taskmanagers task managers within 120 s (logs: $LOG_DIR)"
}

stop() {
  local pidfile index
  for pidfile in "$HOME_DIR"/taskmanager-*.pid; do
    [[ -e "$pidfile" ]] || continue
    index=${pidfile##*/taskmanager-}
    index=${index%.pid}
    stop_pid "Flink task manager $index" "$pidfile" "$TASKMANAGER_CLASS" "-Dlog.file=$LOG_DIR/taskmanager-$index.log"
  done
  stop_pid "Flink job manager" "$(jobmanager_pidfile)" "$JOBMANAGER_CLASS" "-Dlog.file=$LOG_DIR/jobmanager.log"
}

status() {
  if ! jobmanager_ours || ! rest_answers >/dev/null; then
    echo "Flink not running on http://127.0.0.1:$FLINK_REST_PORT"
    return 3
  fi
  local running=0 pidfile
  for pidfile in "$HOME_DIR"/taskmanager-*.pid; do
    [[ -e "$pidfile" ]] || continue
    local index=${pidfile##*/taskmanager-}
    index=${index%.pid}
    taskmanager_ours "$index" && running=$((running + 1))
  done
  echo "Flink running on http://127.0.0.1:$FLINK_REST_PORT (job manager pid $(<"$(jobmanager_pidfile)"), $running task manager processes, $(registered_taskmanagers) registered, logs $LOG_DIR)"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  kill-taskmanager) kill_taskmanager "${2:-}" ;;
  start-taskmanager) mkdir -p "$LOG_DIR"; start_taskmanager "${2:-}" ;;
  *) echo "usage: $0 start [--taskmanagers N] | stop | status | kill-taskmanager I | start-taskmanager I" >&2; exit 2 ;;
esac
