# Kafka: one KRaft process acting as broker and controller, from kafka_2.13's Maven artifacts.
# Its topics (conf/topics.txt) are created once it answers. With NCWATCH_SECURE=1 (`stack up --secure`)
# clients connect over SASL_SSL with SCRAM-SHA-512: the stack makes a CA and a broker certificate, an admin
# user and an ncwatch user whose ACLs let the job named ncwatch do its work and nothing else. What a client
# needs is in $kafka_dir/secrets: ca.pem, admin.password, ncwatch.password, admin.properties.

kafka_port=${KAFKA_PORT:-9092}
kafka_controller_port=${KAFKA_CONTROLLER_PORT:-$((kafka_port + 1))}
kafka_lib=$stack_dist/kafka
kafka_dir=$stack_dir/kafka
kafka_secrets=$kafka_dir/secrets

kafka_pidfiles() { echo "$kafka_dir/kafka.pid"; }
kafka_logs() { echo "$kafka_dir/kafka.log"; }

kafka_url() {
  if [[ $secure == true ]]; then
    echo "localhost:$kafka_port (SASL_SSL, SCRAM-SHA-512; CA and passwords in $kafka_secrets)"
  else
    echo "localhost:$kafka_port"
  fi
}

kafka_install() { maven_copy kafka "$kafka_lib"; }

kafka_java() {
  java -cp "$kafka_lib/*" -Dlog4j2.configurationFile="$root/conf/kafka/log4j2.properties" "$@"
}

kafka_start() {
  require_free_port "$kafka_port" KAFKA_PORT
  require_free_port "$kafka_controller_port" KAFKA_CONTROLLER_PORT
  local listeners=plaintext
  if [[ $secure == true ]]; then
    listeners=sasl-ssl
    kafka_make_secrets
  fi
  cat "$root/conf/kafka/server.properties" "$root/conf/kafka/listeners-$listeners.properties" |
    sed -e "s|@KAFKA_PORT@|$kafka_port|g" -e "s|@KAFKA_CONTROLLER_PORT@|$kafka_controller_port|g" \
      -e "s|@DATA_DIR@|$kafka_dir/data|g" -e "s|@TLS_DIR@|$kafka_secrets|g" \
      -e "s|@ADMIN_PASSWORD@|$(kafka_secret admin.password)|g" \
      -e "s|@KEYSTORE_PASSWORD@|$(kafka_secret keystore.password)|g" >"$kafka_dir/server.properties"
  chmod 600 "$kafka_dir/server.properties"
  if [[ ! -f $kafka_dir/data/meta.properties ]]; then
    local cluster_id users=()
    cluster_id=$(kafka_java -Dncwatch.log.level=warn kafka.tools.StorageTool random-uuid)
    if [[ $secure == true ]]; then
      # SCRAM users are records of the cluster's metadata: written at format time, before anyone connects.
      users=(--add-scram "SCRAM-SHA-512=[name=admin,password=$(kafka_secret admin.password)]"
        --add-scram "SCRAM-SHA-512=[name=ncwatch,password=$(kafka_secret ncwatch.password)]")
    fi
    kafka_java -Dncwatch.log.level=warn kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$kafka_dir/server.properties" "${users[@]}" >/dev/null
  fi
  launch "$kafka_dir/kafka.pid" "$kafka_dir/kafka.log" \
    java -Xms512m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$root/conf/kafka/log4j2.properties" \
    -cp "$kafka_lib/*" kafka.Kafka "$kafka_dir/server.properties"
}

# The broker answers; then the topics of conf/topics.txt exist, made by Kafka's own kafka-topics tool as
# docker-compose.yml makes them, and, secured, the ncwatch user may use them.
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
  if [[ $secure == true && ! -f $kafka_dir/ncwatch.acls ]]; then
    kafka_grant_job ncwatch >/dev/null || return 1
    touch "$kafka_dir/ncwatch.acls"
    echo "kafka: user ncwatch may read ncwatch.process-events and ncwatch.network-events, write ncwatch.alerts" \
      "and ncwatch.deadletter, use consumer groups and transactional ids ncwatch*"
  fi
}

# kafka_grant_job NAME: the ACLs of user ncwatch for the job named NAME, made with Kafka's kafka-acls tool:
# read its input topics NAME.process-events and NAME.network-events (and commit offsets in the consumer
# groups whose names start with NAME, as a job folder's group id ncwatch-<job> does), write its output topics NAME.alerts and NAME.deadletter, with transactional ids that start with
# NAME. Reading and writing imply describing; nothing else is granted.
kafka_grant_job() {
  local name=$1
  kafka_acls --add --allow-principal User:ncwatch --operation Read \
    --topic "$name.process-events" --topic "$name.network-events" &&
    kafka_acls --add --allow-principal User:ncwatch --operation Read \
      --group "$name" --resource-pattern-type prefixed &&
    kafka_acls --add --allow-principal User:ncwatch --operation Write \
      --topic "$name.alerts" --topic "$name.deadletter" &&
    kafka_acls --add --allow-principal User:ncwatch --operation Write \
      --transactional-id "$name" --resource-pattern-type prefixed
}

# Short-lived clients: a JVM that starts fast matters more than one that runs fast. Secured, they are admin.
kafka_topics() { kafka_tool org.apache.kafka.tools.TopicCommand "$@"; }
kafka_acls() { kafka_tool org.apache.kafka.tools.AclCommand "$@"; }

kafka_tool() {
  local tool=$1 config=()
  shift
  [[ $secure == true ]] && config=(--command-config "$kafka_secrets/admin.properties")
  kafka_java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dncwatch.log.level=warn "$tool" \
    --bootstrap-server "localhost:$kafka_port" "${config[@]}" "$@"
}

kafka_secret() {
  [[ -f $kafka_secrets/$1 ]] && cat "$kafka_secrets/$1"
  return 0
}

# Once per stack folder: random passwords, a CA, a certificate for localhost signed by it (keytool, from
# the JDK), and the admin's client settings; readable by this user only.
kafka_make_secrets() {
  [[ -f $kafka_secrets/admin.properties ]] && return
  rm -rf "$kafka_secrets"
  mkdir -p "$kafka_secrets"
  chmod 700 "$kafka_secrets"
  local file store=$kafka_secrets/keystore.password
  for file in admin.password ncwatch.password keystore.password; do
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$kafka_secrets/$file")
  done
  local keytool=(keytool -storetype PKCS12 -storepass:file "$store" -keypass:file "$store")
  "${keytool[@]}" -genkeypair -keystore "$kafka_secrets/ca.p12" -alias ca -keyalg EC -groupname secp256r1 \
    -dname "CN=ncwatch stack CA" -ext bc:c -validity 825 2>/dev/null
  "${keytool[@]}" -exportcert -rfc -keystore "$kafka_secrets/ca.p12" -alias ca -file "$kafka_secrets/ca.pem" 2>/dev/null
  "${keytool[@]}" -genkeypair -keystore "$kafka_secrets/broker.p12" -alias broker -keyalg EC -groupname secp256r1 \
    -dname "CN=localhost" -validity 825 2>/dev/null
  "${keytool[@]}" -certreq -keystore "$kafka_secrets/broker.p12" -alias broker 2>/dev/null |
    "${keytool[@]}" -gencert -keystore "$kafka_secrets/ca.p12" -alias ca -rfc -validity 825 \
      -ext san=dns:localhost,ip:127.0.0.1 -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth \
      >"$kafka_secrets/broker.pem" 2>/dev/null
  "${keytool[@]}" -importcert -noprompt -keystore "$kafka_secrets/broker.p12" -alias ca -file "$kafka_secrets/ca.pem" >/dev/null 2>&1
  "${keytool[@]}" -importcert -noprompt -keystore "$kafka_secrets/broker.p12" -alias broker -file "$kafka_secrets/broker.pem" >/dev/null 2>&1
  # The admin's password is read from its file by Kafka's DirectoryConfigProvider, not written here.
  cat >"$kafka_secrets/admin.properties" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
config.providers=dir
config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="\${dir:$kafka_secrets:admin.password}";
ssl.truststore.type=PEM
ssl.truststore.location=$kafka_secrets/ca.pem
PROPERTIES
}
