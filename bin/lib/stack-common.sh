# Shared by the services of bin/stack. A service is one or more processes, each started in its own
# session (so its pid is also its process group id) with a pid file and a log file.
#
# Layout of $stack_dir: <service>/ holds the service's data, logs, pid files and the URL it was started
# with. $stack_dist (dist/ in $stack_dir unless NCWATCH_STACK_DIST names another folder, which several
# stack folders may share) holds what Maven fetched, per service, kept by `reset`.

stack_dir=${NCWATCH_STACK_DIR:-$root/.stack}
mkdir -p "$stack_dir"
stack_dir=$(cd "$stack_dir" && pwd)
stack_dist=${NCWATCH_STACK_DIST:-$stack_dir/dist}
mkdir -p "$stack_dist"
stack_dist=$(cd "$stack_dist" && pwd)
start_timeout=${STACK_START_TIMEOUT:-180}
# `bin/stack up --secure` (or NCWATCH_SECURE=1) sets it to true: a service then starts with TLS (a
# certificate of the stack's CA, from stack_certificate) and authentication, and keeps its credentials
# in a folder of its own (elasticsearch/credentials/, kafka/secrets/).
secure=false
[[ ${NCWATCH_SECURE:-0} == 1 ]] && secure=true
stop_grace=${STACK_STOP_GRACE:-30}

die() {
  echo "stack: $*" >&2
  exit 1
}

java_home() {
  if [[ -n ${JAVA_HOME:-} ]]; then
    echo "$JAVA_HOME"
  else
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  fi
}

# maven_copy PROFILE DIR [MAVEN_ARGUMENTS...]: copies the artifacts of one profile of conf/stack/pom.xml,
# with their dependencies, into DIR once.
maven_copy() {
  local profile=$1 dir=$2 wanted
  # A copy made from another version of the stack's pom is made again.
  wanted=$(sha256sum "$root/conf/stack/pom.xml" | cut -d' ' -f1)
  [[ -f $dir/.complete && $(<"$dir/.complete") == "$wanted" ]] && return
  echo "stack: fetching $profile with Maven into $dir" >&2
  rm -rf "$dir"
  if ! mvn -B -f "$root/conf/stack/pom.xml" -P "$profile" dependency:copy-dependencies \
    -DoutputDirectory="$dir" "${@:3}" >"$stack_dir/maven-$profile.log" 2>&1; then
    tail -n 40 "$stack_dir/maven-$profile.log" >&2
    die "Maven could not fetch $profile (log: $stack_dir/maven-$profile.log)"
  fi
  echo "$wanted" >"$dir/.complete"
}

# True when the pid file names a live process started from this stack folder (not a reused pid).
process_running() {
  local pidfile=$1 pid
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$stack_dir"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_free_port() {
  local port=$1 variable=$2
  if port_open "$port"; then
    die "port $port is already in use by another process: set $variable to a free port"
  fi
}

# launch PIDFILE LOG COMMAND...: starts COMMAND detached, in a session of its own, in the folder of
# PIDFILE (where relative paths such as crash dumps then land), output to LOG.
launch() {
  local pidfile=$1 log=$2
  shift 2
  (cd "$(dirname "$pidfile")" && exec setsid "$@" >"$log" 2>&1 </dev/null) &
  local pid=$!
  echo "$pid" >"$pidfile"
  # Until the forked shell has become COMMAND, its command line does not name the stack folder.
  until process_running "$pidfile" || ! kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
  done
}

# Stops the process group of a pid file: SIGTERM, then SIGKILL after the grace period.
stop_process() {
  local pidfile=$1 pid waited=0
  if process_running "$pidfile"; then
    pid=$(<"$pidfile")
    kill -TERM -- "-$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && ((waited < stop_grace)); do
      sleep 1
      waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "stack: pid $pid still running after ${stop_grace}s: killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

# The stack's own CA, made once per stack folder: ca/ca.crt is what clients trust, ca/ca.key signs.
stack_ca() {
  local dir=$stack_dir/ca
  [[ -f $dir/ca.crt ]] && return
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=ncwatch stack CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
  chmod 600 "$dir/ca.key"
}

# stack_certificate DIR: DIR/node.key and DIR/node.crt, a certificate for localhost and 127.0.0.1
# signed by the stack's CA, followed by the CA's own, so that a client can check it by fingerprint.
stack_certificate() {
  local dir=$1
  stack_ca
  mkdir -p "$dir"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/node.key" -out "$dir/node.csr" 2>/dev/null
  openssl x509 -req -days 3650 -in "$dir/node.csr" -CA "$stack_dir/ca/ca.crt" -CAkey "$stack_dir/ca/ca.key" \
    -CAcreateserial -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') \
    -out "$dir/node.crt" 2>/dev/null
  cat "$stack_dir/ca/ca.crt" >>"$dir/node.crt"
  cp "$stack_dir/ca/ca.crt" "$dir/ca.crt"
  rm "$dir/node.csr"
  chmod 600 "$dir/node.key"
}

# A new random password: 32 hexadecimal digits.
random_secret() {
  openssl rand -hex 16
}
