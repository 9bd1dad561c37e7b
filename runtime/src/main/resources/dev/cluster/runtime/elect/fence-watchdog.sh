# The elect agent's fence watchdog: a process outside the agent's JVM that kills the leader's child once the
# lease can have expired, whether or not the JVM is still scheduled (a GC pause, SIGSTOP, swapping).
# Run as: bash -c "$(cat fence-watchdog.sh)" fence-watchdog CONTAINER DEADLINE
#   CONTAINER  the --docker-container name, or empty
#   DEADLINE   when to fence, in /proc/uptime's centiseconds (a clock every process of the machine reads alike)
# Lines on stdin, from the agent:
#   group PGID      the child's process group (its own session, never 0 or 1): SIGKILLed on fencing
#   deadline N      a renewal etcd confirmed: the new deadline, computed from that renewal's sending time
#   release         the agent stopped the child itself: exit without fencing
# The deadline passing without a new one, any other line, or the end of stdin (the agent exited or died)
# fences: SIGKILL to the child's group, docker kill CONTAINER, then exit.
set -u
container=$1
deadline=$2
[[ $deadline =~ ^[1-9][0-9]*$ ]] || { echo "elect fence-watchdog: bad deadline '$deadline'" >&2; exit 2; }
group=0

fence() {
  echo "elect fence-watchdog: $1; killing the child${container:+ and container $container}" >&2
  if ((group > 1)); then
    kill -KILL -- "-$group" 2>/dev/null
  fi
  if [ -n "$container" ]; then
    docker kill "$container" >/dev/null 2>&1
  fi
  exit 0
}

while :; do
  read -r up _ </proc/uptime
  now=$((10#${up/./}))
  left=$((deadline - now))
  if ((left <= 0)); then
    fence "no confirmed lease renewal in time"
  fi
  printf -v timeout '%d.%02d' $((left / 100)) $((left % 100))
  if read -r -t "$timeout" word value; then
    case "$word $value" in
      "group "*) [[ $value =~ ^[1-9][0-9]*$ ]] && ((value > 1)) || fence "bad group '$value'"; group=$value ;;
      "deadline "*) [[ $value =~ ^[1-9][0-9]*$ ]] || fence "bad deadline '$value'"; deadline=$value ;;
      "release ") exit 0 ;;
      *) fence "unknown line '$word $value'" ;;
    esac
  elif (($? <= 128)); then
    fence "the agent closed the watchdog's input"
  fi
done
