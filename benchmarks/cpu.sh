# Sourced by the benchmark scripts: the CPU time servers spend, read from the kernel's per-process counters, a figure
# that holds when the machine's speed swings between rounds (req/s do not).

CLOCK_TICKS=$(getconf CLK_TCK)

# cpu_ticks <pid>... -> the user and system time of the processes and of their live children (nginx's workers are
# the master's children), in clock ticks
cpu_ticks() {
    local pids=() pid total=0 ticks
    for pid in "$@"; do
        pids+=("$pid")
        while read -r child; do pids+=("$child"); done < <(pgrep -P "$pid" || true)
    done
    for pid in "${pids[@]}"; do
        ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
        total=$((total + ticks))
    done
    echo "$total"
}

# cpu_us_per_request <ticks-before> <ticks-after> <requests> -> microseconds of CPU per request, one decimal
cpu_us_per_request() {
    awk -v a="$1" -v b="$2" -v n="$3" -v hz="$CLOCK_TICKS" 'BEGIN {printf "%.1f", (n > 0 ? (b - a) * 1e6 / hz / n : 0)}'
}
