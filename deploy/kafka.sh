#!/usr/bin/env bash
# Runs a single-node Apache Kafka (KRaft, broker + controller in one JVM) for development and
# tests, without Docker or a Kafka package: the jars come from Maven Central via
# deploy/kafka/pom.xml and are cached in .cache/kafka/lib. See `deploy/kafka.sh help`.
#
# The broker is secured the way a production one must be: clients connect over TLS and
# authenticate with SASL/SCRAM-SHA-512, KRaft's StandardAuthorizer allows only what ACLs grant
# (nobody is anonymous, nothing is allowed when no ACL matches), the relay may create and write
# the feed topics (and read and alter their settings, for retention.ms), and agency X may read only its own topic. The development CA, the broker's
# certificate and the platform's passwords are made once into .cache/kafka/secrets (git-ignored).
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
KAFKA_SECRETS_DIR="${KAFKA_SECRETS_DIR:-$CACHE_DIR/secrets}"
# The feed topics the relay may create and write: the same prefix the worker publishes under.
KAFKA_RELAY_TOPIC_PREFIX="${KAFKA_RELAY_TOPIC_PREFIX:-${FEED_TOPIC_PREFIX:-keten.feed.}}"

# The platform's principals. The broker authenticates to itself (inter-broker) with SCRAM and to its
# controller with its certificate; the admin is what this script and operators use; the relay is the
# worker's (and the probes') principal. Agencies get principals of their own: agency-<CODE>.
readonly BROKER_USER=keten-broker
readonly ADMIN_USER=keten-admin
readonly RELAY_USER=keten-relay
readonly SCRAM_MECHANISM=SCRAM-SHA-512
readonly SCRAM_ITERATIONS=8192
readonly SCRAM_LOGIN_MODULE=org.apache.kafka.common.security.scram.ScramLoginModule
# Written with the ACLs into the state dir; a change here makes the next start grant them again.
readonly ACL_LAYOUT_VERSION=2

log() { echo "kafka: $*"; }
die() {
  echo "kafka: error: $*" >&2
  exit 1
}

usage() {
  cat <<EOF
Usage: deploy/kafka.sh <command>

Commands:
  start    download Kafka once, make the development CA and passwords once, then start a
           single-node KRaft broker (TLS, SASL/SCRAM, ACLs) and wait until it serves requests;
           does nothing if this broker already runs
  stop     stop the broker (SIGTERM, SIGKILL after 30 s); does nothing if it is not running
  status   print whether the broker runs; exit 0 running, 1 starting, 3 stopped
  agency-access --agency CODE --topic TOPIC --group-prefix PREFIX [--rotate]
           give an agency's principal (agency-CODE) a SCRAM credential (made once, new with
           --rotate) and ACLs to read TOPIC and use consumer groups starting with PREFIX, and
           print its client properties; used by `npm run kafka:client-config`, which checks
           the agency code and names its topic
  help     show this text

Environment (defaults in brackets):
  KAFKA_PORT               client (SASL_SSL) port [9092]
  KAFKA_CONTROLLER_PORT    KRaft controller port (TLS with client certificates) [9093]
  KAFKA_HOST               address to listen on and advertise [127.0.0.1]
  KAFKA_STATE_DIR          config, data, logs, pid file, agency passwords [<repo>/.cache/kafka/broker]
  KAFKA_SECRETS_DIR        development CA, broker certificate, platform passwords, shared by
                           every broker of this checkout [<repo>/.cache/kafka/secrets]
  KAFKA_RELAY_TOPIC_PREFIX topics the relay (keten-relay) may create and write
                           [FEED_TOPIC_PREFIX, else keten.feed.]
  KAFKA_HEAP               JVM heap options [-Xms256m -Xmx512m]
  KAFKA_START_TIMEOUT      seconds to wait for the broker to serve requests [90]
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
  KAFKA_SECRETS_DIR="$(realpath -m "$KAFKA_SECRETS_DIR")"
  CA_FILE="$KAFKA_SECRETS_DIR/ca.crt"
  ADMIN_PROPERTIES="$KAFKA_SECRETS_DIR/$ADMIN_USER.properties"
  [[ "$KAFKA_RELAY_TOPIC_PREFIX" =~ ^[A-Za-z0-9._-]{1,200}$ ]] ||
    die "KAFKA_RELAY_TOPIC_PREFIX (or FEED_TOPIC_PREFIX) must be 1-200 letters, digits, dots, dashes or underscores, got '$KAFKA_RELAY_TOPIC_PREFIX'."
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
  # Kafka's admin tools (ACLs, SCRAM credentials) are short-lived: a small heap and a JIT that starts
  # fast. Their warnings and errors go to stderr, where this script shows them on failure.
  TOOL_ARGS=(
    -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    -Dlog4j.configuration="file:$KAFKA_DEPLOY_DIR/tools-log4j.properties"
    -cp "$LIB_DIR/*"
  )
}

# Runs one of Kafka's own admin tools (a main class of the cached jars) as the platform admin over the
# secured listener. Prints its output; on failure shows it and stops, naming what was being done.
run_tool() {
  local purpose="$1" class="$2" output
  shift 2
  if ! output="$(java "${TOOL_ARGS[@]}" "$class" --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" \
    --command-config "$ADMIN_PROPERTIES" "$@" 2>&1)"; then
    printf '%s\n' "$output" >&2
    die "$purpose failed ($class as $ADMIN_USER on $KAFKA_HOST:$KAFKA_PORT); see its output above."
  fi
  printf '%s\n' "$output"
}

# 48 hex characters: nothing that needs quoting in JAAS, properties or SCRAM configs.
new_password() {
  openssl rand -hex 24
}

# Makes, once per checkout, what every broker of it shares: a development CA, the broker's key and
# certificate (for 127.0.0.1, localhost and KAFKA_HOST), the platform principals' passwords, and the
# admin's client properties for Kafka's tools. Serialised: parallel test brokers start at the same time.
ensure_secrets() {
  command -v openssl >/dev/null ||
    die "openssl is not on PATH; it is needed once to make the development CA (apt-get install openssl)."
  mkdir -p "$KAFKA_SECRETS_DIR"
  chmod 700 "$KAFKA_SECRETS_DIR"
  exec 7>"$KAFKA_SECRETS_DIR/.lock"
  flock -w 120 7 || die "another deploy/kafka.sh is still making secrets in $KAFKA_SECRETS_DIR after 120 s; try again."
  local dir="$KAFKA_SECRETS_DIR" san="IP:127.0.0.1,DNS:localhost" out="$KAFKA_SECRETS_DIR/openssl.out"
  if [[ "$KAFKA_HOST" =~ ^[0-9.]+$ ]]; then
    [[ "$KAFKA_HOST" == 127.0.0.1 ]] || san="$san,IP:$KAFKA_HOST"
  elif [[ "$KAFKA_HOST" != localhost ]]; then
    san="$san,DNS:$KAFKA_HOST"
  fi
  local previous_umask
  previous_umask="$(umask)"
  umask 077
  if [[ ! -s "$dir/ca.crt" || ! -s "$dir/ca.key" ]]; then
    log "making a development CA in $dir (once) ..."
    rm -f "$dir/broker".*
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
      -subj "/CN=keten development CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$dir/ca.key" -out "$dir/ca.crt" >"$out" 2>&1 ||
      { cat "$out" >&2; die "openssl could not make the development CA in $dir."; }
  fi
  # Made again when KAFKA_HOST is not among its names, so that clients can verify the broker's host.
  if [[ ! -s "$dir/broker.pem" || "$(cat "$dir/broker.san" 2>/dev/null)" != "$san" ]]; then
    log "making the broker certificate for $san ..."
    printf '%s\n' "subjectAltName=$san" "extendedKeyUsage=serverAuth,clientAuth" \
      "keyUsage=critical,digitalSignature" "basicConstraints=CA:FALSE" >"$dir/broker.ext"
    { openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$BROKER_USER" \
      -keyout "$dir/broker.key" -out "$dir/broker.csr" &&
      openssl x509 -req -in "$dir/broker.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 3650 -extfile "$dir/broker.ext" -out "$dir/broker.crt"; } >"$out" 2>&1 ||
      { cat "$out" >&2; die "openssl could not make the broker certificate in $dir."; }
    # Kafka's PEM key store: the private key (PKCS#8) followed by the certificate chain.
    cat "$dir/broker.key" "$dir/broker.crt" "$dir/ca.crt" >"$dir/broker.pem"
    echo "$san" >"$dir/broker.san"
  fi
  local user
  for user in "$BROKER_USER" "$ADMIN_USER" "$RELAY_USER"; do
    [[ -s "$dir/$user.password" ]] || new_password >"$dir/$user.password"
  done
  cat >"$ADMIN_PROPERTIES.tmp" <<EOF
# Generated by deploy/kafka.sh: the platform admin's client properties for Kafka's own tools.
security.protocol=SASL_SSL
sasl.mechanism=$SCRAM_MECHANISM
sasl.jaas.config=$SCRAM_LOGIN_MODULE required username="$ADMIN_USER" password="$(<"$dir/$ADMIN_USER.password")";
ssl.truststore.type=PEM
ssl.truststore.location=$CA_FILE
EOF
  mv "$ADMIN_PROPERTIES.tmp" "$ADMIN_PROPERTIES"
  umask "$previous_umask"
  exec 7>&-
}

# The id the storage was formatted with: the cluster id clients see.
cluster_id_of_storage() {
  sed -n 's/^cluster\.id=//p' "$DATA_DIR/meta.properties" 2>/dev/null
}

# ACLs live in the cluster's metadata, so the relay's are granted once per formatted storage (the
# marker holds the cluster id and the layout) instead of on every start, which would cost a JVM.
ensure_platform_acls() {
  local marker="$KAFKA_STATE_DIR/platform-acls" want
  want="$ACL_LAYOUT_VERSION $(cluster_id_of_storage) $KAFKA_RELAY_TOPIC_PREFIX"
  [[ -f "$marker" && "$(<"$marker")" == "$want" ]] && return 0
  log "granting $RELAY_USER create, write and configure on the topics $KAFKA_RELAY_TOPIC_PREFIX* ..."
  run_tool "granting the relay's ACLs" kafka.admin.AclCommand --add --allow-principal "User:$RELAY_USER" \
    --operation Create --operation Write --operation Describe \
    --operation DescribeConfigs --operation AlterConfigs \
    --topic "$KAFKA_RELAY_TOPIC_PREFIX" --resource-pattern-type prefixed >/dev/null
  echo "$want" >"$marker"
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
# Clients (and the broker itself) use CLIENT: TLS, then SASL/SCRAM. The controller listener takes TLS
# with a client certificate of the development CA, which only the broker has: no password there.
listeners=CLIENT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=CLIENT://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=CLIENT
listener.security.protocol.map=CLIENT:SASL_SSL,CONTROLLER:SSL
sasl.enabled.mechanisms=$SCRAM_MECHANISM
sasl.mechanism.inter.broker.protocol=$SCRAM_MECHANISM
listener.name.client.scram-sha-512.sasl.jaas.config=$SCRAM_LOGIN_MODULE required username="$BROKER_USER" password="$(<"$KAFKA_SECRETS_DIR/$BROKER_USER.password")";
ssl.keystore.type=PEM
ssl.keystore.location=$KAFKA_SECRETS_DIR/broker.pem
ssl.truststore.type=PEM
ssl.truststore.location=$CA_FILE
listener.name.controller.ssl.client.auth=required
# The certificate CN=keten-broker is the principal User:keten-broker on the controller listener.
ssl.principal.mapping.rules=RULE:^CN=([A-Za-z0-9._-]+)(,.*)?\$/\$1/,DEFAULT
# Only what an ACL allows; the broker and the platform admin are the only super users.
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:$BROKER_USER;User:$ADMIN_USER
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
  chmod 600 "$CONFIG_FILE.tmp"
  mv "$CONFIG_FILE.tmp" "$CONFIG_FILE"
}

# KRaft refuses to start on unformatted storage. Every format gets a new cluster id: empty storage is a
# new cluster, and the relay, which remembers the cluster it published to, republishes every feed to it.
# The platform principals' SCRAM credentials go into the new metadata log at format time (KIP-900), so
# the broker can authenticate to itself and the admin can grant ACLs from the first start on.
format_storage() {
  local secured="$DATA_DIR/.keten-secured"
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    [[ -f "$secured" ]] && return 0
    log "the storage in $DATA_DIR belongs to an unsecured broker (before TLS and SASL); formatting it anew: its topics are gone, and the relay republishes every feed to the new cluster."
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
  fi
  local cluster_id
  cluster_id="$(java "${JAVA_ARGS[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  [[ -n "$cluster_id" ]] || die "could not generate a Kafka cluster id (kafka.tools.StorageTool random-uuid failed)."
  local scram=() user
  for user in "$BROKER_USER" "$ADMIN_USER" "$RELAY_USER"; do
    scram+=(--add-scram "$SCRAM_MECHANISM=[name=$user,iterations=$SCRAM_ITERATIONS,password=$(<"$KAFKA_SECRETS_DIR/$user.password")]")
  done
  log "formatting storage in $DATA_DIR (cluster id $cluster_id) ..."
  java "${JAVA_ARGS[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" "${scram[@]}" \
    >"$LOG_DIR/format.out" 2>&1 ||
    { cat "$LOG_DIR/format.out" >&2; die "formatting Kafka storage in $DATA_DIR failed."; }
  touch "$secured"
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
  KAFKA_SSL_CA_FILE="$CA_FILE" KAFKA_SASL_USERNAME="$ADMIN_USER" \
    KAFKA_SASL_PASSWORD_FILE="$KAFKA_SECRETS_DIR/$ADMIN_USER.password" \
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
      ensure_secrets
      wait_until_ready "$pid"
    fi
    # An earlier start may have been interrupted before it granted the relay's ACLs.
    ensure_jars
    ensure_secrets
    set_java_args
    ensure_platform_acls
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
  ensure_secrets
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
  ensure_platform_acls
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

# An agency's access to its feed: the principal agency-<CODE> with a SCRAM credential, allowed to read
# one topic and to use the consumer groups under one prefix, nothing else. The password is kept in the
# state dir (made once, new with --rotate) and the grant is remembered per cluster id, so that printing
# the properties again costs no JVM, while a replaced cluster (new id) gets the credential and ACLs again.
cmd_agency_access() {
  local agency="" topic="" group_prefix="" rotate=false
  while (($# > 0)); do
    case "$1" in
      --agency) agency="${2:-}"; shift 2 ;;
      --topic) topic="${2:-}"; shift 2 ;;
      --group-prefix) group_prefix="${2:-}"; shift 2 ;;
      --rotate) rotate=true; shift ;;
      *) die "agency-access: unknown argument '$1'; see deploy/kafka.sh help." ;;
    esac
  done
  # The agency code itself is checked by the caller (npm run kafka:client-config) against the domain's
  # list; here it only has to be safe as a principal and file name.
  [[ "$agency" =~ ^[A-Z0-9]{2,10}$ ]] || die "agency-access: --agency must be an agency code such as NLA or GM0599, got '$agency'."
  [[ "$topic" =~ ^[A-Za-z0-9._-]{1,249}$ ]] || die "agency-access: --topic must be a Kafka topic name, got '$topic'."
  [[ "$group_prefix" =~ ^[A-Za-z0-9._-]{1,200}$ ]] || die "agency-access: --group-prefix must be 1-200 letters, digits, dots, dashes or underscores, got '$group_prefix'."
  validate_config
  local pid
  pid="$(find_broker_pid)" || die "no broker runs for $KAFKA_STATE_DIR; start it first: npm run kafka -- start"
  load_running_addr
  set_java_args
  ensure_secrets
  local principal="agency-$agency" dir="$KAFKA_STATE_DIR/agencies"
  mkdir -p "$dir"
  chmod 700 "$dir"
  exec 6>"$dir/.lock"
  flock -w 120 6 || die "another deploy/kafka.sh is still changing agency credentials in $dir after 120 s; try again."
  local password_file="$dir/$agency.password" marker="$dir/$agency.granted" want
  want="$(cluster_id_of_storage) $topic $group_prefix"
  if $rotate || [[ ! -s "$password_file" ]]; then
    (umask 077 && new_password >"$password_file.new")
    if $rotate; then log "rotating the SCRAM credential of $principal ..." >&2; fi
  elif [[ -f "$marker" && "$(<"$marker")" == "$want" ]]; then
    print_client_properties "$principal" "$password_file"
    return 0
  else
    cp "$password_file" "$password_file.new"
  fi
  # An upsert: it creates the credential or replaces the one there (rotation: the old password stops
  # working for new connections at once).
  run_tool "setting the SCRAM credential of $principal" kafka.admin.ConfigCommand --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "$SCRAM_MECHANISM=[iterations=$SCRAM_ITERATIONS,password=$(<"$password_file.new")]" >/dev/null
  mv "$password_file.new" "$password_file"
  if [[ ! -f "$marker" || "$(<"$marker")" != "$want" ]]; then
    run_tool "granting $principal read on $topic" kafka.admin.AclCommand --add --allow-principal "User:$principal" \
      --operation Read --operation Describe --topic "$topic" --resource-pattern-type literal >/dev/null
    run_tool "granting $principal its consumer groups $group_prefix*" kafka.admin.AclCommand --add \
      --allow-principal "User:$principal" --operation Read --operation Describe \
      --group "$group_prefix" --resource-pattern-type prefixed >/dev/null
    echo "$want" >"$marker"
  fi
  print_client_properties "$principal" "$password_file"
}

# The client properties kcat (librdkafka) reads with -F: one agency's credentials for this broker.
print_client_properties() {
  cat <<EOF
# keten: Kafka client properties of $1 for the broker on $KAFKA_HOST:$KAFKA_PORT (deploy/kafka.sh).
# Use them as they are: kcat -F <this file> -C -t <your topic>. Keep them secret.
bootstrap.servers=$KAFKA_HOST:$KAFKA_PORT
security.protocol=SASL_SSL
sasl.mechanisms=$SCRAM_MECHANISM
sasl.username=$1
sasl.password=$(<"$2")
ssl.ca.location=$CA_FILE
EOF
}

main() {
  case "${1:-help}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    agency-access)
      shift
      cmd_agency_access "$@"
      ;;
    help | -h | --help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
