# Kafka: one KRaft process acting as broker and controller, from kafka_2.13's Maven artifacts.
# Its topics (conf/topics.txt) are created once it answers.

kafka_port=${KAFKA_PORT:-9092}
kafka_controller_port=${KAFKA_CONTROLLER_PORT:-$((kafka_port + 1))}
kafka_lib=$stack_dist/kafka
kafka_dir=$stack_dir/kafka

kafka_pidfiles() { echo "$kafka_dir/kafka.pid"; }
kafka_logs() { echo "$kafka_dir/kafka.log"; }
kafka_url() { echo "localhost:$kafka_port"; }

kafka_install() { maven_copy kafka "$kafka_lib"; }

kafka_java() {
  java -cp "$kafka_lib/*" -Dlog4j2.configurationFile="$root/conf/kafka/log4j2.properties" "$@"
}

kafka_start() {
  require_free_port "$kafka_port" KAFKA_PORT
  require_free_port "$kafka_controller_port" KAFKA_CONTROLLER_PORT
  sed -e "s|@KAFKA_PORT@|$kafka_port|g" -e "s|@KAFKA_CONTROLLER_PORT@|$kafka_controller_port|g" \
    -e "s|@DATA_DIR@|$kafka_dir/data|g" "$root/conf/kafka/server.properties" >"$kafka_dir/server.properties"
  if [[ ! -f $kafka_dir/data/meta.properties ]]; then
    local cluster_id
    cluster_id=$(kafka_java -Dncwatch.log.level=warn kafka.tools.StorageTool random-uuid)
    kafka_java -Dncwatch.log.level=warn kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$kafka_dir/server.properties" >/dev/null
  fi
  launch "$kafka_dir/kafka.pid" "$kafka_dir/kafka.log" \
    java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$root/conf/kafka/log4j2.properties" \
    -cp "$kafka_lib/*" kafka.Kafka "$kafka_dir/server.properties"
}

# The broker answers; then the topics of conf/topics.txt exist, made by Kafka's own kafka-topics tool as
# docker-compose.yml makes them.
kafka_ready() {
  port_open "$kafka_port" || return 1
  local existing topic partitions
  existing=$(kafka_topics --list 2>/dev/null) || return 1
  while read -r topic partitions; do
    [[ -z $topic || $topic == \#* ]] && continue
    if ! grep -qx -- "$topic" <<<"$existing"; then
      kafka_topics --create --if-not-exists --topic "$topic" --partitions "$partitions" >/dev/null || return 1
      echo "kafka: created topic $topic"
    fi
  done <"$root/conf/topics.txt"
}

# A short-lived client: a JVM that starts fast matters more than one that runs fast.
kafka_topics() {
  kafka_java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dncwatch.log.level=warn org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$kafka_port" "$@"
}
