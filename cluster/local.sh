#!/usr/bin/env bash
# A local CineMatch cluster of plain processes, without Docker: the `broker` command (librdkafka's mock Kafka),
# the MongoDB emulator the tests use (test/mongo-emulator), the catalog imported into it, three silos and the
# gateway (src/Api). Everything listens on 127.0.0.1; Ctrl-C (or SIGTERM) stops every process it started.
#
#   cluster/local.sh                      # then http://127.0.0.1:5080/ (trends page), POST /events, ...
#
# Configured by environment variables (defaults in brackets):
#   CINEMATCH_LOCAL_GATEWAY_PORT [5080]   the gateway's HTTP port
#   CINEMATCH_LOCAL_SILO_HTTP_PORT [5081] the first silo's HTTP port; silo N uses this + N - 1
#   CINEMATCH_LOCAL_SILO_PORT [11111]     the first silo's Orleans port; silo N uses this + N - 1
#   CINEMATCH_LOCAL_SILO_GATEWAY_PORT [30000]  the first silo's Orleans client port; silo N uses this + N - 1
#   CINEMATCH_LOCAL_SILOS [3]             how many silos
#   CINEMATCH_LOCAL_BROKER_PORT [9092]    the embedded broker's port (unless CINEMATCH_KAFKA names a real Kafka)
#   CINEMATCH_LOCAL_MONGO_PORT [27017]    the emulator's port (unless CINEMATCH_MONGO names a real MongoDB)
#   CINEMATCH_LOCAL_PARTITIONS [8]        partitions of the topic
#   CINEMATCH_LOCAL_CONFIGURATION [Release]  which build to run; CINEMATCH_LOCAL_NO_BUILD=1 runs it without building
#   CINEMATCH_LOCAL_LOGS [a new temporary directory]  one log file per process
#   CINEMATCH_KAFKA, CINEMATCH_MONGO      use these servers instead of starting the broker and the emulator
# Any other setting reaches every silo and the gateway as usual (e.g. Statistics__TrendsFlushInterval=00:00:05).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

gateway_port=${CINEMATCH_LOCAL_GATEWAY_PORT:-5080}
silo_http_port=${CINEMATCH_LOCAL_SILO_HTTP_PORT:-5081}
silo_port=${CINEMATCH_LOCAL_SILO_PORT:-11111}
silo_gateway_port=${CINEMATCH_LOCAL_SILO_GATEWAY_PORT:-30000}
silos=${CINEMATCH_LOCAL_SILOS:-3}
broker_port=${CINEMATCH_LOCAL_BROKER_PORT:-9092}
mongo_port=${CINEMATCH_LOCAL_MONGO_PORT:-27017}
partitions=${CINEMATCH_LOCAL_PARTITIONS:-8}
configuration=${CINEMATCH_LOCAL_CONFIGURATION:-Release}
logs=${CINEMATCH_LOCAL_LOGS:-$(mktemp -d -t cinematch-local-XXXXXX)}
mkdir -p "$logs"

silo_dll=$repo/src/Silo/bin/$configuration/net10.0/CineMatch.Silo.dll
gateway_dll=$repo/src/Api/bin/$configuration/net10.0/CineMatch.Api.dll

say() { echo "local.sh: $*"; }

pids=()
names=()
mongo_stdin_open=0
stopping=0

# Gateway first, then silos, then the broker, then MongoDB: the reverse of the start.
stop_all() {
  [ "$stopping" -eq 1 ] && return
  stopping=1
  trap - INT TERM
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    if kill -0 "${pids[i]}" 2>/dev/null; then
      say "stopping ${names[i]} (pid ${pids[i]})"
      kill -TERM "${pids[i]}" 2>/dev/null || true
      for _ in $(seq 1 300); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "${pids[i]}" 2>/dev/null || true
      wait "${pids[i]}" 2>/dev/null || true
    fi
  done
  # The emulator exits when its stdin closes.
  if [ "$mongo_stdin_open" -eq 1 ]; then exec 7>&-; fi
  say "stopped; logs in $logs"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

# Starts a program in the background with its output in $logs/NAME.log; extra environment as NAME=VALUE words first.
start() {
  local name=$1
  shift
  env "$@" >"$logs/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
}

# Waits until NAME's log holds a line matching the pattern, or its process dies, or the deadline passes.
wait_for_line() {
  local name=$1 pattern=$2 seconds=$3 pid=$4
  for _ in $(seq 1 $((seconds * 10))); do
    grep -qE "$pattern" "$logs/$name.log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { say "$name exited; its log:"; tail -n 30 "$logs/$name.log" >&2; return 1; }
    sleep 0.1
  done
  say "$name did not start within ${seconds}s; its log:"; tail -n 30 "$logs/$name.log" >&2
  return 1
}

# Waits until GET http://127.0.0.1:PORT/health answers 200, or NAME's process dies, or the deadline passes.
wait_for_health() {
  local name=$1 port=$2 seconds=$3 pid=$4
  for _ in $(seq 1 $((seconds * 2))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { say "$name exited; its log:"; tail -n 30 "$logs/$name.log" >&2; return 1; }
    sleep 0.5
  done
  say "$name did not answer /health within ${seconds}s; its log:"; tail -n 30 "$logs/$name.log" >&2
  return 1
}

if [ "${CINEMATCH_LOCAL_NO_BUILD:-0}" != 1 ]; then
  say "building the silo and the gateway ($configuration)"
  dotnet build "$repo/src/Silo/Silo.csproj" -c "$configuration" -nologo -v quiet >"$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log" >&2; exit 1; }
  dotnet build "$repo/src/Api/Api.csproj" -c "$configuration" -nologo -v quiet >>"$logs/build.log" 2>&1 || { tail -n 30 "$logs/build.log" >&2; exit 1; }
fi
for dll in "$silo_dll" "$gateway_dll"; do
  [ -f "$dll" ] || { say "$dll is missing: build it (dotnet build CineMatch.sln -c $configuration)"; exit 1; }
done

if [ -z "${CINEMATCH_KAFKA:-}" ]; then
  start broker dotnet "$silo_dll" broker --port "$broker_port" --partitions "$partitions"
  wait_for_line broker '^broker: ' 60 "${pids[-1]}"
  export CINEMATCH_KAFKA=127.0.0.1:$broker_port
fi

if [ -z "${CINEMATCH_MONGO:-}" ]; then
  # The emulator serves while its stdin is open: this script holds a FIFO open on fd 7, so the emulator also
  # ends when the script is killed outright.
  fifo=$logs/mongo.stdin
  rm -f "$fifo"
  mkfifo "$fifo"
  /usr/bin/python3 "$repo/test/mongo-emulator/mongo_emulator.py" --port "$mongo_port" <"$fifo" >"$logs/mongo.log" 2>&1 &
  pids+=("$!")
  names+=(mongo)
  exec 7>"$fifo"
  mongo_stdin_open=1
  wait_for_line mongo '^listening on ' 60 "${pids[-1]}"
  export CINEMATCH_MONGO=mongodb://127.0.0.1:$mongo_port/
fi

say "importing the catalog into MongoDB"
dotnet "$silo_dll" import-catalog "$repo/data/catalog.json" >"$logs/import-catalog.log" 2>&1 || { tail -n 30 "$logs/import-catalog.log" >&2; exit 1; }

export Orleans__ClusterId=${Orleans__ClusterId:-cinematch-local} Kafka__Partitions=$partitions
export Logging__LogLevel__Default=${Logging__LogLevel__Default:-Warning}
silo_pids=()
for ((n = 1; n <= silos; n++)); do
  start "silo$n" Silo__Port=$((silo_port + n - 1)) Silo__GatewayPort=$((silo_gateway_port + n - 1)) Silo__AdvertisedIP=127.0.0.1 \
    ASPNETCORE_URLS="http://127.0.0.1:$((silo_http_port + n - 1))" dotnet "$silo_dll"
  silo_pids+=("${pids[-1]}")
done
# Started together, waited for one by one: they join the cluster side by side.
for ((n = 1; n <= silos; n++)); do
  wait_for_health "silo$n" $((silo_http_port + n - 1)) 180 "${silo_pids[n - 1]}"
done

start gateway ASPNETCORE_URLS="http://127.0.0.1:$gateway_port" dotnet "$gateway_dll"
wait_for_health gateway "$gateway_port" 120 "${pids[-1]}"

say "ready: gateway http://127.0.0.1:$gateway_port/ (trends page), silos on HTTP $silo_http_port..$((silo_http_port + silos - 1)), Kafka $CINEMATCH_KAFKA, MongoDB $CINEMATCH_MONGO; logs in $logs; Ctrl-C stops everything"
# Runs until Ctrl-C, or until one of the processes exits on its own (then everything stops).
set +e
wait -n "${pids[@]}"
status=$?
say "a process exited on its own (status $status); stopping the others"
exit 1
