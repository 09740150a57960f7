# Sourced by bin/ncwatch and bin/jmh from the checkout's top folder ($root).
# Builds MODULE (src/MODULE) and the modules it needs when their sources changed, then sets classpath.
build() {
  local module=src/$1
  local classpath_file=$module/target/classpath.txt stamp=$module/target/classes/.ncwatch-built
  if [[ ! -f $stamp || ! -f $classpath_file ]] ||
    [[ -n $(find pom.xml src/*/pom.xml src/*/src/main "$root/conf/elasticsearch" -newer "$stamp" -print -quit) ]]; then
    echo "ncwatch: building $module (mvn package, log in target/build.log)..." >&2
    mkdir -p target
    if ! mvn -B -DskipTests -pl "$module" -am package dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >target/build.log 2>&1; then
      tail -n 40 target/build.log >&2
      echo "ncwatch: the build failed (log: $root/target/build.log)" >&2
      exit 1
    fi
    touch "$stamp"
  fi
  classpath="$root/$module/target/classes:$(cat "$root/$classpath_file")"
}

