#!/usr/bin/env bash
# Sourced by the scripts that start keten's services: refuse a port another program already holds, and say
# which program, instead of starting a process that dies with EADDRINUSE while the other one answers.

# Who listens on a TCP port on this machine ("node (pid 123)"), or nothing when ss cannot tell.
port_holder() {
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\1 (pid \2)/p' | head -n 1
}

port_in_use() {
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# `require_free_port NAME PORT VARIABLE`: exits with a sentence naming the port, its holder and the variable
# that moves the service, when the port is taken.
require_free_port() {
  local name=$1 port=$2 variable=$3 holder
  if port_in_use "$port"; then
    holder=$(port_holder "$port")
    echo "[$name] cannot start: port $port is already taken${holder:+ by $holder}. Stop that program, or give $name another port: $variable=<free port> npm start" >&2
    exit 1
  fi
}
