# Elasticsearch: the integ-test-zip distribution from Maven Central, single node, security off.
# It refuses to run as root: as root, it runs as the unprivileged system user $es_user.

es_port=${ES_PORT:-9200}
es_transport_port=${ES_TRANSPORT_PORT:-$((es_port + 100))}
es_user=ncwatch-es
es_home=$stack_dist/elasticsearch/home
es_dir=$stack_dir/elasticsearch

elasticsearch_pidfiles() { echo "$es_dir/elasticsearch.pid"; }
elasticsearch_logs() { echo "$es_dir/elasticsearch.log"; }
elasticsearch_url() { echo "http://localhost:$es_port"; }

elasticsearch_install() {
  local dist=$stack_dist/elasticsearch
  [[ -d $es_home ]] && return
  maven_copy elasticsearch "$dist/zip"
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
  cp "$root/conf/elasticsearch/elasticsearch.yml" "$es_dir/config/elasticsearch.yml"
  local run_as=()
  if ((EUID == 0)); then
    es_user_setup
    run_as=("${es_user_prefix[@]}")
  fi
  launch "$es_dir/elasticsearch.pid" "$es_dir/elasticsearch.log" "${run_as[@]}" \
    env ES_JAVA_HOME="$(java_home)" ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}" \
    ES_PATH_CONF="$es_dir/config" ES_TMPDIR="$es_dir/tmp" \
    "$es_home/bin/elasticsearch" -Epath.data="$es_dir/data" -Epath.logs="$es_dir/logs" \
    -Ehttp.port="$es_port" -Etransport.port="$es_transport_port"
}

elasticsearch_ready() {
  curl -fsS --max-time 5 "http://localhost:$es_port/_cluster/health?wait_for_status=yellow&timeout=1s" \
    >/dev/null 2>&1
}
