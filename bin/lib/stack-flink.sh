# Flink: a session cluster (one JobManager, one TaskManager with 2 slots) from Maven-resolved jars,
# without flink-dist: the JVM flags that Flink's own scripts compute come from BashJavaUtils.

flink_port=${FLINK_PORT:-8081}
flink_rpc_port=${FLINK_RPC_PORT:-6123}
flink_lib=$stack_dist/flink
flink_dir=$stack_dir/flink
flink_conf=$root/conf/flink

flink_pidfiles() { echo "$flink_dir/jobmanager.pid" "$flink_dir/taskmanager.pid"; }
flink_logs() { echo "$flink_dir/jobmanager.log" "$flink_dir/taskmanager.log"; }
flink_url() { echo "http://localhost:$flink_port"; }

flink_install() { maven_copy flink "$flink_lib"; }

# What conf/flink/config.yaml leaves to the machine: ports and folders.
flink_options() {
  echo "-Drest.port=$flink_port -Djobmanager.rpc.port=$flink_rpc_port" \
    "-Dio.tmp.dirs=$flink_dir/tmp -Dweb.tmpdir=$flink_dir/tmp" \
    "-Dexecution.checkpointing.dir=file://$flink_dir/checkpoints" \
    "-Dexecution.checkpointing.savepoint-dir=file://$flink_dir/savepoints"
}

# The JVM flags (line 1) and -D options (line 2) of a JobManager (JM) or TaskManager (TM),
# as Flink's own start scripts compute them from the configuration.
flink_resource_params() {
  local output
  output=$(java -cp "$flink_lib/*" -Dlog4j.configurationFile="$flink_conf/log4j-console.properties" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "GET_$1_RESOURCE_PARAMS" --configDir "$flink_conf" \
    $(flink_options) 2>&1) || die "cannot compute Flink's $1 memory settings: $output"
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$output" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' | tail -n 2
}

# flink_launch NAME MAIN_CLASS KIND: starts one Flink process.
flink_launch() {
  local name=$1 main=$2 params jvm_flags dynamic_options
  params=$(flink_resource_params "$3")
  jvm_flags=$(sed -n 1p <<<"$params")
  dynamic_options=$(sed -n 2p <<<"$params")
  # Word splitting is wanted: the flags and options hold no spaces.
  # shellcheck disable=SC2046,SC2086
  launch "$flink_dir/$name.pid" "$flink_dir/$name.log" \
    java $(sed -n 's/^env\.java\.opts\.all: *//p' "$flink_conf/config.yaml") $jvm_flags \
    -Dlog.file="$flink_dir/$name.log" -Dlog4j.configurationFile="$flink_conf/log4j-console.properties" \
    -cp "$flink_lib/*" "$main" --configDir "$flink_conf" $(flink_options) $dynamic_options
}

flink_start() {
  require_free_port "$flink_port" FLINK_PORT
  require_free_port "$flink_rpc_port" FLINK_RPC_PORT
  mkdir -p "$flink_dir/tmp"
  flink_launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint JM
  flink_launch taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner TM
}

# The REST API answers and a TaskManager has registered.
flink_ready() {
  curl -fsS --max-time 5 "http://localhost:$flink_port/overview" 2>/dev/null | grep -q '"taskmanagers":[1-9]'
}

# A new TaskManager for the running cluster, in place of one that died (the fault tests kill it):
# `up` would restart the JobManager too, and with it lose the running jobs.
flink_replace_taskmanager() {
  process_running "$flink_dir/jobmanager.pid" || die "flink's JobManager is not running"
  process_running "$flink_dir/taskmanager.pid" && die "flink's TaskManager is running (pid $(<"$flink_dir/taskmanager.pid"))"
  flink_launch taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner TM
  echo "flink: TaskManager started (pid $(<"$flink_dir/taskmanager.pid"))"
}
