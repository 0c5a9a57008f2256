#!/usr/bin/env bash
# A local crawler cluster without Docker: PostgreSQL (started, and installed from Debian if missing) and N silo
# processes on loopback ports, tracked by PID files under .cluster/.
#
#   scripts/cluster.sh start [N]   build the silo, start N silos (default 3) on ports BASE_PORT.. (default 8080)
#   scripts/cluster.sh stop        SIGTERM every silo (they hand their partitions over), SIGKILL after 30 s
#   scripts/cluster.sh status      which silos run, and each one's /health
#
# Environment: CRAWLER_POSTGRES (an Npgsql connection string; default: the local `crawler` database, which this
# script creates), BASE_PORT (default 8080). Then: crawler submit <url> --gateway http://127.0.0.1:8080 --wait
set -uo pipefail
cd "$(dirname "$0")/.."
state=.cluster
base_port=${BASE_PORT:-8080}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  local count=${1:-3} conn i port pidfile
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 start [N]  (N a positive number)" >&2; exit 2; }
  mkdir -p "$state"
  if [ -z "${CRAWLER_POSTGRES:-}" ]; then
    source scripts/postgres.sh
    ensure_postgres crawler || { echo "PostgreSQL could not be set up" >&2; exit 1; }
    # Loopback: no TLS, which would only cost CPU on both ends.
    conn="Host=127.0.0.1;Port=5432;Username=crawler;Password=crawler;Database=crawler;SSL Mode=Disable"
  else
    conn=$CRAWLER_POSTGRES
  fi
  echo "building the silo..."
  dotnet publish Silo/Silo.csproj -c Release -o "$state/silo" --nologo -v quiet >"$state/build.log" 2>&1 \
    || { cat "$state/build.log" >&2; exit 1; }
  for ((i = 1; i <= count; i++)); do
    port=$((base_port + i - 1))
    pidfile="$state/silo-$i.pid"
    if pid_alive "$pidfile"; then
      echo "silo $i already runs (pid $(cat "$pidfile"))"
      continue
    fi
    # setsid: the silo outlives this shell and a Ctrl+C in it; `stop` ends it by PID.
    setsid dotnet "$state/silo/Crawler.Silo.dll" --postgres "$conn" --urls "http://127.0.0.1:$port" \
      >"$state/silo-$i.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "silo $i: pid $!, http://127.0.0.1:$port (log $state/silo-$i.log)"
  done
  for ((i = 1; i <= count; i++)); do
    port=$((base_port + i - 1))
    for _ in $(seq 1 120); do
      curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
      pid_alive "$state/silo-$i.pid" || { echo "silo $i exited; see $state/silo-$i.log" >&2; tail -n 20 "$state/silo-$i.log" >&2; exit 1; }
      sleep 0.5
    done
  done
  status
}

stop() {
  local pidfile pid
  shopt -s nullglob
  for pidfile in "$state"/silo-*.pid; do
    pid_alive "$pidfile" && kill -TERM "$(cat "$pidfile")"
  done
  for pidfile in "$state"/silo-*.pid; do
    pid=$(cat "$pidfile")
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "silo pid $pid did not stop in 30 s; killing it" >&2
      kill -KILL "$pid"
    fi
    rm -f "$pidfile"
    echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
  done
}

status() {
  local pidfile i port
  shopt -s nullglob
  for pidfile in "$state"/silo-*.pid; do
    i=$(basename "$pidfile" .pid); i=${i#silo-}
    port=$((base_port + i - 1))
    if pid_alive "$pidfile"; then
      echo "silo $i: pid $(cat "$pidfile"), http://127.0.0.1:$port $(curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null || echo '(not answering)')"
    else
      echo "silo $i: not running"
    fi
  done
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [N] | stop | status" >&2; exit 2 ;;
esac
