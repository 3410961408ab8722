#!/usr/bin/env bash
# JMH micro-benchmarks of logmon's hot pure code (AccessLogParser.parse, a batch's TallyTable,
# StatsAccumulator accumulate/merge) and of the Java serialisation Spark applies to summaries.
#   bench/jmh.sh                          # all, short: -wi 2 -i 3 -f 1, 2 s iterations
#   bench/jmh.sh ParserBenchmark          # one class (any JMH option works: -prof gc, -p lines=1000)
# Results go to stdout and bench/target/jmh-result.txt. Built from bench/pom.xml, outside the
# main build: `mvn test` never compiles or runs these.
set -euo pipefail

bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
mvn -B -q -f "$bench/pom.xml" process-classes
cd "$bench"

# Short defaults; an option given on the command line replaces its default (JMH refuses repeats).
defaults=()
for pair in "-wi 2" "-i 3" "-f 1" "-w 2s" "-r 2s"; do
  option="${pair%% *}"
  given=false
  for arg in "$@"; do [[ "$arg" == "$option" ]] && given=true; done
  $given || defaults+=($pair)
done

exec java -Xmx2g -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" org.openjdk.jmh.Main \
  "${defaults[@]}" -jvmArgsAppend "-Xmx2g" -rff "$bench/target/jmh-result.txt" -rf text "$@"
