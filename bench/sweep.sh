#!/usr/bin/env bash
# The runs behind the results table in bench/README.md, one after another (about 15 minutes):
# window (30 s / 1 s) and cumulative mode at rising rates and at full speed, high cardinality,
# a smaller heap at 200k/s, and 500 ms batches for latency. Rows collect in
# bench/target/sweep-<time>.md; each run's files stay in bench/target/runs/.
#   bench/sweep.sh                 # everything
#   bench/sweep.sh --seconds 20    # shorter runs (options go to every run)
# Each run first waits (up to $WAIT_QUIET s, default 300) for other processes to leave the cores idle.
# ONLY=REGEX keeps the runs whose options match (ONLY='cumulative|max').
set -uo pipefail

bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
stamp="$(date +%Y%m%d-%H%M%S)"
table="$bench/target/sweep-$stamp.md"
mkdir -p "$bench/target"

runs=(
  "--mode window --rate 50k"
  "--mode window --rate 100k"
  "--mode window --rate 200k"
  "--mode window --rate 500k"
  "--mode cumulative --rate 50k"
  "--mode cumulative --rate 100k"
  "--mode cumulative --rate 200k"
  "--mode cumulative --rate 500k"
  "--mode cumulative --cardinality high --rate 100k"
  "--mode window --cardinality high --rate 100k"
  "--mode window --max"
  "--mode cumulative --max"
  "--mode window --rate 200k --heap 384m"
  "--mode window --rate 50k --batch 500ms"
)

{
  echo "<!-- bench/sweep.sh $* on $(hostname), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores -->"
  echo "| run | mode | keys | target/s | sent/s | counted/s | completed/s | keeps up | proc p50/p99 ms | sched p50/p99 ms | sched slope ms/s | latency p50/p90 s | 1st data s | peak RSS MB | logmon cores | lines per logmon CPU-s | other cores |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$table"

first=true
for spec in "${runs[@]}"; do
  if [[ -n "${ONLY:-}" ]] && ! [[ "$spec" =~ $ONLY ]]; then continue; fi
  # GoAccess once (it reads the same normal-cardinality file every time).
  extra=(--no-goaccess)
  if $first; then extra=(); first=false; fi
  name="$(echo "$spec" | tr -d '-' | tr ' ' '_')"
  out="$bench/target/runs/sweep-$stamp/$name"
  mkdir -p "$(dirname "$out")"
  echo "=== bench/run.sh $spec $*" >&2
  # shellcheck disable=SC2086
  "$bench/run.sh" $spec "${extra[@]}" --wait-quiet "${WAIT_QUIET:-300}" --out "$out" "$@" >"$out.log" 2>&1 || echo "(run exited non-zero: see $out.log)" >&2
  grep -E "SUSTAINED|CPU|GoAccess /" "$out.log" >&2 || true
  if [[ -f "$out/row.md" ]]; then
    echo "| \`$spec\` $(cat "$out/row.md")" >>"$table"
  fi
done
echo "table: $table" >&2
cat "$table"
