#!/bin/sh
# Installs the cachefleet agent on this host. The console serves this script at /install.sh:
#   curl -fsSL <console>/install.sh | sh -s -- --token <enrollment token> [options]
# Every step is printed; any failure stops with a message and removes what this run installed.
set -eu

CONSOLE_URL='__CACHEFLEET_CONSOLE_URL__'
PREFIX=/opt/cachefleet-agent
CONFIG_DIR=/etc/cachefleet
DATA_DIR=
TOKEN=${CACHEFLEET_ENROLLMENT_TOKEN:-}
NAME=
AGENT_PORT=0
REDIS_PORT=0
MIN_MEMORY_MB=256
SERVICE=auto
SYSTEMD_DIR=/etc/systemd/system
PRINT_UNIT=0
UNIT_NAME=cachefleet-agent.service

usage() {
  cat <<'EOF'
Usage: install.sh --token <token> [options]

  --token <token>        Enrollment token from the console (or CACHEFLEET_ENROLLMENT_TOKEN)
  --url <url>            Console URL (default: the console that served this script)
  --prefix <dir>         Where the agent is installed (default: /opt/cachefleet-agent)
  --config-dir <dir>     Where agent.json is written (default: /etc/cachefleet)
  --data-dir <dir>       Redis data, logs and state (default: <config-dir>/data)
  --name <name>          Agent name shown in the console (default: this hostname)
  --agent-port <port>    Agent HTTP port (default: 0, a free port on each start)
  --redis-port <port>    Redis port (default: 0, a free port on each start)
  --min-memory-mb <n>    Refuse to install with less available memory (default: 256)
  --service <mode>       auto | systemd | background (default: auto: systemd when it runs)
  --print-systemd-unit   Print the systemd unit these options would install, and exit
  -h, --help             Show this help
EOF
}

step() { printf '==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Paths end up in a systemd unit, a JSON manifest and a shell launcher: keep them plain.
plain_path() {
  case $2 in
    /*) ;;
    *) die "$1 must be an absolute path: $2" ;;
  esac
  case $2 in
    *[!A-Za-z0-9/._-]*) die "$1 may contain only letters, digits and / . _ -: $2" ;;
  esac
}

port_number() {
  case $2 in
    '' | *[!0-9]*) die "$1 must be a port number: $2" ;;
  esac
  [ "$2" -le 65535 ] || die "$1 must be at most 65535: $2"
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      -h | --help) usage && exit 0 ;;
      --print-systemd-unit) PRINT_UNIT=1 && shift && continue ;;
    esac
    [ $# -ge 2 ] || die "$1 needs a value (see --help)"
    case $1 in
      --token) TOKEN=$2 ;;
      --url) CONSOLE_URL=${2%/} ;;
      --prefix) PREFIX=${2%/} ;;
      --config-dir) CONFIG_DIR=${2%/} ;;
      --data-dir) DATA_DIR=${2%/} ;;
      --name) NAME=$2 ;;
      --agent-port) AGENT_PORT=$2 ;;
      --redis-port) REDIS_PORT=$2 ;;
      --min-memory-mb) MIN_MEMORY_MB=$2 ;;
      --service) SERVICE=$2 ;;
      *) die "unknown option $1 (see --help)" ;;
    esac
    shift 2
  done
}

check_args() {
  plain_path --prefix "$PREFIX"
  plain_path --config-dir "$CONFIG_DIR"
  DATA_DIR=${DATA_DIR:-$CONFIG_DIR/data}
  plain_path --data-dir "$DATA_DIR"
  port_number --agent-port "$AGENT_PORT"
  port_number --redis-port "$REDIS_PORT"
  case $MIN_MEMORY_MB in '' | *[!0-9]*) die "--min-memory-mb must be a number of MiB: $MIN_MEMORY_MB" ;; esac
  case $SERVICE in auto | systemd | background) ;; *) die "--service must be auto, systemd or background" ;; esac
  CONFIG=$CONFIG_DIR/agent.json
  PID_FILE=$DATA_DIR/cachefleet-agent.pid
  LOG_FILE=$DATA_DIR/cachefleet-agent.log
  LAUNCHER=$PREFIX/bin/cachefleet-agent
}

systemd_unit() {
  cat <<EOF
[Unit]
Description=cachefleet agent (supervises redis-server, reports to the cachefleet console)
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=$LAUNCHER run --config $CONFIG
Restart=on-failure
RestartSec=5
KillMode=mixed
TimeoutStopSec=30
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
EOF
}

check_not_installed() {
  step "checking for an existing installation"
  if [ -e "$CONFIG" ]; then
    die "this host is already joined (config $CONFIG); nothing was changed. To reinstall, first run: $LAUNCHER uninstall"
  fi
  if [ -e "$PREFIX" ]; then
    die "the agent is already installed at $PREFIX; nothing was changed. To reinstall, first run: $LAUNCHER uninstall"
  fi
  note "none"
}

check_node() {
  step "checking Node.js 20 or newer"
  NODE=$(command -v node || true)
  [ -n "$NODE" ] || die "Node.js 20 or newer is required and was not found on PATH (https://nodejs.org, or your distribution's nodejs package)"
  major=$("$NODE" -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js 20 or newer is required; found $("$NODE" --version) at $NODE"
  note "$NODE $("$NODE" --version)"
}

check_redis() {
  step "checking redis-server"
  REDIS_BIN=${REDIS_SERVER_BIN:-$(command -v redis-server || true)}
  if [ -z "$REDIS_BIN" ]; then
    if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
      note "not found; installing the distribution's redis-server with apt-get"
      DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null || die "apt-get install redis-server failed"
      REDIS_BIN=$(command -v redis-server || true)
    fi
    [ -n "$REDIS_BIN" ] || die "redis-server is required and was not found on PATH; install it (Debian/Ubuntu: sudo apt-get install redis-server) or run this script as root to install it"
  fi
  [ -x "$REDIS_BIN" ] || die "redis-server at $REDIS_BIN is not executable"
  note "$REDIS_BIN"
}

check_memory() {
  step "checking available memory (at least $MIN_MEMORY_MB MiB)"
  available_kb=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo 2>/dev/null || true)
  if [ -z "$available_kb" ]; then
    note "cannot read /proc/meminfo; skipping"
    return 0
  fi
  available_mb=$((available_kb / 1024))
  [ "$available_mb" -ge "$MIN_MEMORY_MB" ] || die "only $available_mb MiB of memory available; the agent needs at least $MIN_MEMORY_MB MiB (--min-memory-mb)"
  note "$available_mb MiB available"
}

port_free() {
  "$NODE" -e 'const s = require("net").createServer();
s.once("error", () => process.exit(1));
s.listen(Number(process.argv[1]), () => s.close(() => process.exit(0)));' "$1"
}

check_ports() {
  step "checking ports"
  for port in "$AGENT_PORT" "$REDIS_PORT"; do
    [ "$port" = 0 ] && continue
    port_free "$port" || die "port $port is already in use; choose another with --agent-port/--redis-port"
  done
  note "agent port $AGENT_PORT, redis port $REDIS_PORT (0: a free port on each start)"
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    "$NODE" -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$1"
  fi
}

# Downloads with the token in a header (never in the URL); shows the console's reason on refusal.
fetch() {
  status=$(curl -sS -o "$2" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$CONSOLE_URL$1") || die "could not reach the console at $CONSOLE_URL"
  [ "$status" = 200 ] || die "the console refused $1 (HTTP $status): $(head -c 500 "$2")"
}

download_bundle() {
  step "downloading the agent bundle from $CONSOLE_URL"
  fetch /downloads/agent/latest "$WORK/latest"
  VERSION=$(tr -d ' \r\n' <"$WORK/latest")
  case $VERSION in '' | *[!A-Za-z0-9.+-]*) die "the console named an invalid agent version" ;; esac
  fetch "/downloads/agent/$VERSION.tgz" "$WORK/bundle.tgz"
  fetch "/downloads/agent/$VERSION.tgz.sha256" "$WORK/bundle.sha256"
  step "verifying the SHA-256 checksum of agent $VERSION"
  expected=$(cut -d' ' -f1 <"$WORK/bundle.sha256")
  actual=$(sha256_of "$WORK/bundle.tgz")
  [ "$expected" = "$actual" ] || die "checksum mismatch for agent $VERSION: expected $expected, got $actual; nothing was installed"
  note "$actual"
}

write_launcher() {
  cat >"$1" <<EOF
#!/bin/sh
# cachefleet-agent launcher, written by install.sh
CACHEFLEET_AGENT_HOME='$PREFIX'
: "\${CACHEFLEET_AGENT_CONFIG:=$CONFIG}"
: "\${REDIS_SERVER_BIN:=$REDIS_BIN}"
export CACHEFLEET_AGENT_HOME CACHEFLEET_AGENT_CONFIG REDIS_SERVER_BIN
exec '$NODE' "\$CACHEFLEET_AGENT_HOME/current/dist/cli.js" "\$@"
EOF
  chmod 755 "$1"
}

# Everything is assembled in a folder beside the prefix, then moved into place in one rename.
install_files() {
  step "installing agent $VERSION into $PREFIX"
  parent=$(dirname "$PREFIX")
  mkdir -p "$parent"
  STAGE=$(mktemp -d "$parent/.cachefleet-agent.XXXXXX")
  mkdir -p "$STAGE/versions/$VERSION" "$STAGE/bin"
  tar -xzf "$WORK/bundle.tgz" -C "$STAGE/versions/$VERSION" || die "the bundle could not be unpacked"
  ln -s "versions/$VERSION" "$STAGE/current"
  write_launcher "$STAGE/bin/cachefleet-agent"
  found=$("$NODE" "$STAGE/versions/$VERSION/dist/cli.js" --version) || die "the unpacked agent does not start"
  [ "$found" = "$VERSION" ] || die "the bundle reports version $found, not $VERSION"
  chmod 755 "$STAGE"
  mv "$STAGE" "$PREFIX"
  STAGE=
  INSTALLED=1
}

join_console() {
  step "joining the console as ${NAME:-this host}"
  [ -d "$CONFIG_DIR" ] || CREATED_CONFIG_DIR=1
  set -- join --url "$CONSOLE_URL" --config "$CONFIG" --data-dir "$DATA_DIR" \
    --agent-port "$AGENT_PORT" --redis-port "$REDIS_PORT"
  [ -z "$NAME" ] || set -- "$@" --name "$NAME"
  CACHEFLEET_ENROLLMENT_TOKEN=$TOKEN "$LAUNCHER" "$@" || die "joining the console failed (see above)"
  JOINED=1
}

write_manifest() {
  cat >"$PREFIX/install.json" <<EOF
{
  "prefix": "$PREFIX",
  "configPath": "$CONFIG",
  "dataDir": "$DATA_DIR",
  "service": "$1",
  "unitFile": "$SYSTEMD_DIR/$UNIT_NAME",
  "pidFile": "$PID_FILE",
  "logFile": "$LOG_FILE"
}
EOF
}

choose_service() {
  mode=$SERVICE
  if [ "$mode" = auto ]; then
    mode=background
    [ -d /run/systemd/system ] && [ "$(id -u)" = 0 ] && mode=systemd
  fi
  printf '%s' "$mode"
}

start_systemd() {
  step "installing and starting the systemd service $UNIT_NAME"
  systemd_unit >"$SYSTEMD_DIR/$UNIT_NAME"
  UNIT_WRITTEN=1
  systemctl daemon-reload
  systemctl enable --now "$UNIT_NAME" || die "systemctl could not start $UNIT_NAME (journalctl -u $UNIT_NAME)"
}

start_background() {
  step "starting the agent in the background (systemd is not running here)"
  mkdir -p "$DATA_DIR"
  if command -v setsid >/dev/null 2>&1; then
    setsid "$LAUNCHER" run --config "$CONFIG" >>"$LOG_FILE" 2>&1 </dev/null &
  else
    nohup "$LAUNCHER" run --config "$CONFIG" >>"$LOG_FILE" 2>&1 </dev/null &
  fi
  echo $! >"$PID_FILE"
  note "pid $(cat "$PID_FILE") (pid file $PID_FILE), log $LOG_FILE"
  note "it is not restarted at boot: start it again with $LAUNCHER run --config $CONFIG"
}

wait_healthy() {
  step "waiting for the agent to report healthy"
  tries=0
  until "$LAUNCHER" status --config "$CONFIG" >"$WORK/status" 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -ge 60 ]; then
      cat "$WORK/status" >&2
      [ ! -f "$LOG_FILE" ] || tail -n 20 "$LOG_FILE" >&2
      die "the agent did not become healthy within 60 s"
    fi
    sleep 1
  done
  note "healthy"
}

# On failure: stop and deregister what was joined, remove the service and the files we added.
rollback() {
  [ -z "${STAGE:-}" ] || rm -rf "$STAGE"
  if [ "${JOINED:-0}" = 1 ]; then
    printf '    rolling back: leaving the console and removing the agent\n' >&2
    "$LAUNCHER" uninstall --force --config "$CONFIG" >/dev/null 2>&1 || true
  fi
  if [ "${UNIT_WRITTEN:-0}" = 1 ]; then
    systemctl disable --now "$UNIT_NAME" >/dev/null 2>&1 || true
    rm -f "$SYSTEMD_DIR/$UNIT_NAME"
    systemctl daemon-reload >/dev/null 2>&1 || true
  fi
  [ "${INSTALLED:-0}" = 0 ] || rm -rf "$PREFIX"
  [ "${CREATED_CONFIG_DIR:-0}" = 0 ] || rm -rf "$CONFIG_DIR"
}

on_exit() {
  code=$?
  [ -z "${WORK:-}" ] || rm -rf "$WORK"
  [ "$code" = 0 ] || rollback
}

main() {
  parse_args "$@"
  check_args
  if [ "$PRINT_UNIT" = 1 ]; then
    systemd_unit
    return 0
  fi
  case $CONSOLE_URL in http://* | https://*) ;; *) die "--url is required when the script is not served by a console" ;; esac
  [ -n "$TOKEN" ] || die "--token is required: create an enrollment token in the console (Settings)"
  trap on_exit EXIT
  trap 'exit 130' INT TERM
  check_not_installed
  check_node
  check_redis
  check_memory
  check_ports
  WORK=$(mktemp -d)
  download_bundle
  install_files
  join_console
  mode=$(choose_service)
  write_manifest "$mode"
  if [ "$mode" = systemd ]; then start_systemd; else start_background; fi
  wait_healthy
  step "done: cachefleet agent $VERSION is installed in $PREFIX and running ($mode)"
  note "check it with: $LAUNCHER status"
}

main "$@"
