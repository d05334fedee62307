#!/usr/bin/env bash
# Runs a single-node Apache Kafka (KRaft, broker + controller in one JVM) for development and
# tests, without Docker or a Kafka package: the jars come from Maven Central via
# deploy/kafka/pom.xml and are cached in .cache/kafka/lib. See `deploy/kafka.sh help`.
set -euo pipefail

readonly SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly KAFKA_DEPLOY_DIR="$SCRIPT_DIR/kafka"
readonly CACHE_DIR="$REPO_ROOT/.cache/kafka"
readonly LIB_DIR="$CACHE_DIR/lib"
# Written only after Maven succeeded, so an interrupted download is redone from scratch. It holds
# the pom's checksum, so changing the Kafka version in the pom invalidates the cache by itself.
readonly LIB_MARKER="$LIB_DIR/.complete"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_STATE_DIR="${KAFKA_STATE_DIR:-$CACHE_DIR/broker}"
KAFKA_HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

log() { echo "kafka: $*"; }
die() {
  echo "kafka: error: $*" >&2
  exit 1
}

usage() {
  cat <<EOF
Usage: deploy/kafka.sh <command>

Commands:
  start    download Kafka once, then start a single-node KRaft broker and wait until it serves
           requests; does nothing if this broker already runs
  stop     stop the broker (SIGTERM, SIGKILL after 30 s); does nothing if it is not running
  status   print whether the broker runs; exit 0 running, 1 starting, 3 stopped
  help     show this text

Environment (defaults in brackets):
  KAFKA_PORT             client (PLAINTEXT) port [9092]
  KAFKA_CONTROLLER_PORT  KRaft controller port [9093]
  KAFKA_HOST             address to listen on and advertise [127.0.0.1]
  KAFKA_STATE_DIR        config, data, logs and pid file [<repo>/.cache/kafka/broker]
  KAFKA_HEAP             JVM heap options [-Xms256m -Xmx512m]
  KAFKA_START_TIMEOUT    seconds to wait for the broker to serve requests [90]
EOF
}

validate_config() {
  local name
  for name in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_START_TIMEOUT; do
    [[ "${!name}" =~ ^[0-9]+$ ]] || die "$name must be a number, got '${!name}'."
  done
  [[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] ||
    die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both are $KAFKA_PORT)."
  # Absolute and normalised, because the path ends up in server.properties and in the java
  # command line, which is how the broker is recognised as ours later on (./x and x must match).
  KAFKA_STATE_DIR="$(realpath -m "$KAFKA_STATE_DIR")"
  PID_FILE="$KAFKA_STATE_DIR/kafka.pid"
  ADDR_FILE="$KAFKA_STATE_DIR/kafka.addr"
  CONFIG_FILE="$KAFKA_STATE_DIR/server.properties"
  DATA_DIR="$KAFKA_STATE_DIR/data"
  LOG_DIR="$KAFKA_STATE_DIR/logs"
}

# True when something accepts TCP connections on host:port. Uses bash's /dev/tcp so that no
# extra package (ss, lsof, nc) is needed; `timeout` guards against a filtered address hanging.
port_open() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# Serialises start/stop per state dir: a test run's global setup and `npm start` may both call
# `start` at the same moment, and that must still give exactly one broker.
take_lock() {
  exec 9>"$KAFKA_STATE_DIR/.lock"
  if ! flock -w 300 9; then
    die "another deploy/kafka.sh is still busy with $KAFKA_STATE_DIR after 300 s; try again."
  fi
}

# A pid alone is not proof (pids are reused), so a process counts as our broker only when its
# command line runs kafka.Kafka with this state dir's server.properties.
is_our_broker() {
  local pid="$1" cmdline
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"kafka.Kafka $CONFIG_FILE"* ]]
}

# kill -0 is not enough: the broker is this shell's child during start, and a child that died
# stays a zombie (still "signalable") until bash reaps it.
is_alive() {
  local stat
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat="${stat##*) }"
  [[ "${stat%% *}" != Z ]]
}

# Prints the pid of our broker, if any. Falls back to scanning /proc so that a broker whose pid
# file was lost (deleted by hand, crashed script) is still found instead of blocking the ports.
find_broker_pid() {
  local pid="" entry
  if [[ -f "$PID_FILE" ]]; then
    pid="$(<"$PID_FILE")"
    if is_our_broker "$pid"; then
      echo "$pid"
      return 0
    fi
    log "removing stale pid file (process $pid is gone)." >&2
    rm -f "$PID_FILE"
  fi
  local comm
  for entry in /proc/[0-9]*; do
    pid="${entry#/proc/}"
    # Cheap pre-filter (a builtin read, no fork per process) before looking at the command line.
    read -r comm 2>/dev/null <"$entry/comm" || continue
    if [[ "$comm" == java ]] && is_our_broker "$pid"; then
      { echo "$pid" >"$PID_FILE"; } 2>/dev/null || true
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# Host and ports the running broker was started with, so that `stop` and `status` report and
# wait on the right ports even when called without the environment `start` had.
load_running_addr() {
  if [[ -f "$ADDR_FILE" ]]; then
    read -r KAFKA_HOST KAFKA_PORT KAFKA_CONTROLLER_PORT <"$ADDR_FILE"
  fi
}

ensure_jars() {
  local checksum
  checksum="$(sha256sum "$KAFKA_DEPLOY_DIR/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$LIB_MARKER" && "$(<"$LIB_MARKER")" == "$checksum" ]]; then
    return 0
  fi
  command -v mvn >/dev/null ||
    die "Maven (mvn) is not on PATH; it is needed once to download Kafka into $LIB_DIR."
  mkdir -p "$CACHE_DIR"
  # Several state dirs share this cache; only one of them may download at a time.
  exec 8>"$CACHE_DIR/.download.lock"
  flock -w 600 8 || die "another download into $LIB_DIR is still running after 600 s; try again."
  if [[ -f "$LIB_MARKER" && "$(<"$LIB_MARKER")" == "$checksum" ]]; then
    exec 8>&-
    return 0
  fi
  log "downloading Kafka jars with Maven into $LIB_DIR (once) ..."
  rm -rf "$LIB_DIR"
  local mvn_log="$CACHE_DIR/mvn.log"
  if ! mvn -B -q -f "$KAFKA_DEPLOY_DIR/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$LIB_DIR" -DincludeScope=runtime >"$mvn_log" 2>&1; then
    tail -n 40 "$mvn_log" >&2
    die "downloading Kafka with Maven failed (is Maven Central reachable?); full output in $mvn_log."
  fi
  echo "$checksum" >"$LIB_MARKER"
  exec 8>&-
  log "downloaded $(find "$LIB_DIR" -name '*.jar' | wc -l) jars."
}

# JVM options shared by the storage tool and the broker.
set_java_args() {
  local heap
  read -r -a heap <<<"$KAFKA_HEAP"
  JAVA_ARGS=(
    "${heap[@]}" -Djava.awt.headless=true
    -Dlog4j.configuration="file:$KAFKA_DEPLOY_DIR/log4j.properties"
    -Dkafka.logs.dir="$LOG_DIR"
    -cp "$LIB_DIR/*"
  )
}

write_config() {
  # Rewritten on every start so that changed ports or host take effect; only the data dir and
  # the cluster id are meant to persist.
  cat >"$CONFIG_FILE.tmp" <<EOF
# Generated by deploy/kafka.sh on every start; edits here are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR
# One node: internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
num.partitions=3
auto.create.topics.enable=true
# Consumers in tests should get their partitions at once, not after the default 3 s pause.
group.initial.rebalance.delay.ms=0
EOF
  mv "$CONFIG_FILE.tmp" "$CONFIG_FILE"
}

# KRaft refuses to start on unformatted storage. The cluster id is generated once and kept, so a
# re-format (after deleting data/) does not produce a cluster the old data cannot belong to.
format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local id_file="$KAFKA_STATE_DIR/cluster.id" cluster_id
  if [[ ! -s "$id_file" ]]; then
    cluster_id="$(java "${JAVA_ARGS[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    [[ -n "$cluster_id" ]] || die "could not generate a Kafka cluster id (kafka.tools.StorageTool random-uuid failed)."
    echo "$cluster_id" >"$id_file"
  fi
  cluster_id="$(<"$id_file")"
  log "formatting storage in $DATA_DIR (cluster id $cluster_id) ..."
  java "${JAVA_ARGS[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" >"$LOG_DIR/format.out" 2>&1 ||
    { cat "$LOG_DIR/format.out" >&2; die "formatting Kafka storage in $DATA_DIR failed."; }
}

# Shows what this start logged. server.log is appended to across runs, so only the part after
# the offset recorded at launch counts (unless the file rolled over meanwhile, then all of it).
print_log_tail() {
  local server_log="$LOG_DIR/server.log" from=1
  if [[ -s "$server_log" ]]; then
    if (($(stat -c %s "$server_log") >= LOG_OFFSET)); then from=$((LOG_OFFSET + 1)); fi
    if (($(tail -c "+$from" "$server_log" | wc -c) > 0)); then
      echo "----- last 40 lines of $server_log -----" >&2
      tail -c "+$from" "$server_log" | tail -n 40 >&2
    fi
  fi
  if [[ -s "$LOG_DIR/kafka.out" ]]; then
    echo "----- last 40 lines of $LOG_DIR/kafka.out -----" >&2
    tail -n 40 "$LOG_DIR/kafka.out" >&2
  fi
}

# Waits for the broker to serve metadata. wait-ready.cjs runs in the background so that this loop
# can notice the JVM dying (bad config, port race, out of memory) and fail at once instead of
# sitting out the whole timeout.
wait_until_ready() {
  local pid="$1" waiter status
  node "$KAFKA_DEPLOY_DIR/wait-ready.cjs" "$KAFKA_HOST:$KAFKA_PORT" "$KAFKA_START_TIMEOUT" &
  waiter=$!
  # If this script is interrupted (Ctrl-C), do not leave the waiter polling for minutes. The
  # broker itself is left running on purpose: the next `start` picks it up.
  trap "kill $waiter 2>/dev/null || true" EXIT
  while kill -0 "$waiter" 2>/dev/null; do
    if ! is_alive "$pid"; then
      kill "$waiter" 2>/dev/null || true
      wait "$waiter" 2>/dev/null || true
      rm -f "$PID_FILE"
      print_log_tail || true
      die "the Kafka broker (pid $pid) exited during startup; see the log above."
    fi
    sleep 0.5
  done
  status=0
  wait "$waiter" || status=$?
  trap - EXIT
  if [[ "$status" -ne 0 ]]; then
    # Log excerpt first (it should show why, not the shutdown that follows), cleanup next, and
    # printing last, so a closed stderr cannot abort the script before the broker is stopped.
    local excerpt
    excerpt="$(print_log_tail 2>&1)" || true
    stop_broker "$pid" >&2 || true
    printf '%s\n' "$excerpt" >&2 || true
    die "the Kafka broker did not serve requests on $KAFKA_HOST:$KAFKA_PORT within ${KAFKA_START_TIMEOUT}s (raise KAFKA_START_TIMEOUT if the machine is slow); it was stopped."
  fi
}

cmd_start() {
  validate_config
  LOG_OFFSET=0
  command -v java >/dev/null || die "Java (java) is not on PATH; install Java 17 or newer, e.g. apt-get install openjdk-17-jre-headless."
  command -v node >/dev/null || die "Node.js (node) is not on PATH; it is needed to check the broker is ready."
  mkdir -p "$KAFKA_STATE_DIR"
  take_lock

  local pid
  if pid="$(find_broker_pid)"; then
    local want="$KAFKA_HOST $KAFKA_PORT $KAFKA_CONTROLLER_PORT"
    load_running_addr
    if [[ "$want" != "$KAFKA_HOST $KAFKA_PORT $KAFKA_CONTROLLER_PORT" ]]; then
      log "note: the running broker keeps its address; run stop first to change host or ports."
    fi
    if ! port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      # Alive but not answering: a start that was interrupted while waiting. Finish the wait.
      log "broker (pid $pid) is starting; waiting for it ..."
      wait_until_ready "$pid"
    fi
    log "already running (pid $pid, bootstrap $KAFKA_HOST:$KAFKA_PORT)."
    return 0
  fi

  local port name other
  for name in KAFKA_PORT KAFKA_CONTROLLER_PORT; do
    port="${!name}"
    if port_open "$KAFKA_HOST" "$port"; then
      other=$((port + 10000 <= 65535 ? port + 10000 : port - 10000))
      die "port $port ($name) on $KAFKA_HOST is already in use by another process, not by this script's broker; stop that process or pick another port, e.g. $name=$other bash deploy/kafka.sh start."
    fi
  done

  ensure_jars
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  set_java_args
  write_config
  format_storage

  log "starting broker on $KAFKA_HOST:$KAFKA_PORT (state in $KAFKA_STATE_DIR) ..."
  local started=$SECONDS
  LOG_OFFSET="$(stat -c %s "$LOG_DIR/server.log" 2>/dev/null || echo 0)"
  # setsid + nohup detach the JVM from this shell's session and terminal, so it outlives the
  # caller (npm, jest, a closed terminal). In a non-interactive bash the background child is not
  # a process-group leader, so setsid execs in place and $! is the java pid itself. The lock fds
  # are closed for it: an inherited flock would otherwise be held for the broker's lifetime.
  setsid nohup java "${JAVA_ARGS[@]}" kafka.Kafka "$CONFIG_FILE" \
    >"$LOG_DIR/kafka.out" 2>&1 </dev/null 8>&- 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "$KAFKA_HOST $KAFKA_PORT $KAFKA_CONTROLLER_PORT" >"$ADDR_FILE"
  wait_until_ready "$pid"
  log "running (pid $pid, bootstrap $KAFKA_HOST:$KAFKA_PORT), ready after $((SECONDS - started)) s."
}

# Stops the given broker pid: SIGTERM lets Kafka shut down cleanly (flushes, closes the log so
# the next start skips recovery); SIGKILL only if it hangs.
stop_broker() {
  local pid="$1" waited=0
  log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  # is_our_broker doubles as the liveness check: an exited (even zombie) process has no cmdline.
  while is_our_broker "$pid"; do
    if ((waited >= 60)); then
      log "broker did not exit within 30 s; killing it."
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  # Only report stopped once the ports are free, so an immediate restart cannot hit "in use".
  local tries=0
  while port_open "$KAFKA_HOST" "$KAFKA_PORT" || port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; do
    ((tries++ < 40)) || {
      log "warning: port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT on $KAFKA_HOST is still in use after stopping the broker."
      return 0
    }
    sleep 0.25
  done
  log "stopped."
}

cmd_stop() {
  validate_config
  # No state dir, nothing to lock: a lost broker is still found by find_broker_pid's /proc scan.
  [[ -d "$KAFKA_STATE_DIR" ]] && take_lock
  local pid
  if ! pid="$(find_broker_pid)"; then
    log "not running (state dir $KAFKA_STATE_DIR); nothing to stop."
    return 0
  fi
  load_running_addr
  stop_broker "$pid"
}

cmd_status() {
  validate_config
  local pid
  if ! pid="$(find_broker_pid 2>/dev/null)"; then
    log "stopped (state dir $KAFKA_STATE_DIR)."
    return 3
  fi
  load_running_addr
  if port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    log "running (pid $pid, bootstrap $KAFKA_HOST:$KAFKA_PORT)."
    return 0
  fi
  log "starting (pid $pid), not yet answering on $KAFKA_HOST:$KAFKA_PORT."
  return 1
}

main() {
  case "${1:-help}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
