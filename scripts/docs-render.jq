# scripts/docs-render.jq — the text of every generated block of the documents, a pure
# function of one record (so tests/docs can render it again and compare): render() one
# block, render_document() every block of a document.

include "lib";

# ---- numbers (the rest: scripts/lib.jq) ------------------------------------------
def commas: if . == null then "–" else round | tostring | until(test("\\d{4}") | not; sub("(?<a>\\d)(?<b>\\d{3})\\b"; "\(.a),\(.b)")) end;
def mega: if . == null then "–" else (. / 1e6 | fixed(1)) + " M" end;
def bytes: if . == null then "–" elif . >= 1e9 then (. / 1e9 | fixed(3)) + " GB" else (. / 1e6 | fixed(1)) + " MB" end;

# ---- the record ------------------------------------------------------------------
# the sizes as `main list --sizes` defined them for the record (before it kept them: the measured ones)
def size_table($r): $r.size_table // ($r.sizes | map({name: .size, height, width}));
def size_order($r): size_table($r) | map(.name);
def ok_results($r): $r.results | map(select(.status == "ok"));
def result($r; $s; $v): ($r.results | map(select(.size == $s and .version == $v)) | .[0]) // null;
def ok($r; $s; $v): result($r; $s; $v) | if . != null and .status == "ok" then . else null end;
def measured_sizes($r): ($r.results | map(.size) | unique) as $u | size_order($r) | map(select(IN($u[])));
def ladder_row($r; $v): ($r.ladder | map(select(.name == $v)) | .[0]) // null;
def floors($r): $r.ladder | map(select(.kind == "floor") | .name);
def steps($r): $r.ladder | map(select(.kind != "floor") | .name);
# table order: the floor rows first (every row is a multiple of the first), then the steps
def table_order($r): floors($r) + steps($r);
def parents($r; $v): (ladder_row($r; $v) // {}).parents // [];
def size_info($r; $s): ($r.sizes | map(select(.size == $s)) | .[0]) // null;
def dims($r; $s): (size_info($r; $s) // (size_table($r) | map(select(.name == $s)) | .[0]) // {}) as $i
  | if $i.height then [$i.height, $i.width] else null end;
def input_bytes($r; $s): dims($r; $s) as $d | if $d then $d[0] * $d[1] * 4 * 8 else null end;
def load1: if . == null then "?" else tostring | split(" ")[0] end;
def policy($r): $r.settings.environment.OMP_WAIT_POLICY // "unset (libgomp's default: spin, then sleep)";
def first_floor($r; $s): [floors($r)[] | ok($r; $s; .) | select(. != null)] | .[0];
# the Python original's result, timed in the record's run (before 0003: typed in from another)
def py($r; $s; $v):
  ((($r.python.results // []) | map(select(.size == $s and .version == $v and .status == "ok")) | .[0])
   // (($r.python.this_machine // {})[$s + ":" + $v] | if . then {wall_ms: .} else null end));
def has_python($r): [measured_sizes($r)[] as $s | steps($r)[] | py($r; $s; .) | select(. != null)] | length > 0;
# the cold table (data evicted from the page cache) reaches a size the warm one did not
def cold_beyond($r): measured_sizes($r) as $w | any(($r.cold.results // [])[]; .size | IN($w[]) | not);

# the charts docs-charts.sh draws from a record: an image block of another says it was not drawn
def charts($r):
  (if (ok_results($r) | length) > 0 then ["time.png", "memory.png"] else [] end)
  + (if has_python($r) then ["python.png"] else [] end)
  + (if (($r.rss.versions // []) | length) > 0 then ["rss.png"] else [] end)
  + (if (($r.one_thread.results // []) | length) > 0 then ["one-thread.png"] else [] end)
  + (if $r.sweep != null then ["sweep-chunk.png"] else [] end)
  + (if cold_beyond($r) then ["peak-size.png"] else [] end)
  + [steps($r)[] as $v | select(any(ok_results($r)[]; .version == $v)) | "step-\($v).png"];

# ---- links and the record's name ---------------------------------------------
def slides($doc): $doc | startswith("slides/");
def rel($doc; $target):
  if ($doc | startswith("docs/")) and ($target | startswith("docs/")) and ($doc | split("/") | length) == 2
  then $target[5:]
  else ([range(0; ($doc | split("/") | length) - 1)] | map("../") | join("")) + $target end;
def when($r): ($r.started // "")[0:10] + " " + ($r.started // "")[11:16] + " UTC";
def machine_short($r): "\($r.machine.cpu_model // "?"), \($r.machine.cores // "?") cores";
def commit_short($r): ($r.commit // "unknown")[0:7] + (if $r.dirty then " (+ uncommitted changes)" else "" end);
def source_note_full($r; $doc; $file):
  if slides($doc) then
    "<div class=\"note\">record \($r.name[0:4]) · commit \($r.commit[0:7])\(if $r.dirty then "+" else "" end) · \(when($r)) · \(machine_short($r)) · OMP_WAIT_POLICY=\(policy($r))</div>"
  else
    "<sub>From record [\($r.name[0:4])](\(rel($doc; $file))): commit \(commit_short($r)), \(when($r)), \(machine_short($r)), OMP_WAIT_POLICY=\(policy($r)).</sub>"
  end;
# on slides the record is named once (the machine slide, the closing line), not under every block
def source_note($r; $doc; $file): if slides($doc) then "" else source_note_full($r; $doc; $file) end;
def missing($r; $what): "*\($what): not in record \($r.name[0:4]) (`scripts/docs --\($r.view // "sizes") \(measured_sizes($r) | join(","))`).*";
# the cold table as a record of its own: a block or figure with the word "cold" reads it
def cold_view($r): $r + {view: "cold", results: ($r.cold.results // []), targets: ($r.cold.targets // []),
  sizes: ($r.cold.sizes // []), settings: ($r.cold.settings // $r.settings), one_thread: null,
  bench: {command: ($r.cold.command // "scripts/bench --cold: not in this record")}};

# ---- the table row, the same everywhere it is quoted -------------------------
def columns: ["size", "step", "time", "peak", "× floor", "vs parent", "load + compute", "cpu", "faults"];
def align: {"size": ":--", "step": ":--", "vs parent": "--:"};
def time_cell($x): if $x == null then "–" else "\($x.wall_ms | pm($x.wall_mad_ms)) ms" end;
def cells($r; $s; $v):
  result($r; $s; $v) as $x
  | if $x == null then null
    elif $x.status != "ok" then
      {"size": $s, "step": $v, "time": "\($x.status): \($x.note // "")"}
    else
      first_floor($r; $s) as $floor
      | {"size": $s, "step": $v, "time": time_cell($x), "peak": "\($x.peak_rss_mb | fmb) MB",
         "× floor": (ratio($x.wall_ms; $floor.wall_ms) | fx),
         "vs parent": ([parents($r; $v)[] as $p | [$p, ratio(ok($r; $s; $p).wall_ms; $x.wall_ms)]] | vs_parents),
         "load + compute": "\($x.load_ms | fms) + \($x.compute_ms | fms) ms",
         "cpu": "\($x.cpu_ms | fms) ms", "faults": ($x.faults | tostring)}
    end;
def md_row($cols; $c): "| " + ($cols | map($c[.] // "") | join(" | ")) + " |";
def md_head($cols): "| " + ($cols | join(" | ")) + " |\n|" + ($cols | map(align[.] // "--:") | join("|")) + "|";
def rows_table($r; $sizes; $versions; $cols):
  [ $sizes[] as $s | $versions[] as $v | cells($r; $s; $v) | select(. != null) | md_row($cols; .) ] as $rows
  | if ($rows | length) == 0 then null else md_head($cols) + "\n" + ($rows | join("\n")) end;
def size_caption($r; $s):
  size_info($r; $s) as $i | dims($r; $s) as $d
  | "**size \($s)**: \($d[0]) × \($d[1]) pixels · \($i.note // "") · OMP_WAIT_POLICY=\(policy($r))";

# ---- profiles ----------------------------------------------------------------------
def profile_key($tool; $version; $args): ([$tool, $version] + $args) | join(" ");
# a summary's sections: lines before the first "heading:" are section 0
def sections:
  reduce .[] as $l ([[]];
    if ($l | test("^[^ ].*:$")) then . + [[$l]] else .[:-1] + [.[-1] + [$l]] end);
def trim_sections($top; $only):
  sections | to_entries
  | map(select($only == null or (.key | IN($only[]))))
  | map(if .key == 0 or $top == null then .value else .value[0:1 + $top] end)
  | add // [];

# ---- block kinds -------------------------------------------------------------------
def opt($words; $name): ($words | map(select(startswith($name + "="))) | .[0] // null) | if . then .[($name | length) + 1:] else null end;
def plain($words): $words | map(select(test("^[a-z]+=") | not));
def list($r; $arg; $all): if $arg == null or $arg == "all" then $all else $arg | split(",") end;
def code($lines): "```\n" + ($lines | join("\n")) + "\n```";
def k_table($r; $w; $doc; $file):
  $w[1] as $s
  | if (measured_sizes($r) | index($s)) == null then missing($r; "size \($s)")
    else size_caption($r; $s) + "\n\n" + rows_table($r; [$s]; table_order($r); columns) + "\n\n"
         + "load + compute: the time each thread marked reading, then computing, summed; where threads overlap and the sum exceeds the wall time, both scaled by one factor to add up to it.\n\n"
         + source_note($r; $doc; $file) end;
def k_rows($r; $w; $doc; $file):
  list($r; $w[1]; measured_sizes($r)) as $sizes
  | list($r; $w[2]; table_order($r)) as $versions
  | (opt($w; "cols") | if . then ["size", "step"] + (split(",") | map({floor: "× floor", parent: "vs parent",
      split: "load + compute"}[.] // .)) else columns end) as $cols
  | ($sizes | map(select(IN(measured_sizes($r)[])))) as $have
  | rows_table($r; $have; $versions; $cols) as $t
  | if $t == null then missing($r; "\($versions | join(", ")) at \($sizes | join(", "))")
    else $t + "\n\n" + source_note($r; $doc; $file) end;
# near($q): a ratio within the noise rule's margin of 1 (lib.jq: noise_margin); a pair
# whose runs overlap but whose medians are further apart is told with its ratio, never
# as "within the noise" beside figures that differ by more.
def near($q): $q != null and $q > 0 and ([$q, 1 / $q] | max) <= 1 + noise_margin;
def effect_sentence($r; $s; $v):
  ok($r; $s; $v) as $x
  | if $x == null then null else
      [ parents($r; $v)[] as $p | ok($r; $s; $p) as $y | select($y != null)
        | ratio($y.wall_ms; $x.wall_ms) as $t
        | (separated($x; $y) | not) as $overlap
        | (if $overlap and near($t) then "as fast as \($p) within the noise (\($t | fx))"
           elif $t >= 1 then "\($t | fx) faster than \($p)"
           else "\(1 / $t | fx) slower than \($p)" end)
          + (if $overlap and (near($t) | not) then " (the runs overlap)" else "" end)
          + ", peak \(ratio($x.peak_rss_mb; $y.peak_rss_mb) | pct) of \($p)'s" ]
      | if length == 0 then null else "at \($s): " + join("; ") end
    end;
def k_effect($r; $w; $doc; $file):
  $w[1] as $v | parents($r; $v) as $ps
  | [measured_sizes($r)[] | select(ok($r; .; $v) != null)] as $sizes
  | if ($sizes | length) == 0 then missing($r; $v)
    else rows_table($r; $sizes; $ps + [$v]; columns) + "\n\n"
      + ([ $sizes[] as $s | effect_sentence($r; $s; $v) | select(. != null) ]
         | if length == 0 then "\($v) is the start of the ladder: every later step is measured against it."
           else "**\($v)**, " + join("; ") + "." end)
      + "\n\n" + source_note($r; $doc; $file) end;
def k_profile($r; $w; $doc; $file):
  plain($w) as $p | $p[1] as $tool | $p[2] as $v | $p[3:] as $args
  | (opt($w; "top") | if . then tonumber else null end) as $top
  | (opt($w; "sections") | if . then split(",") | map(tonumber) else null end) as $only
  | (opt($w; "head") | if . then tonumber else null end) as $head
  | (opt($w; "policy") | if . then " policy=" + . else "" end) as $pol
  | (($r.profiles // []) | map(select(.key == profile_key($tool; $v; $args) + $pol)) | .[0]) as $x
  | if $x == null then "*`scripts/profile \($p[1:] | join(" "))`: not in record \($r.name[0:4]) (scripts/docs measures every profile the documents quote).*"
    else
      code(["$ \($x.command)"]
           + ($x.summary | trim_sections($top; $only) | if $head then .[0:$head] else . end)
           + (if $x.status != 0 then ["(scripts/profile exited with status \($x.status))"] else [] end))
      + "\n\n" + source_note($r; $doc; $file)
    end;
def k_example($r; $w; $doc; $file):
  plain($w)[1:] as $a
  | (($r.examples // []) | map(select(.key == ($a | join(" ")))) | .[0]) as $x
  | if $x == null then "*`./main \($a | join(" "))`: not in record \($r.name[0:4]).*"
    else code(["$ \($x.command)"] + $x.output + if ($x.status // 0) != 0 then ["(exit \($x.status))"] else [] end)
      + "\n\n" + source_note($r; $doc; $file) end;
def k_diff($r; $w; $doc; $file):
  $w[1] as $v | parents($r; $v) as $ps
  | ($r.step_stats // [] | map(select(.step == $v))) as $stats
  | if ladder_row($r; $v) == null then missing($r; $v)
    elif ($ps | length) == 0 then code(["$ less \($v)/step.c        # the start: no parent, nothing to diff"])
    else
      code(["$ scripts/step \($v)            # " + ($ps | map("diff -u \(.)/step.c \($v)/step.c") | join(", then "))]
           + ["$ scripts/step --stat \($v)     # lines added and removed, header comment not counted"]
           + ($stats | map("\(.step | rp(4)) from \(.parent | rp(4)) +\(.added | rp(4)) -\(.removed)")))   # as scripts/step prints it
      + "\n\n" + source_note($r; $doc; $file)
    end;
def k_image($r; $w; $doc; $file):
  $w[1] as $name | ($w[2:] | join(" ")) as $caption
  | ($name | capture("^step-(?<v>[^.]+)\\.png$").v? // null) as $step
  | if $step != null and (charts($r) | index($name)) == null then missing($r; $step)
    elif (charts($r) | index($name)) == null and $name != "preview.png" then
      "*Chart \($name): not drawn from record \($r.name[0:4]).*"
    else "![\(if $caption == "" then $name else $caption end)](\(rel($doc; "docs/img/" + $name)))" end;
def k_flamegraph($r; $w; $doc; $file):
  $w[1] as $v
  | (($r.flamegraphs // []) | map(select(.version == $v)) | .[0]) as $f
  | if $f == null then
      # record 0002 predates scripts/profile's flame graph of v9: perf report instead
      "*No flame graph of \($v) in record \($r.name[0:4]) (`scripts/docs` draws one for every block like this one); from `perf report`:*"
      + "\n\n" + k_profile($r; ["profile", "perf-record", $v, "top=6", "sections=1"]; $doc; $file)
    else "![flame graph of \($v): `\($f.command)`](\(rel($doc; "docs/img/" + $f.file)))\n\n" + source_note($r; $doc; $file) end;
def probe_text($r):
  ($r.machine.probe // null) as $p
  | if $p == null then "not in record \($r.name[0:4])"
    else "first touch of fresh memory \($p.first_touch_4k_gbps | fixed(1)) GB/s in 4 KiB pages, \($p.first_touch_huge_gbps | fixed(1)) GB/s in huge pages; copy within mapped memory \($p.copy_gbps | fixed(1)) GB/s"
      + (if $p.page_cache_read_gbps then "; page cache read (the floor at \($p.page_cache_read_size)) \($p.page_cache_read_gbps | fixed(1)) GB/s" else "" end) end;
def k_machine($r; $w; $doc; $file):
  $r.machine as $m
  | ([($r.profiles // [])[] | select(.tool == "perf-stat") | .summary[] | select(test("hardware counters"))] | .[0]) as $hw
  | [ "- \($m.cpu_model // "?"), \($m.cores) cores, \($m.memory_gib | fixed(1)) GiB, \($m.kernel // "?")",
      "- transparent huge pages: `\($m.thp_enabled)` (defrag `\($m.thp_defrag)`)",
      "- \($m.compiler.version // "?"), meson buildtype \($m.build_options.buildtype // "?"); HDF5 \($m.hdf5_version // "?")",
      "- OpenMP: OMP_WAIT_POLICY=\(policy($r)), \([ok_results($r)[] | .threads] | max // "?") threads",
      (if $hw then "- " + ($hw | sub("^ +"; "")) else empty end),
      (if $m.probe then "- measured by `./main probe` and the floor: \(probe_text($r))" else empty end),
      "- load average \($m.load_average_at_start | load1) at the start of the run, \($m.load_average_at_end | load1) at the end (the machine is shared)" ]
  | join("\n") + "\n\n" + source_note_full($r; $doc; $file);
def k_source($r; $w; $doc; $file):
  "Record [\($r.name[0:4])](\(rel($doc; $file))): `\($r.command)` at commit \(commit_short($r)), \(when($r)) to \(($r.finished // "")[11:16]) UTC"
  + (if $r.change then "; the change it measured: “\($r.change)”" else "" end) + ". "
  + "The bench: `\($r.bench.command)`, median of \($r.settings.runs) runs (v0, v1: \($r.settings.slow_runs))"
  + (if $r.settings.mode == "fresh processes" then " in fresh processes" else " after \($r.settings.warmup) warm-up, one process per step and size" end)
  + "; the spread is the median absolute deviation of the runs (MAD). "
  + "On \(machine_short($r)), OMP_WAIT_POLICY=\(policy($r)); load average \($r.machine.load_average_at_start | load1) at the start, \($r.machine.load_average_at_end | load1) at the end.";
def k_targets($r; $w; $doc; $file):
  ($r.targets // []) as $t
  | ($t | map(select(.ok == true)) | length) as $met
  | ($t | map(select(.ok == false))) as $missed
  | ($t | map(select(.ok == null)) | length) as $open
  | def show($x; $u): $x | in_unit($u);
    def rel_sym: {">=": "≥", "<=": "≤"}[.] // .;
    def needs: "\(.relation | rel_sym) \(if .limit_text then (.limit_text | sub("\\+(?<n>[0-9]+)$"; " bytes + \(.n) MB")) else show(.limit; .unit) end)\(if .noise then ", beyond the noise" else "" end)";
    (if $w[1] == "table" then
      ($t | map(.size) | unique | sort_by(. as $s | size_order($r) | index($s))) as $sizes
      | "| group | target | needs | " + ($sizes | join(" | ")) + " | why |\n|:--|:--|:--|" + ($sizes | map(":--") | join("|")) + "|:--|\n"
        + ($t | group_by(.name) | sort_by(.[0] as $x | $t | index($x)) | map(
            . as $g | "| \(.[0].group) | \(.[0].name) | \(.[0] | needs) | "
            + ($sizes | map(. as $s | $g | map(select(.size == $s)) | .[0]
                | if . == null then " " elif .ok == null then "–" else "\(if .ok then "✓" else "✗" end) \(show(.value; .unit))" end) | join(" | "))
            + " | \(.[0].why // "–") |") | join("\n")) + "\n\n"
     else "" end)
    + "**\($met) of \($t | length - $open) targets met**" + (if $open > 0 then " (\($open) not measured)" else "" end)
    + (if ($missed | length) == 0 then "." else "; missed:\n\n" + ($missed | map("- \(.size): \(.name): \(show(.value; .unit)) (needs \(needs))") | join("\n")) end)
    + "\n\n" + source_note($r; $doc; $file);
def k_counts($r; $w; $doc; $file):
  ($r.instructions // []) as $i
  | if ($i | length) == 0 then missing($r; "instruction counts")
    else
      ($i[0].size) as $s
      | "| step | instructions | per pixel | page faults | peak |\n|:--|--:|--:|--:|--:|\n"
      + ([ table_order($r)[] as $v | ($i | map(select(.version == $v)) | .[0]) as $x | select($x != null)
           | ok($r; $s; $v) as $y
           | "| \($v) | \($x.instructions | commas) | \($x.per_pixel | fixed(1)) | \($y.faults // "–") | \($y.peak_rss_mb | fmb) MB |" ] | join("\n"))
      + "\n\nInstructions of the timed region at \($s) under callgrind (`--toggle-collect=measured_region`, one OpenMP thread); page faults and peak from the same record's bench at \($s).\n\n"
      + source_note($r; $doc; $file)
    end;
def k_python($r; $w; $doc; $file):
  list($r; $w[1]; measured_sizes($r)) as $sizes
  | ($r.python.talk_laptop_ms // {}) as $talk
  | [ $sizes[] as $s | steps($r)[] as $v | ok($r; $s; $v) as $x | py($r; $s; $v) as $p
      | select($x != null and $p != null)
      | "| \($s) | \($v) | \($p.wall_ms | fms) ms | \($x.wall_ms | fms) ms | \(ratio($p.wall_ms; $x.wall_ms) | fx) | \($p.peak_rss_mb | if . then fmb + " MB" else "–" end) | \($x.peak_rss_mb | fmb) MB | \($talk[$s + ":" + $v] // "–")\(if $talk[$s + ":" + $v] then " ms" else "" end) |" ] as $rows
  | if ($rows | length) == 0 then missing($r; "Python comparison")
    else "| size | step | Python | C | C faster by | Python, process peak | C, region peak | the talk's laptop, Python (quoted) |\n|:--|:--|--:|--:|--:|--:|--:|--:|\n"
      + ($rows | join("\n"))
      + "\n\nPython and C measured in the same run, on the machine of this record: each Python version in a fresh interpreter (\($r.python.about.python // "?"), numpy \($r.python.about.numpy // "?"), numba \($r.python.about.numba // "?")), one warm-up call, then one timed call per round, interleaved with the C rounds; its peak is the whole interpreter's. The last column quotes the talk's own README (a laptop, i7-7500U, Python 3.11: docs/spec.md §6), another machine, for scale only. How much faster C is follows the machine: the Python versions pay for fresh memory more often than the C steps do (this machine's probe: \(probe_text($r))).\n\n"
      + source_note($r; $doc; $file) end;
def k_onethread($r; $w; $doc; $file):
  ($r.one_thread // null) as $o
  | if $o == null or (($o.results // []) | length) == 0 then
      "*No one-thread figures in record \($r.name[0:4]).*"
    else
      ($o | {results: .results, ladder: $r.ladder, sizes: $r.sizes, size_table: $r.size_table}) as $one
      | list($r; $w[1]; measured_sizes($one)) as $sizes
      | [ $sizes[] as $s | table_order($r)[] as $v | ok($one; $s; $v) as $a | select($a != null)
          | ok($r; $s; $v) as $b | first_floor($one; $s) as $f
          | "| \($s) | \($v) | \(time_cell($a)) | \(time_cell($b)) | \(ratio($a.wall_ms; $b.wall_ms) | fx) | \(ratio($a.wall_ms; $f.wall_ms) | fx) |" ] as $rows
      | "| size | step | 1 thread | \([ok_results($r)[] | .threads] | max) threads | speed-up with \([ok_results($r)[] | .threads] | max) threads | × one-thread floor |\n|:--|:--|--:|--:|--:|--:|\n"
        + ($rows | join("\n"))
        + "\n\nOne thread: `\($o.command)`; the other column is the record's main table.\n\n"
        + source_note($r; $doc; $file)
    end;
# the talk's own figures (docs/talk.tsv, quoted in the record): one row per size, a column per step
def k_talk($r; $w; $doc; $file):
  ($r.python.talk_laptop_ms // {}) as $ms | ($r.python.talk_laptop_mb // {}) as $mb
  | [steps($r)[] as $v | select(any($ms | keys[]; endswith(":" + $v))) | $v] as $vs
  | if ($ms | length) == 0 then "*The talk's figures: not in record \($r.name[0:4]).*"
    else "| size | \($vs | join(" | ")) |\n|---|\($vs | map("--:") | join("|"))|\n"
      + ([ size_order($r)[] as $s | select(any($ms | keys[]; startswith($s + ":")))
           | "| \($s) |" + ([ $vs[] | $ms[$s + ":" + .] as $t | $mb[$s + ":" + .] as $m
               | if $t == null then " " else " \($t) ms<br>\($m | fmb) MB " end ] | join("|")) + "|" ]
         | join("\n"))
      + "\n\n<sub>docs/talk.tsv, as record [\($r.name[0:4])](\(rel($doc; $file))) quotes it.</sub>"
    end;
def k_sizes($r; $w; $doc; $file):
  "| size | pixels | input (probabilities, float64) | output (RGB) | in this record |\n|:--|--:|--:|--:|:--|\n"
  + ([ size_order($r)[] as $s | dims($r; $s) as $d
       | "| \($s) | \($d[0]) × \($d[1]) | \(input_bytes($r; $s) | bytes) | \($d[0] * $d[1] * 3 | bytes) | \(if (measured_sizes($r) | index($s)) != null then "yes" else "no" end) |" ]
     | join("\n"))
  + "\n\n" + source_note($r; $doc; $file);
# the sizes as ./main list --sizes printed them for the record (size_table; records before
# it: the sizes they measured, CSVs written for s and m, as ./main then did)
def size_list($r): [size_table($r)[] | {size: .name, height, width, csv: (.csv // (.name | IN("s", "m")))}];
# disk a size takes, from its pixels and the formats of docs/spec.md §3: data.hdf5 holds
# 35 bytes a pixel (four float64 probabilities, three uint8 of the image), the four CSVs 100
# (four values of 25 characters); the preview PNG apart
def k_disk($r; $w; $doc; $file):
  (list($r; $w[1]; size_list($r) | map(.size))) as $total_sizes
  | [size_list($r)[] | . + {px: (.height * .width)} | . + {hdf5: (.px * 35), csvs: (if .csv then .px * 100 else 0 end)}] as $l
  | "| size | pixels | data.hdf5 | the four CSVs | together |\n|:--|--:|--:|--:|--:|\n"
    + ($l | map("| \(.size) | \(.height) × \(.width) | \(.hdf5 | bytes) | \(if .csv then .csvs | bytes else "not written" end) | \(.hdf5 + .csvs | bytes) |") | join("\n"))
    + "\n\nWith \($total_sizes | join(", ")) generated: \([$l[] | select(.size | IN($total_sizes[])) | .hdf5 + .csvs] | add | bytes) in data/, each size with a preview PNG of a few MB besides."
    + "\n\n" + source_note($r; $doc; $file);
# mpi/README.md's table: mpi/record.json, written by RECORD=mpi/record.json mpi/measure.sh
def k_mpi($r; $w; $doc; $file):
  (($ARGS.named.mpi // [])[0]) as $m
  | if $m == null then "*No mpi/record.json: `RECORD=mpi/record.json mpi/measure.sh data/s` makes it.*"
    else "| size | program | transfer | time | load | compute | gather | peak | per rank | GB/s a rank |\n|:--|:--|:--|--:|--:|--:|--:|--:|--:|--:|\n"
      + ($m.rows | map([.program | capture("^mpi (?<n>.*) (?<t>[a-z]+)$")][0] as $p
          | "| \(.size) | \(if $p then "main-mpi \($p.n)" else .program | sub("^main (?<v>[^,]+)"; "`main \(.v)`") end) | \($p.t // "")"
            + " | \(.wall_ms | fms) ms | \(.load_ms | fms) | \(.compute_ms | fms) | \(if $p then .assemble_ms | fms else "" end)"
            + " | \(.peak_mb | fixed(1)) MB | \(if (.rank_peaks_mb | length) > 1 then .rank_peaks_mb | map(fixed(1)) | join(" · ") else "" end)"
            + " | \(.gbps_rank | fixed(1)) |") | join("\n"))
      + "\n\n<sub>From [mpi/record.json](\(rel($doc; "mpi/record.json"))): `\($m.command)` at commit \(commit_short($m)), \(when($m)), "
      + "\(machine_short($m)), OMP_WAIT_POLICY=\(policy($m)), load average \($m.machine.load_average_at_start) at the start, \($m.machine.load_average_at_end) at the end.</sub>"
    end;
def k_figures($r; $w; $doc; $file):
  $w[1] as $v
  | [measured_sizes($r)[] | select(ok($r; .; $v) != null)] as $sizes
  | if ($sizes | length) == 0 then "<div class=\"figures\">\($v): not in record \($r.name[0:4])</div>"
    else ([$sizes[0], $sizes[-1]] | unique_by(.) | sort_by(. as $s | size_order($r) | index($s))) as $show
      | "<div class=\"figures\"><b>\($v)</b> · "
        + ($show | map(. as $s | ok($r; $s; $v) | "\($s): \(time_cell(.)), \(.peak_rss_mb | fmb) MB") | join(" · "))
        + ([ $show[] as $s | effect_sentence($r; $s; $v) | select(. != null) ] | if length == 0 then "" else "<br>" + join("; ") end)
        + "</div>\n" + source_note($r; $doc; $file)
    end;
def k_sweep($r; $w; $doc; $file):
  if $r.sweep == null then "*No chunk-size sweep in record \($r.name[0:4]).*"
  else code(["$ \($r.sweep.command)"] + $r.sweep.output) + "\n\n" + source_note($r; $doc; $file) end;
def change_cell($hist; $i; $s; $v):
  ($hist[$i].results | map(select(.size == $s and .version == $v)) | .[0]) as $x
  | if $x == null then null else
      ([ $hist[0:$i][] | .results[] | select(.size == $s and .version == $v) ] | .[-1]) as $y
      | "\($s) \(time_cell($x))"
        + (if $y == null then ""
           elif separated($x; $y) | not then " ~"
           elif $x.wall_ms < $y.wall_ms then " \(ratio($y.wall_ms; $x.wall_ms) | fx) faster"
           else " \(ratio($x.wall_ms; $y.wall_ms) | fx) slower" end)
    end;
def k_changes($r; $w; $doc; $file; $hist):
  table_order($r) as $versions
  | (list($r; $w[1]; ["s", "xl"])) as $sizes
  | "| record | date | commit | the change measured | wait policy | " + ($versions | join(" | ")) + " |\n"
    + "|:--|:--|:--|:--|:--|" + ($versions | map("--:") | join("|")) + "|\n"
    + ([ range(0; $hist | length) as $i | $hist[$i] as $h
         | "| [\($h.name[0:4])](\(rel($doc; "docs/records/" + $h.name + ".json"))) | \($h.date) | \($h.commit[0:7])\(if $h.dirty then "+" else "" end) | \($h.change // "–") | \($h.settings.environment.OMP_WAIT_POLICY // "unset") | "
           + ($versions | map(. as $v | [ $sizes[] as $s | change_cell($hist; $i; $s; $v) | select(. != null) ]
                                 | if length == 0 then "–" else join("<br>") end) | join(" | ")) + " |" ]
       | join("\n"))
    + "\n\nEach cell: median ± MAD of the runs, ms, then what the change bought against the previous record that measured the same step and size: `~` when the project's noise rule calls no difference (the middle halves of the two records' runs overlap, or the medians are within 10 %; README, Figures).\n\n"
    + source_note($r; $doc; $file);
# ---- comparisons: the words of a sentence chosen by the record ------------------------
# compare($r; $s; $a; $b; $f): how A stands to B at size S, in time ($f "time") or peak
# ("peak"), as words a sentence can hold: "within the noise of" / "1.20× faster than" /
# "1.20× slower than"; "the same peak as" (it rounds to 100 %) / "a peak within 10 % of"
# (the noise rule calls no difference) / "78 % of the peak of". Noise: separated().
def compare($r; $s; $a; $b; $f):
  ok($r; $s; $a) as $x | ok($r; $s; $b) as $y
  | if $x == null or $y == null then "(\($a) against \($b) at \($s): not in record \($r.name[0:4]))"
    elif $f == "peak" then ratio($x.peak_rss_mb; $y.peak_rss_mb) as $q
      | if ($q | pct) == "100 %" then "the same peak as"
        elif separated_in("peak_rss_mb"; $x; $y) then "\($q | pct) of the peak of"
        elif near($q) then "a peak within \(noise_margin * 100 | fixed(0)) % of"
        else "\($q | pct) (the runs overlap) of the peak of" end
    else ratio($y.wall_ms; $x.wall_ms) as $q | (separated($x; $y) | not) as $overlap
      | if $overlap and near($q) then "within the noise of"
        else (if $q >= 1 then "\($q | fx) faster" else "\(1 / $q | fx) slower" end)
          + (if $overlap then " (the runs overlap)" else "" end) + " than" end end;
# claim($r; $w): the failures of one hand-worded claim, [] when it holds.
# $w: SIZES A REL B [peak] [ratio>=N|ratio<=N]; SIZES "s,m" or "all" (every size both
# were measured at); REL "~" (the runs do not separate), "<" or ">" (they separate, A
# below or above B); ratio: B's time over A's (the "× faster"), or A's peak over B's.
def claim($r; $w):
  ($w | map(select(test("^(ratio|[a-z]+=)") | not))) as $p
  | $p[1] as $a | $p[2] as $rel | $p[3] as $b | (if $p[4] == "peak" then "peak" else "time" end) as $f
  | ($w | map(capture("^ratio(?<op>[<>]=)(?<n>[0-9.]+)$")) | .[0]) as $bound
  | (if $p[0] == "all" then [measured_sizes($r)[] | select(ok($r; .; $a) != null and ok($r; .; $b) != null)]
     else $p[0] | split(",") end) as $sizes
  | "\($a) \($rel) \($b)\(if $f == "peak" then " (peak)" else "" end)\(if $bound then " ratio\($bound.op)\($bound.n)" else "" end)" as $what
  | if ($rel | IN("~", "<", ">") | not) or $b == null then ["claim '\($w | join(" "))': REL is ~, < or > (SIZES A REL B [peak] [ratio>=N])"]
    elif ($sizes | length) == 0 then ["claim \($what): no size of record \($r.name[0:4]) has both"]
    else [ $sizes[] as $s | ok($r; $s; $a) as $x | ok($r; $s; $b) as $y
      | if $x == null or $y == null then "claim \($what) at \($s): not in record \($r.name[0:4])"
        else
          (if $f == "peak" then "peak_rss_mb" else "wall_ms" end) as $k
          | separated_in($k; $x; $y) as $sep
          | (if $f == "peak" then ratio($x[$k]; $y[$k]) else ratio($y[$k]; $x[$k]) end) as $q
          | (if $rel == "~" then ($sep | not) elif $rel == "<" then $sep and $x[$k] < $y[$k] else $sep and $x[$k] > $y[$k] end) as $held
          | (if $bound == null then true elif $bound.op == ">=" then $q >= ($bound.n | tonumber) else $q <= ($bound.n | tonumber) end) as $inbound
          | if $held and $inbound then empty
            else "claim \($what) at \($s) does not hold in record \($r.name[0:4]): \($a) \($x[$k] | fms), \($b) \($y[$k] | fms)"
              + " (\(if $sep then "the runs separate" else "the runs do not separate" end); ratio \($q | fms))" end
        end ] end;

# ---- inline: one figure inside a sentence ----------------------------------------------
def inline($r; $w):
  $w[0] as $k | $w[1] as $s | ok($r; $s; $w[2]) as $x | "not in record \($r.name[0:4])" as $nir
  | if $k == "input" then input_bytes($r; $s) | bytes
    elif $k == "record" then $r.name[0:4]
    elif $k == "compare" then compare($r; $s; $w[2]; $w[3]; $w[4] // "time")
    elif $k == "instructions" then (($r.instructions // []) | map(select(.version == $s)) | .[0])
      | if . == null then "(instructions of \($s): \($nir))" else .instructions | mega end
    elif $k == "probe" then ($r.machine.probe // {})[$s + "_gbps"]   # in GB/s
      | if . == null then "(probe \($s): \($nir))" else fixed(1) + " GB/s" end
    elif $k == "python" then py($r; $s; $w[2]) as $p
      | if $x == null or $p == null then "(\($w[2]) against Python at \($s): \($nir))" else ratio($p.wall_ms; $x.wall_ms) | fx end
    elif $k == "ratio" then ok($r; $s; $w[3]) as $b
      | if $x == null or $b == null then "(\($w[2]) against \($w[3]) at \($s): \($nir))"
        elif ($w[4] // "time") == "peak" then ratio($x.peak_rss_mb; $b.peak_rss_mb) | pct
        else ratio($b.wall_ms; $x.wall_ms) | fx end
    elif $k == "value" then
      if $x == null then "(\($w[2]) at \($s): \($nir))"
      else {time: (if $x.wall_ms >= 10000 then "\($x.wall_ms / 1000 | fms) s" else "\($x.wall_ms | fms) ms" end), peak: "\($x.peak_rss_mb | fmb) MB", load: "\($x.load_ms | fms) ms",
            compute: "\($x.compute_ms | fms) ms", faults: "\($x.faults)", cpu: "\($x.cpu_ms | fms) ms",
            floor: (ratio($x.wall_ms; first_floor($r; $s).wall_ms) | fx)}[$w[3]] // "(unknown field \($w[3]))" end
    # the slides' notes: a step's time with one thread; the size of the memory traces
    elif $k == "onethread" then ok({results: (($r.one_thread // {}).results // [])}; $s; $w[2])
      | if . == null then "(\($w[2]) with one thread at \($s): \($nir))" else "\(.wall_ms | fms) ms" end
    elif $k == "tracesize" then $r.rss.size // "(the memory traces: \($nir))"
    # share TOOL STEP SYMBOL [top=N]: the percentage on the first line of the profile's
    # summary that names SYMBOL (with top=N, as far as an excerpt of top=N shows):
    # a takeaway naming a symbol that is not in its excerpt renders "not in record"
    elif $k == "share" then $w[3] as $sym | (opt($w; "top") | if . then tonumber else null end) as $top
      | (($r.profiles // []) | map(select(.key == "\($w[1]) \($w[2])")) | .[0].summary // [] | trim_sections($top; null)
         | map(select(contains($sym)) | capture("(?<p>[0-9.]+%)").p? // empty) | .[0]) as $p
      | $p // "(\($sym) in scripts/profile \($w[1]) \($w[2])\(if $top then " top=\($top)" else "" end): \($nir))"
    else "(unknown inline kind \($k))" end;

# ---- the entry point ------------------------------------------------------------------
def render($r; $w; $doc; $file; $mode; $hist):
  $w[0] as $k
  | if ($w | index("cold")) != null then render(cold_view($r); $w - ["cold"]; $doc; $file; $mode; $hist)
    elif $mode == "inline" then inline($r; $w)
    else
      "\n" + (
      if $k == "table" then k_table($r; $w; $doc; $file)
      elif $k == "rows" then k_rows($r; $w; $doc; $file)
      elif $k == "effect" then k_effect($r; $w; $doc; $file)
      elif $k == "profile" then k_profile($r; $w; $doc; $file)
      elif $k == "example" then k_example($r; $w; $doc; $file)
      elif $k == "diff" then k_diff($r; $w; $doc; $file)
      elif $k == "image" then k_image($r; $w; $doc; $file)
      elif $k == "flamegraph" then k_flamegraph($r; $w; $doc; $file)
      elif $k == "machine" then k_machine($r; $w; $doc; $file)
      elif $k == "source" then k_source($r; $w; $doc; $file)
      elif $k == "targets" then k_targets($r; $w; $doc; $file)
      elif $k == "counts" then k_counts($r; $w; $doc; $file)
      elif $k == "python" then k_python($r; $w; $doc; $file)
      elif $k == "onethread" then k_onethread($r; $w; $doc; $file)
      elif $k == "sizes" then k_sizes($r; $w; $doc; $file)
      elif $k == "talk" then k_talk($r; $w; $doc; $file)
      elif $k == "disk" then k_disk($r; $w; $doc; $file)
      elif $k == "mpi" then k_mpi($r; $w; $doc; $file)
      elif $k == "figures" then k_figures($r; $w; $doc; $file)
      elif $k == "sweep" then k_sweep($r; $w; $doc; $file)
      elif $k == "changes" then k_changes($r; $w; $doc; $file; $hist)
      else error("unknown block kind '\($k)'") end) + "\n"
    end;

# ---- a whole document ------------------------------------------------------------------
# render_document(text; records; forced; doc; hist): {text, errors}, the document with every
# block rendered again from the record it names, or from `forced` (a number) if not null;
# records: those it may name, by number ("0001": {…}).
def spec_words: split(" ") | map(select(length > 0));
def spec_record: spec_words | map(select(startswith("record="))[7:]) | .[0];
def spec_plain: spec_words | map(select(startswith("record=") | not));
def render_document($text; $records; $forced; $doc; $hist):
  def one($spec; $mode):
    ($forced // ($spec | spec_record)) as $n
    | if $n == null then {error: "block '\($spec)' names no record (scripts/docs --render fills it in)"}
      elif $records[$n] == null then {error: "block '\($spec)' names record \($n), which is not in docs/records/"}
      else $records[$n] as $r
        | try {number: $n, text: render($r; $spec | spec_plain; $doc; "docs/records/\($r.name).json"; $mode; $hist)}
          catch {error: "block '\($spec)': \(.)"}
      end;
  # a claim (<!-- claim: SPEC record=NNNN -->, anywhere in a line of prose) is checked
  # against its record, findings apart from errors: --render still rewrites the document
  def claims($i):
    .out[-1] as $cur
    | reduce ([$cur | match("<!-- claim: (?<s>.*?) -->"; "g")] | reverse[]) as $m (.;
        ($m.captures[0].string) as $spec | ($forced // ($spec | spec_record)) as $n
        | if $n == null then .errors += ["\($doc):\($i + 1): claim '\($spec)' names no record (scripts/docs --render fills it in)"]
          elif $records[$n] == null then .errors += ["\($doc):\($i + 1): claim '\($spec)' names record \($n), which is not in docs/records/"]
          else .findings += [($spec | spec_plain) as $p | claim(if ($p | index("cold")) != null then cold_view($records[$n]) else $records[$n] end; $p - ["cold"])[] | "\($doc):\($i + 1): \(.)"]
            | .out[-1] |= .[0:$m.offset] + "<!-- claim: \($spec | spec_plain | join(" ")) record=\($n) -->" + .[$m.offset + $m.length:] end);
  ($text | split("\n")) as $lines
  | reduce range(0; $lines | length) as $i ({out: [], errors: [], findings: [], fence: false, inblock: false};
      $lines[$i] as $l
      | if .inblock then (if $l == "<!-- end generated -->" then .inblock = false else . end)
        elif ($l | startswith("```")) then .fence = (.fence | not) | .out += [$l]
        elif (.fence | not) and ($l | test("^<!-- generated: .* -->$")) and ($l | contains("<!-- end generated -->") | not) then
          ($l | capture("^<!-- generated: (?<s>.*) -->$").s) as $spec
          | one($spec; "block") as $x
          | (if $x.error then .errors += ["\($doc):\($i + 1): \($x.error)"] | .out += [$l]
             else .out += ["<!-- generated: \($spec | spec_plain | join(" ")) record=\($x.number) -->"]
                 + ($x.text | split("\n")) + ["<!-- end generated -->"] end) | .inblock = true
        elif (.fence | not) and ($l | contains("<!-- generated: ")) then
          reduce ([$l | match("<!-- generated: (?<s>.*?) -->(?<old>.*?)<!-- end generated -->"; "g")] | reverse[]) as $m (.;
            ($m.captures[0].string) as $spec | one($spec; "inline") as $x
            | if $x.error then .errors += ["\($doc):\($i + 1): \($x.error)"]
              else .line = ((.line // $l) as $cur
                   | $cur[0:$m.offset] + "<!-- generated: \($spec | spec_plain | join(" ")) record=\($x.number) -->"
                     + $x.text + "<!-- end generated -->" + $cur[$m.offset + $m.length:]) end)
          | .out += [.line // $l] | del(.line) | claims($i)
        elif .fence then .out += [$l]
        else .out += [$l] | claims($i) end)
  | {text: (.out | join("\n")), findings,
     errors: (.errors + (if .inblock then ["\($doc): a generated block is not closed by <!-- end generated -->"] else [] end))};
