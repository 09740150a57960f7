# Elasticsearch: the integ-test-zip distribution from Maven Central (ES_VERSION, else conf/stack/pom.xml's),
# single node; security off, or with --secure: TLS on HTTP with a certificate of the stack's CA, the
# superuser `elastic` (bootstrap password) and the user `ncwatch` with the least-privilege role
# ncwatch_writer of conf/elasticsearch/roles.yml, in the file realm; passwords and the CA certificate
# in $es_credentials.
# It refuses to run as root: as root, it runs as the unprivileged system user $es_user.

es_port=${ES_PORT:-9200}
es_transport_port=${ES_TRANSPORT_PORT:-$((es_port + 100))}
es_user=ncwatch-es
es_dist=$stack_dist/elasticsearch${ES_VERSION:+-$ES_VERSION}
es_home=$es_dist/home
es_dir=$stack_dir/elasticsearch
es_credentials=$es_dir/credentials

elasticsearch_pidfiles() { echo "$es_dir/elasticsearch.pid"; }
elasticsearch_logs() { echo "$es_dir/elasticsearch.log"; }
elasticsearch_url() {
  if [[ $secure == true ]]; then echo "https://localhost:$es_port"; else echo "http://localhost:$es_port"; fi
}

elasticsearch_install() {
  local dist=$es_dist
  [[ -d $es_home ]] && return
  maven_copy elasticsearch "$dist/zip" ${ES_VERSION:+-Delasticsearch.version=$ES_VERSION}
  rm -rf "$dist/unzipped"
  unzip -q "$dist"/zip/elasticsearch-*.zip -d "$dist/unzipped"
  mv "$dist"/unzipped/elasticsearch-* "$es_home"
  rmdir "$dist/unzipped"
}

# As root: the unprivileged user, created once, owning the node's folder.
es_user_setup() {
  id -u "$es_user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$es_user" ||
    id -u "$es_user" >/dev/null # created meanwhile by a concurrent `up`
  chown -R "$es_user:" "$es_dir"
  grant_traverse "$stack_dir"
  grant_traverse "$stack_dist"
  if ! as_es_user test -x "$es_home/bin/elasticsearch"; then
    die "user $es_user cannot run $es_home/bin/elasticsearch: set NCWATCH_STACK_DIR to a folder it can reach"
  fi
}

es_user_prefix=(setpriv --reuid="$es_user" --regid="$es_user" --init-groups)
as_es_user() { "${es_user_prefix[@]}" "$@"; }

# A checkout under a private folder (/root) hides the node's files from $es_user: let it traverse
# (not list) each folder above them that it cannot, and say so.
grant_traverse() {
  local dir=$1
  while [[ $dir != / ]]; do
    if ! as_es_user test -x "$dir"; then
      chmod o+x "$dir"
      echo "stack: let other users traverse $dir, so that $es_user reaches Elasticsearch's files" >&2
    fi
    dir=$(dirname "$dir")
  done
}

elasticsearch_start() {
  require_free_port "$es_port" ES_PORT
  require_free_port "$es_transport_port" ES_TRANSPORT_PORT
  mkdir -p "$es_dir/data" "$es_dir/logs" "$es_dir/tmp"
  [[ -d $es_dir/config ]] || cp -r "$es_home/config" "$es_dir/config"
  local security=off
  [[ $secure == true ]] && security=on
  cat "$root/conf/elasticsearch/elasticsearch.yml" "$root/conf/elasticsearch/security-$security.yml" \
    >"$es_dir/config/elasticsearch.yml"
  if [[ $secure == true ]]; then
    [[ -f $es_dir/config/tls/node.crt ]] || stack_certificate "$es_dir/config/tls"
    cp "$root/conf/elasticsearch/roles.yml" "$es_dir/config/roles.yml"
    mkdir -p "$es_credentials"
    local user
    for user in elastic ncwatch; do
      [[ -f $es_credentials/$user.password ]] || random_secret >"$es_credentials/$user.password"
    done
    cp "$es_dir/config/tls/ca.crt" "$es_credentials/ca.crt"
    chmod -R go-rwx "$es_credentials"
  fi
  local run_as=()
  if ((EUID == 0)); then
    es_user_setup
    run_as=("${es_user_prefix[@]}")
  fi
  local es_env=(env ES_JAVA_HOME="$(es_java_home)" ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"
    ES_PATH_CONF="$es_dir/config" ES_TMPDIR="$es_dir/tmp")
  # The tools read passwords from standard input, never from their arguments.
  if [[ $secure == true ]] && ! grep -qs '^ncwatch:' "$es_dir/config/users"; then
    [[ -f $es_dir/config/elasticsearch.keystore ]] ||
      "${run_as[@]}" "${es_env[@]}" "$es_home/bin/elasticsearch-keystore" create >/dev/null
    "${run_as[@]}" "${es_env[@]}" "$es_home/bin/elasticsearch-keystore" add -x -f bootstrap.password \
      <"$es_credentials/elastic.password" >/dev/null
    local password
    password=$(<"$es_credentials/ncwatch.password")
    # It prompts for the password on standard error: shown only when it fails.
    local output
    output=$(printf '%s\n%s\n' "$password" "$password" |
      "${run_as[@]}" "${es_env[@]}" "$es_home/bin/elasticsearch-users" useradd ncwatch -r ncwatch_writer 2>&1) ||
      { echo "$output" >&2; return 1; }
  fi
  launch "$es_dir/elasticsearch.pid" "$es_dir/elasticsearch.log" "${run_as[@]}" "${es_env[@]}" \
    "$es_home/bin/elasticsearch" -Epath.data="$es_dir/data" -Epath.logs="$es_dir/logs" \
    -Ehttp.port="$es_port" -Etransport.port="$es_transport_port"
}

# Elasticsearch 9 needs Java 21 or later: ES_JAVA_HOME, else the JDK of `java` or one under /usr/lib/jvm.
es_java_home() {
  if [[ -n ${ES_JAVA_HOME:-} ]]; then
    echo "$ES_JAVA_HOME"
    return
  fi
  if [[ ${ES_VERSION:-8} != 9.* ]]; then
    java_home
    return
  fi
  local jdk
  for jdk in "$(java_home)" /usr/lib/jvm/*; do
    if [[ -f $jdk/release ]] && (($(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release") >= 21)); then
      echo "$jdk"
      return
    fi
  done
  die "Elasticsearch $ES_VERSION needs Java 21 or later: set ES_JAVA_HOME"
}

# es_curl USER PASSWORD_FILE CURL_ARGUMENTS...: a request to the node as USER; the password goes to
# curl through its standard input, never on a command line that `ps` shows.
es_curl() {
  local user=$1 password_file=$2
  shift 2
  printf 'user = "%s:%s"\n' "$user" "$(<"$password_file")" |
    curl -fsS -K - --cacert "$es_credentials/ca.crt" "$@"
}

elasticsearch_ready() {
  local health="localhost:$es_port/_cluster/health?wait_for_status=yellow&timeout=1s"
  if [[ $secure == true ]]; then
    es_curl elastic "$es_credentials/elastic.password" --max-time 5 "https://$health" >/dev/null 2>&1
  else
    curl -fsS --max-time 5 "http://$health" >/dev/null 2>&1
  fi
}
