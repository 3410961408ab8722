#!/usr/bin/env bash
# Writes target/logmon.classlist: the classes a short training run of logmon loads (the JVM's
# -XX:DumpLoadedClassList), from which bin/logmon makes its class-data archive on the machine
# where it runs (README "Fast start"). Run by Maven at process-classes (before the tests); the release
# archive ships the list as lib/logmon.classlist. A list names classes, not paths, so it is valid
# wherever the same jars are.
#   scripts/cds-classlist.sh [--force]
# Only the libraries' classes are kept (logmon's own are last on the class path and change with
# every build). The list depends on the dependencies only: it is made again when pom.xml is newer.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
list="$here/target/logmon.classlist"
if [[ "${1:-}" != --force && -s "$list" && "$list" -nt "$here/pom.xml" ]]; then
  exit 0
fi
work="$(mktemp -d -t logmon-classlist.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# A replay of the bundled sample in window and cumulative mode: Spark's, Netty's, Scala's start,
# a batch with data and one at rest, mapWithState. Its own state directory, no archive.
for mode in --window=30s --cumulative; do
  XDG_STATE_HOME="$work/state" LOGMON_BUILDING=1 LOGMON_CDS=off LOGMON_HEAP=512m \
    LOGMON_JAVA_OPTS="-XX:DumpLoadedClassList=$work/list$mode" \
    "$here/bin/logmon" --replay "$here/data/apache.access.log" --rate 1000 --duration 4s "$mode" \
    --output json --log-file "$work/spark.log" >/dev/null 2>"$work/err" \
    || { echo "cds-classlist: the training run failed:" >&2; cat "$work/err" >&2; exit 1; }
done
# Both runs' lists, each line once, without logmon's own classes and lambdas.
cat "$work"/list--* | grep -v -e '^logmon/' -e '^@lambda-proxy logmon/' | awk '!seen[$0]++' >"$work/list"
mv -f "$work/list" "$list"
