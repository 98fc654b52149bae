# scripts/docs-record.jq — a documents' record from a bench record and the excerpts
# scripts/docs collected, keeping only what the documents cite (bench field names kept),
# laid out one line per field and per array element (a result, a profile, a trace):
# small, and a diff of two records reads field by field.  Run with jq -r.

include "lib";
def r3: if type == "number" then (. * 1000 | round) / 1000 else . end;
def slim:
  if .status != "ok" then {version, size, status, note} + if .signal then {signal} else {} end
  else {version, size, status, height, width, threads, hugepages, chunk_size,
        wall_ms: (.wall_ms | r3), wall_mad_ms: (.wall_mad_ms // ([.runs[].wall_ms] | mad) | r3),
        cpu_ms: (.cpu_ms | r3), load_ms: (.load_ms | r3), compute_ms: (.compute_ms | r3),
        peak_rss_mb: (.peak_rss_mb | r3), peak_mad_mb: (.peak_mad_mb // ([.runs[].peak_rss_mb] | mad) | r3),
        process_peak_mb: (.process_peak_mb | r3), faults,
        runs: [.runs[] | {wall_ms: (.wall_ms | r3), peak_rss_mb: (.peak_rss_mb | r3)}]}
    + if .kernel then {kernel} else {} end
  end;

# a bench record's sizes, each with how its figures were taken
def sizes_of($b): [ ($b.results | sizes_in)[] as $s
    | ($b.results | map(select(.size == $s))) as $rs | select($rs | length > 0)
    | ($rs | map(select(.status == "ok")) | .[0] // {}) as $x
    | {size: $s, height: $x.height, width: $x.width, threads: $x.threads, hugepages: $x.hugepages,
       note: size_note($b.settings; $s; $rs)} ];

$main[0] as $b
| {
    format: "scripts/docs record 1",
    name: $name, number: $number, change: (if $change == "" then null else $change end),
    command: $command, commit: $b.commit, dirty: $b.dirty,
    started: $started, finished: $finished,
    bench: {command: $bench_command, record: ($b.name), started: $b.started, finished: $b.finished},
    settings: ($b.settings | del(.main)),
    machine: ($b.machine + {load_average_at_end: $load_end}),
    ladder: $ladder[0],
    step_stats: $stats[0],
    size_table: ($b.size_table // null),
    sizes: sizes_of($b),
    results: [$b.results[] | slim],
    targets: [$b.targets[] | .value |= r3 | .limit |= r3],
    instructions: ($b.instructions // [] | map(.per_pixel |= r3)),
    # the threaded steps and the floors of the bench's one-thread table
    one_thread: ([$ladder[0][] | select(.kind == "floor" or (.options | index("threaded"))) | .name] as $t
        | [($b.results_one_thread // [])[] | select(.version | IN($t[])) | slim]
        | if length == 0 then null else {command: $bench_command, record: $b.name, results: .} end),
    profiles: $profiles,
    examples: $examples,
    rss: {size: $rss_size, versions: $rss},
    flamegraphs: $flames,
    sweep: ($sweep[0] // null),
    python: {about: ($b.python // null), results: [($b.results_python // [])[] | slim],
             talk_laptop_ms: $talk_ms, talk_laptop_mb: $talk_mb},
    # the cold table (scripts/bench --cold): its own settings, sizes, results and targets
    cold: ($cold[0] // null | if . == null then null else
        {command: $cold_command, record: .name, started, finished, settings: (.settings | del(.main)),
         sizes: sizes_of(.), results: [.results[] | slim], targets: [.targets[] | .value |= r3 | .limit |= r3]} end)
  }
| "{\n" + (to_entries | map("\(.key | tojson): " + (.value as $v
    | if ($v | type) == "array" and ($v | length) > 0 then "[\n" + ($v | map("  " + tojson) | join(",\n")) + "\n]"
      elif ($v | type) == "object" and ($v | tojson | length) > 2000
      then "{\n" + ($v | to_entries | map("  \(.key | tojson): " + (.value as $w | if ($w | type) == "array" and ($w | length) > 0
          then "[\n" + ($w | map("    " + tojson) | join(",\n")) + "\n  ]" else $w | tojson end)) | join(",\n")) + "\n}"
      else $v | tojson end)) | join(",\n")) + "\n}"
