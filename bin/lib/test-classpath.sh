# Sourced by bin/jmh and bin/ncwatch (bench): compiles main and test code with Maven and sets
# test_classpath to the classes and every test-scope dependency. Run from the project's root.
test_classpath_file=target/test-classpath.txt
mvn -q -B ${NCWATCH_MVN_OPTS:-} test-compile dependency:build-classpath \
  -Dmdep.outputFile="$test_classpath_file" -Dmdep.includeScope=test >&2
test_classpath="target/test-classes:target/classes:$(cat "$test_classpath_file")"
