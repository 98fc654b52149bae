# scripts/docs-record.jq — the committed record of one scripts/docs run, made
# from the bench's own records and the excerpts scripts/docs collected (its
# --arg/--slurpfile inputs).  Only what the documents cite is kept: per step
# and size the medians, the spread (MAD) and the run list (time and peak of
# each run), the targets, the instruction counts, the one-thread table, the
# profile excerpts with their command and settings, the ./main examples, the
# memory-over-time outlines, the ladder and each step's diff size.  The result
# keeps the bench record's field names, so `scripts/bench show FILE` and
# `scripts/bench compare A B` read it too.

def r3: if type == "number" then (. * 1000 | round) / 1000 else . end;
def median: map(select(. != null)) | sort | length as $n
  | if $n == 0 then null elif $n % 2 == 1 then .[($n - 1) / 2] else (.[$n / 2 - 1] + .[$n / 2]) / 2 end;
def mad: median as $m | if $m == null then null else map(select(. != null) | . - $m | fabs) | median end;
def slim:
  if .status != "ok" then {version, size, status, note}
  else {version, size, status, height, width, threads, hugepages, chunk_size,
        wall_ms: (.wall_ms | r3), wall_mad_ms: ([.runs[].wall_ms] | mad | r3),
        cpu_ms: (.cpu_ms | r3), load_ms: (.load_ms | r3), compute_ms: (.compute_ms | r3),
        peak_rss_mb: (.peak_rss_mb | r3), peak_mad_mb: ([.runs[].peak_rss_mb] | mad | r3),
        process_peak_mb: (.process_peak_mb | r3), faults,
        runs: [.runs[] | {wall_ms: (.wall_ms | r3), peak_rss_mb: (.peak_rss_mb | r3)}]}
  end;
def size_note($settings; $results):
  ($results | map(select(.status == "ok")) | .[0] // {}) as $x
  | "median of \($settings.runs) runs"
    + (if any($results[]; (.version == "v0" or .version == "v1") and .status == "ok") and $settings.slow_runs < $settings.runs
       then " (v0, v1: \($settings.slow_runs))" else "" end)
    + (if $settings.mode == "fresh processes" then " in fresh processes" else " after \($settings.warmup) warm-up" end)
    + " · \($x.threads // "?") threads · huge pages \(if $x.hugepages then "on" else "off" end)";

$main[0] as $b
| ($one[0] // null) as $o
| {
    format: "scripts/docs record 1",
    name: $name, number: $number, change: (if $change == "" then null else $change end),
    command: $command, commit: $b.commit, dirty: $b.dirty,
    started: $started, finished: $finished,
    bench: {command: $bench_command, record: ($b.name), started: $b.started, finished: $b.finished},
    settings: ($b.settings | del(.main)),
    machine: ($b.machine + {load_average_at_end: $load_end, hdf5_version: ($b.machine.hdf5_version // (if $hdf5 == "" then null else $hdf5 end))}),
    ladder: $ladder[0],
    step_stats: $stats[0],
    sizes: [ ["s", "m", "l", "xl"][] as $s
             | ($b.results | map(select(.size == $s))) as $rs | select($rs | length > 0)
             | ($rs | map(select(.status == "ok")) | .[0] // {}) as $x
             | {size: $s, height: $x.height, width: $x.width, threads: $x.threads, hugepages: $x.hugepages,
                note: size_note($b.settings; $rs)} ],
    results: [$b.results[] | slim],
    targets: [$b.targets[] | .value |= r3 | .limit |= r3],
    instructions: ($b.instructions // [] | map(.per_pixel |= r3)),
    one_thread: (if $o == null then null else
        {command: $one_command, record: $o.name, settings: ($o.settings | del(.main)),
         results: [$o.results[] | slim]} end),
    profiles: $profiles,
    examples: $examples,
    rss: {size: $rss_size, versions: $rss},
    flamegraphs: $flames,
    sweep: ($sweep[0] // null),
    python: {about: ($b.python // null), results: [($b.results_python // [])[] | slim],
             talk_laptop_ms: $talk_ms, talk_laptop_mb: $talk_mb}
  }
