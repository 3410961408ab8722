#!/usr/bin/env bash
# Times the dashboard as a person sees it, in a private tmux server at 100x30:
#   1. launch of bin/logmon -> first dashboard frame on screen
#   2. a log line written into nc -> the dashboard's request count including it (median of N)
# Usage: scripts/dashboard-timing.sh [TRIES]   (needs tmux and nc; about 30 s + 3 s a try;
#        TRIES=0 measures the first frame only)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tries="${1:-5}"
work="$(mktemp -d -t logmon-timing.XXXXXX)"
sock="logmon-timing-$$"
tm() { tmux -u -L "$sock" -f /dev/null "$@"; }
now_ms() { date +%s%3N; }
nc_pid=""
cleanup() {
  tm kill-server 2>/dev/null || true
  [[ -n "$nc_pid" ]] && kill "$nc_pid" 2>/dev/null || true
  exec 3>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=""
for candidate in $(shuf -i 20000-60000 -n 50); do
  if ! (exec 9<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n "$port" ]] || { echo "no free port found" >&2; exit 1; }

# nc reads a FIFO we keep open, so lines can be written one at a time.
mkfifo "$work/feed"
nc -lk 127.0.0.1 "$port" < "$work/feed" > /dev/null &
nc_pid=$!
exec 3> "$work/feed"
line() { printf '10.0.0.%d - - [07/Mar/2004:16:05:49 -0800] "GET /timing/%d HTTP/1.1" 200 %d\n' $(( $1 % 200 )) "$1" "$1" >&3; }

export LANG=C.UTF-8
tm new-session -d -x 100 -y 30 -s t "bash --norc --noprofile"
start=$(now_ms)
tm send-keys -t t "$here/bin/logmon --cumulative --port $port --log-file $work/spark.log; echo EXIT=\$?" Enter
# The footer is the last row a refresh writes: once it shows, the whole first frame is there.
until tm capture-pane -p -t t | grep -q ' q quit '; do sleep 0.02; done
echo "first frame: $(( $(now_ms) - start )) ms after launch"
if ((tries == 0)); then tm send-keys -t t q; sleep 1; exit 0; fi

requests() { tm capture-pane -p -t t | sed -n 's/^requests \([0-9,]*\).*/\1/p' | tr -d ,; }
# Warm up: wait until Spark counts lines at all.
sent=0
until [[ "$(requests)" -ge 1 ]] 2>/dev/null; do sent=$((sent + 1)); line "$sent"; sleep 0.5; done
until [[ "$(requests)" -eq "$sent" ]]; do sleep 0.05; done
echo "warm after $(( $(now_ms) - start )) ms ($sent warm-up lines)"

results=()
for ((i = 1; i <= tries; i++)); do
  sleep "0.$((RANDOM % 10))"  # land anywhere in the 1 s batch
  sent=$((sent + 1))
  t0=$(now_ms)
  line "$sent"
  until [[ "$(requests)" -eq "$sent" ]]; do sleep 0.01; done
  took=$(( $(now_ms) - t0 ))
  results+=("$took")
  echo "try $i: line -> screen $took ms"
done
sorted=($(printf '%s\n' "${results[@]}" | sort -n))
echo "median line -> screen: ${sorted[$(( ${#sorted[@]} / 2 ))]} ms over ${#sorted[@]} tries (batch 1s)"
t0=$(now_ms)
tm send-keys -t t q
until tm capture-pane -p -t t | grep -q '^EXIT='; do sleep 0.02; done
echo "q -> shell back: $(( $(now_ms) - t0 )) ms ($(tm capture-pane -p -t t | grep '^EXIT='))"
