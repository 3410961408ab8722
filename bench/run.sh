#!/usr/bin/env bash
# logmon's end-to-end benchmark: generates a seeded access log, serves it on a loopback socket and
# runs the real bin/logmon against it, then reports throughput, batch health, latency, start-up
# time and peak RSS (and GoAccess's speed on the same file, when it is installed).
#   bench/run.sh --rate 200k --seconds 30 --mode window
#   bench/run.sh --max --mode cumulative --cardinality high
#   bench/run.sh --smoke                     # CI: 10 s, exits non-zero if logmon counted nothing
#   bench/run.sh --help
# Builds logmon (bin/logmon) and the harness (bench/pom.xml) first when needed.
set -euo pipefail

bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$bench/.." && pwd)"

build_bench() {
  local marker="$bench/target/classes/logmon/bench/BenchRun.class"
  if [[ -f "$marker" && -f "$bench/target/classpath.txt" ]] \
      && [[ -z "$(find "$bench/src" "$bench/pom.xml" "$root/src/main/java/logmon/core" -newer "$marker" -type f -print -quit)" ]]; then
    return 0
  fi
  echo "bench: building the harness (bench/pom.xml)..." >&2
  local log
  log="$(mktemp -t logmon-bench-build.XXXXXX)"
  if ! mvn -B -q -f "$bench/pom.xml" process-classes >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "bench: the harness failed to build" >&2
    exit 1
  fi
  rm -f "$log"
}

case " $* " in
  *" --help "*|*" -h "*) ;;
  *)
    build_bench
    # Build logmon now, so that its start-up time is not a Maven build.
    "$root/bin/logmon" --version >/dev/null
    ;;
esac
build_bench

cd "$root"
exec java -Xmx1g -XX:+UseSerialGC -cp "$bench/target/classes:$(cat "$bench/target/classpath.txt")" \
  logmon.bench.BenchRun --logmon "$root/bin/logmon" --data-dir "$bench/target/data" "$@"
