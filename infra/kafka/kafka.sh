#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft, no ZooKeeper) from Maven jars, on loopback.
#   kafka.sh start | stop | status | create-topic NAME [PARTITIONS] [compact]
# Settings (environment): KAFKA_PORT (default 9092; the controller uses KAFKA_PORT+1), KAFKA_HEAP (default 512m),
# KAFKA_EXTRA_CONFIG (optional: a server.properties fragment appended to the generated one, whose settings win, e.g.
# a SASL_SSL listener on KAFKA_PORT instead of PLAINTEXT), FLOWWATCH_STATE_DIR and FLOWWATCH_CACHE_DIR (see infra/lib.sh).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

KAFKA_PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT=$((KAFKA_PORT + 1))
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
HOME_DIR="$FLOWWATCH_STATE_DIR/kafka/$KAFKA_PORT"
PIDFILE="$HOME_DIR/kafka.pid"
LOGFILE="$HOME_DIR/kafka.log"
CLASSPATH_FILE="$FLOWWATCH_CACHE_DIR/kafka-classpath-4.2.0.txt"

# The broker's command line names its main class and this server's config file: how a pid file is known to be ours.
OWN_PROCESS=(kafka.Kafka "$HOME_DIR/server.properties")
broker_ours() { pid_ours "$PIDFILE" "${OWN_PROCESS[@]}"; }

broker_classpath() { maven_classpath "Kafka 4.2.0 broker" "$INFRA_DIR/kafka/pom.xml" "$CLASSPATH_FILE"; }

kafka_java() { java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.yaml" -cp "$(broker_classpath)" "$@"; }

write_config() {
  # Private: an extra config can hold the listener's secrets.
  (umask 077; : >"$HOME_DIR/server.properties")
  cat >"$HOME_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$HOME_DIR/data
num.partitions=4
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Replays carry old event timestamps: time-based retention would delete them at once.
log.retention.ms=-1
PROPS
  if [[ -n "${KAFKA_EXTRA_CONFIG:-}" ]]; then
    [[ -r "$KAFKA_EXTRA_CONFIG" ]] || die "KAFKA_EXTRA_CONFIG names $KAFKA_EXTRA_CONFIG, which is not a readable file"
    # Java properties: a key given again later wins.
    cat "$KAFKA_EXTRA_CONFIG" >>"$HOME_DIR/server.properties"
  fi
}

start() {
  mkdir -p "$HOME_DIR"
  if broker_ours && port_open "$KAFKA_PORT"; then
    log "Kafka already running on 127.0.0.1:$KAFKA_PORT (pid $(<"$PIDFILE"))"
    return 0
  fi
  require_port_free Kafka "$KAFKA_PORT"
  require_port_free "Kafka controller" "$CONTROLLER_PORT"
  write_config
  if [[ ! -f "$HOME_DIR/data/meta.properties" ]]; then
    local cluster_id
    cluster_id=$(kafka_java kafka.tools.StorageTool random-uuid)
    kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$HOME_DIR/server.properties" --ignore-formatted >>"$LOGFILE" 2>&1 \
      || die "could not format the Kafka log directory (log: $LOGFILE)"
  fi
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT (log: $LOGFILE)"
  local classpath
  classpath=$(broker_classpath)
  setsid java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -Dlog4j2.configurationFile="$INFRA_DIR/kafka/log4j2.yaml" \
    -cp "$classpath" kafka.Kafka "$HOME_DIR/server.properties" >>"$LOGFILE" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  await_port Kafka "$KAFKA_PORT" "$pid" "$LOGFILE" 60
}

status() {
  if broker_ours && port_open "$KAFKA_PORT"; then
    echo "Kafka running on 127.0.0.1:$KAFKA_PORT (pid $(<"$PIDFILE"), log $LOGFILE)"
  else
    echo "Kafka not running on 127.0.0.1:$KAFKA_PORT"; return 3
  fi
}

create_topic() {
  local name=${1:?topic name} partitions=${2:-4} compact=${3:-}
  local -a extra=()
  [[ "$compact" == compact ]] && extra=(--config cleanup.policy=compact)
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$KAFKA_PORT" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 "${extra[@]}"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid Kafka "$PIDFILE" "${OWN_PROCESS[@]}" ;;
  status) status ;;
  create-topic) shift; create_topic "$@" ;;
  *) echo "usage: $0 start|stop|status|create-topic NAME [PARTITIONS] [compact]" >&2; exit 2 ;;
esac
