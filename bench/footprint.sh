#!/usr/bin/env bash
# logmon's footprint at rest and its start-up, as numbers (issue 11). Runs the real bin/logmon.
#   bench/footprint.sh idle  [--mode window|cumulative] [--settle 30] [--seconds 60] [--threads]
#       connected to a silent `nc -lk` on loopback: CPU over --seconds after --settle (from
#       /proc/PID/stat, utime+stime) as cores and as CPU ms per batch; VmRSS, VmHWM, threads;
#       with --threads, the CPU ms of each thread name (digits as N) over the same seconds
#   bench/footprint.sh start [--mode window|cumulative] [--runs 3]
#       launch → first JSON object, and → first object with requests > 0 (nc serves 1,000 lines
#       the moment logmon connects); the JVM's CPU seconds (user+sys) until then
#   bench/footprint.sh frame [--runs 3]
#       the dashboard in a 100x30 tmux pane: launch → first whole frame, → the 1,000 requests shown
# Common: --logmon BIN (default this checkout's bin/logmon); anything after -- goes to logmon.
# Each figure is printed with the load average (/proc/loadavg) at its start: start-up times are
# wall-clock and suffer from load, CPU seconds and RSS much less.
set -euo pipefail

bench="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
what="${1:-}"
shift || true
logmon="$bench/../bin/logmon"
mode=window
settle=30
per_thread=""
seconds=60
runs=3
extra=()
while (($#)); do
  case "$1" in
    --logmon) logmon="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --threads) per_thread=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "footprint: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$what" in idle|start|frame) ;; *) sed -n '2,13p' "$0" >&2; exit 2 ;; esac
mode_flags=()
[[ "$mode" == cumulative ]] && mode_flags=(--cumulative)

work="$(mktemp -d -t logmon-footprint.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  tmux -L "footprint-$$" kill-server 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { echo "${EPOCHREALTIME/./}"; } # microseconds
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return; }
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# "tid|ticks|name" for each thread of PID (the name is what the stat line holds between parentheses)
thread_ticks() {
  local stat
  for stat in /proc/"$1"/task/*/stat; do
    sed -E 's/^([0-9]+) \((.*)\) (.*)$/\1|\2|\3/' "$stat" 2>/dev/null |
      awk -F'|' '{split($3, f, " "); print $1 "|" f[12] + f[13] "|" $2}'
  done
}
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
# Waits (a hang detector of 300 s) until FILE has a line matching REGEX; prints the time then.
await_line() {
  local file="$1" regex="$2" deadline=$((SECONDS + 300))
  until grep -qE "$regex" "$file" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "footprint: no line /$regex/ in $file after 300 s" >&2; exit 1; }
    sleep 0.01
  done
  now
}
# 1,000 Combined lines, served to the first client that connects.
sample() {
  local i
  for ((i = 0; i < 1000; i++)); do
    printf '10.0.%d.%d - - [05/Dec/2026:00:00:00 +0000] "GET /page/%d HTTP/1.1" 200 %d "-" "bench"\n' \
      $((i / 250)) $((i % 250)) $((i % 37)) $((100 + i))
  done > "$work/sample.log"
}
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%d", (b - a) / 1000}'; }
stop_logmon() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

case "$what" in
  idle)
    port="$(free_port)"
    # nc reads a fifo that a sleep holds open and never writes to: silent, never at end of input.
    mkfifo "$work/silence"
    sleep 100000 >"$work/silence" &
    pids+=($!)
    nc -lk 127.0.0.1 "$port" <"$work/silence" >/dev/null &
    pids+=($!)
    "$logmon" --port "$port" --output json "${mode_flags[@]}" --log-file "$work/spark.log" \
      ${extra[@]+"${extra[@]}"} >"$work/out.jsonl" 2>"$work/err" &
    pid=$!
    pids+=("$pid")
    await_line "$work/out.jsonl" '"state":"connected' >/dev/null
    sleep "$settle"
    load0="$(load)"
    b0="$(wc -l <"$work/out.jsonl")"
    c0="$(cpu_ticks "$pid")"
    [[ -n "$per_thread" ]] && thread_ticks "$pid" >"$work/threads0"
    t0="$(now)"
    sleep "$seconds"
    c1="$(cpu_ticks "$pid")"
    [[ -n "$per_thread" ]] && thread_ticks "$pid" >"$work/threads1"
    t1="$(now)"
    b1="$(wc -l <"$work/out.jsonl")"
    tck="$(getconf CLK_TCK)"
    awk -v c="$((c1 - c0))" -v tck="$tck" -v us="$((t1 - t0))" -v b="$((b1 - b0))" -v mode="$mode" \
        -v rss="$(status_kb "$pid" VmRSS)" -v hwm="$(status_kb "$pid" VmHWM)" \
        -v threads="$(status_kb "$pid" Threads)" -v load="$load0" 'BEGIN {
      cpu = c / tck; secs = us / 1e6
      printf "idle %s: %.3f cores (%.2f CPU-s in %.1f s), %d batches, %.1f CPU ms per batch, RSS %d MB, VmHWM %d MB, %d threads, load %s\n",
        mode, cpu / secs, cpu, secs, b, b ? cpu * 1000 / b : 0, rss / 1024, hwm / 1024, threads, load }'
    if [[ -n "$per_thread" ]]; then
      # a thread's ticks at the end minus at the start (0 if it started later), summed by name
      awk -F'|' -v tck="$tck" 'NR == FNR {t0[$1] = $2; next}
        {name = $3; gsub(/[0-9]+/, "N", name); by[name] += $2 - ($1 in t0 ? t0[$1] : 0)}
        END {for (n in by) if (by[n] > 0) printf "  %7.0f ms  %s\n", by[n] * 1000 / tck, n}' \
        "$work/threads0" "$work/threads1" | sort -rn
    fi
    stop_logmon "$pid"
    ;;
  start)
    sample
    for ((run = 1; run <= runs; run++)); do
      port="$(free_port)"
      nc -lk 127.0.0.1 "$port" <"$work/sample.log" >/dev/null &
      nc_pid=$!
      load0="$(load)"
      t0="$(now)"
      "$logmon" --port "$port" --output json "${mode_flags[@]}" --log-file "$work/spark.log" \
        ${extra[@]+"${extra[@]}"} >"$work/out.jsonl" 2>"$work/err" &
      pid=$!
      pids+=("$pid" "$nc_pid")
      first="$(await_line "$work/out.jsonl" '^\{')"
      data="$(await_line "$work/out.jsonl" '"requests":[1-9]')"
      cpu="$(cpu_ticks "$pid")"   # CPU time to first data: suffers far less from load than wall-clock
      rss="$(status_kb "$pid" VmHWM)"
      stop_logmon "$pid"
      kill "$nc_pid" 2>/dev/null || true
      printf 'start %s run %d: launch → first object %d ms, → first object with data %d ms, CPU to first data %.2f s, VmHWM %d MB, load %s\n' \
        "$mode" "$run" "$(ms "$t0" "$first")" "$(ms "$t0" "$data")" "$(awk -v c="$cpu" -v t="$(getconf CLK_TCK)" 'BEGIN {print c / t}')" \
        $((rss / 1024)) "$load0"
      echo "$(ms "$t0" "$data")" >>"$work/data.ms"
    done
    echo "start $mode: median launch → first data $(median <"$work/data.ms") ms over $runs runs"
    ;;
  frame)
    sample
    for ((run = 1; run <= runs; run++)); do
      port="$(free_port)"
      nc -lk 127.0.0.1 "$port" <"$work/sample.log" >/dev/null &
      nc_pid=$!
      pids+=("$nc_pid")
      load0="$(load)"
      t0="$(now)"
      tmux -L "footprint-$$" new-session -d -x 100 -y 30 -s fp \
        "$(printf '%q ' "$logmon" --port "$port" "${mode_flags[@]}" --log-file "$work/spark.log" ${extra[@]+"${extra[@]}"})"
      first=""
      deadline=$((SECONDS + 300))
      while :; do
        screen="$(tmux -L "footprint-$$" capture-pane -p -t fp 2>/dev/null || true)"
        if [[ -z "$first" && "$screen" == *"logmon │"* && "$screen" == *"q quit"* ]]; then first="$(now)"; fi
        if [[ "$screen" == *"requests 1,000"* && "$screen" == *"q quit"* ]]; then data="$(now)"; break; fi
        ((SECONDS < deadline)) || { echo "footprint: no frame with the data after 300 s" >&2; exit 1; }
        sleep 0.01
      done
      tmux -L "footprint-$$" send-keys -t fp q
      while tmux -L "footprint-$$" has-session -t fp 2>/dev/null; do sleep 0.1; done
      kill "$nc_pid" 2>/dev/null || true
      printf 'frame run %d: launch → first frame %d ms, → the data on screen %d ms, load %s\n' \
        "$run" "$(ms "$t0" "$first")" "$(ms "$t0" "$data")" "$load0"
      echo "$(ms "$t0" "$first")" >>"$work/frame.ms"
    done
    echo "frame: median launch → first frame $(median <"$work/frame.ms") ms over $runs runs"
    ;;
esac
