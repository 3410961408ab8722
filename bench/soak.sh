#!/usr/bin/env bash
# Soak test: runs logmon for N minutes at a steady rate, in window mode and in cumulative mode
# (with --checkpoint, so the receiver write-ahead log is on) side by side, each fed by its own
# loopback nc, and samples every 10 s: RSS, live heap after a full GC (jcmd), threads, open fds,
# checkpoint directory size and Spark log size. Prints a table and, per figure, a verdict: flat
# or growing. (RSS alone also grows while the JVM takes its heap up to -Xmx; the live heap after
# a forced GC is what a leak would move.)
#
#   bench/soak.sh [--minutes N] [--rate LINES_PER_SECOND] [--interval SECONDS] [--keep]
#
# Defaults: 60 minutes, 1000 lines/s per logmon, a sample every 10 s. Needs nc (netcat-openbsd)
# and pv (apt-get install pv); jcmd (in the JDK) for the heap column. Exit status: 0 when both
# runs lived to the end and stopped cleanly on SIGTERM, 1 otherwise (a "growing" verdict alone
# does not fail: judge it).
# Everything it starts is stopped on exit; --keep keeps the work directory (logs, JSON, samples).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
minutes=60
rate=1000
interval=10
keep=false
while (($#)); do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 ]] || { echo "soak: --minutes must be a whole number >= 1" >&2; exit 2; }
[[ "$rate" =~ ^[0-9]+$ && "$rate" -ge 1 ]] || { echo "soak: --rate must be a whole number >= 1" >&2; exit 2; }
[[ "$interval" =~ ^[0-9]+$ && "$interval" -ge 1 ]] || { echo "soak: --interval must be a whole number >= 1" >&2; exit 2; }
for tool in nc pv; do
  command -v "$tool" >/dev/null || { echo "soak: needs $tool (apt-get install $([[ $tool == nc ]] && echo netcat-openbsd || echo pv))" >&2; exit 2; }
done

work="$(mktemp -d -t logmon-soak.XXXXXX)"
modes=(window cumulative)
declare -A feeder_pid logmon_pid port

cleanup() {
  for mode in "${modes[@]}"; do
    [[ -n "${logmon_pid[$mode]:-}" ]] && kill -KILL "${logmon_pid[$mode]}" 2>/dev/null || true
    [[ -n "${feeder_pid[$mode]:-}" ]] && kill -TERM -- "-${feeder_pid[$mode]}" 2>/dev/null || true
  done
  if $keep; then echo "soak: work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    [[ -z "$(ss -ltnH "sport = :$p" 2>/dev/null)" ]] && { echo "$p"; return; }
  done
}

# A feeder: the sample log, over and over, at $rate lines/s, served by nc on loopback. setsid
# makes it a process group of its own, so that the whole pipeline can be stopped at once.
start_feeder() {
  local mode="$1"
  port[$mode]="$(free_port)"
  setsid bash -c 'while :; do cat "$1"; done | pv -q -l -L "$2" | exec nc -lk 127.0.0.1 "$3"' \
    feeder "$here/data/apache.access.log" "$rate" "${port[$mode]}" </dev/null >/dev/null 2>&1 &
  feeder_pid[$mode]=$!
}

start_logmon() {
  local mode="$1" args
  if [[ "$mode" == window ]]; then
    args=(--window 30s)
  else
    args=(--cumulative --checkpoint "$work/checkpoint")
  fi
  "$here/bin/logmon" "${args[@]}" --port "${port[$mode]}" --output json \
    --log-file "$work/$mode-spark.log" >"$work/$mode.jsonl" 2>"$work/$mode.err" </dev/null &
  logmon_pid[$mode]=$!
}

# The Spark log with its rolled files (spark.log.1 ...), in KiB.
log_kib() { du -ck "$work/$1-spark.log"* 2>/dev/null | tail -1 | cut -f1 || true; }
# Live heap after a full GC, in MiB ("-" without jcmd).
heap_mib() {
  command -v jcmd >/dev/null || { echo "-"; return; }
  timeout 20 jcmd "$1" GC.run >/dev/null 2>&1 || { echo "-"; return; }
  # Every generation's "total NK, used MK" line: one under G1, two under the serial collector.
  timeout 20 jcmd "$1" GC.heap_info 2>/dev/null | awk '/ total .* used / { for (i = 1; i < NF; i++) if ($i == "used") { sub("K,?", "", $(i + 1)); kb += $(i + 1) } } END { if (kb) printf "%.0f", kb / 1024 }'
}
json_field() { tail -1 "$work/$1.jsonl" 2>/dev/null | grep -o "\"$2\":[0-9.]*" | head -1 | cut -d: -f2; }

echo "soak: $minutes min at $rate lines/s per run, a sample every ${interval}s; work directory $work"
for mode in "${modes[@]}"; do start_feeder "$mode"; done
sleep 1
for mode in "${modes[@]}"; do start_logmon "$mode"; done

# Wait for both to report a batch (the first build and Spark's start take a while).
deadline=$((SECONDS + 300))
for mode in "${modes[@]}"; do
  until [[ -s "$work/$mode.jsonl" ]]; do
    kill -0 "${logmon_pid[$mode]}" 2>/dev/null || { echo "soak: $mode run exited at start:" >&2; cat "$work/$mode.err" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "soak: $mode run printed nothing in 300 s" >&2; exit 1; }
    sleep 1
  done
done

samples="$work/samples.tsv"
printf 'second\tmode\trss_mib\theap_mib\tthreads\tfds\tcheckpoint_kib\tlog_kib\trequests\tdelay_ms\n' >"$samples"
header='%7s  %-10s %8s %8s %8s %6s %14s %8s %12s %9s\n'
printf "$header" second mode rss_mib heap_mib threads fds checkpoint_kib log_kib requests delay_ms
start=$SECONDS
end=$((start + minutes * 60))
failed=""
while ((SECONDS < end)); do
  now=$((SECONDS - start))
  for mode in "${modes[@]}"; do
    pid="${logmon_pid[$mode]}"
    if ! kill -0 "$pid" 2>/dev/null; then
      failed="$failed $mode"
      continue
    fi
    heap=$(heap_mib "$pid")
    rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
    fds=$(ls "/proc/$pid/fd" | wc -l)
    ck="-"
    # Spark writes and removes files while du walks: a vanished file is not an error here.
    [[ "$mode" == cumulative ]] && ck=$(du -sk "$work/checkpoint" 2>/dev/null | cut -f1 || true)
    requests=$(json_field "$mode" requests)
    delay=$(json_field "$mode" schedulingDelayMs)
    row=("$now" "$mode" "$rss" "${heap:--}" "$threads" "$fds" "$ck" "$(log_kib "$mode")" "${requests:--}" "${delay:--}")
    printf '%s\t' "${row[@]}" | sed 's/\t$/\n/' >>"$samples"
    printf "$header" "${row[@]}"
  done
  [[ -z "$failed" ]] || break
  sleep "$interval"
done

status=0
if [[ -n "$failed" ]]; then
  for mode in $failed; do
    echo "soak: FAIL: the $mode run died; its stderr:" >&2
    tail -20 "$work/$mode.err" >&2
  done
  status=1
fi

# Verdict per figure and mode: leave out the first fifth (warm-up), then compare the mean of
# the first and the second half of the rest. "growing" when the later half is more than 10 %
# (and more than a small absolute margin) above the earlier one.
echo
echo "verdicts (after warm-up: mean of the earlier half -> mean of the later half):"
((minutes >= 10)) || echo "  (a run of $minutes min only shows that everything works: the write-ahead log rolls and is
  cleaned every minute or two, the JVM sizes its heap for minutes; judge verdicts from 10 min up)"
for mode in "${modes[@]}"; do
  awk -F'\t' -v mode="$mode" '
    NR > 1 && $2 == mode { n++; for (c = 3; c <= 8; c++) v[n, c] = $c }
    END {
      split("rss_mib heap_mib threads fds checkpoint_kib log_kib", name, " ")
      split("64 16 8 8 1024 1024", margin, " ")
      skip = int(n / 5); rest = n - skip
      if (rest < 2) { printf "  %-10s too few samples for a verdict\n", mode; exit }
      half = int(rest / 2)
      for (c = 3; c <= 8; c++) {
        if (v[1, c] == "-") continue
        a = 0; b = 0
        for (i = skip + 1; i <= skip + half; i++) a += v[i, c]
        for (i = skip + half + 1; i <= n; i++) b += v[i, c]
        a /= half; b /= (rest - half)
        growing = (b > a * 1.10 && b - a > margin[c - 2])
        printf "  %-10s %-15s %10.0f -> %10.0f  %s\n", mode, name[c - 2], a, b, growing ? "GROWING" : "flat"
      }
    }' "$samples"
done

# Stop both as a user would, and check they stop cleanly.
for mode in "${modes[@]}"; do
  pid="${logmon_pid[$mode]}"
  kill -0 "$pid" 2>/dev/null || continue
  kill -TERM "$pid"
  t0=$SECONDS
  code=0
  wait "$pid" || code=$?
  logmon_pid[$mode]=""
  echo "soak: $mode run stopped on SIGTERM in $((SECONDS - t0)) s with status $code"
  ((code == 0)) || status=1
done
echo "soak: samples in $samples$($keep || echo ' (removed at exit; --keep to keep)')"
exit $status
