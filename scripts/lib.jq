# scripts/lib.jq — the statistics and the number formatting every script shares
# (jq -L scripts, `include "lib";`): one median, one spread, one way to print a figure.

# ---- statistics ------------------------------------------------------------------
def median: map(select(. != null)) | sort | length as $n
  | if $n == 0 then null elif $n % 2 == 1 then .[($n - 1) / 2] else (.[$n / 2 - 1] + .[$n / 2]) / 2 end;
# the spread: the median absolute deviation from the median (MAD)
def mad: median as $m | if $m == null then null else map(select(. != null) | . - $m | fabs) | median end;
# summarize: a result's medians and spreads, from its runs (pooled from several
# processes, so ./main's own medians cannot be kept)
def summarize: . + (if (.runs // []) | length > 0 then .runs as $r | def m($f): [$r[][$f]] | median; {
    wall_ms: m("wall_ms"), wall_mad_ms: ([$r[].wall_ms] | mad), cpu_ms: m("cpu_ms"), load_ms: m("load_ms"),
    compute_ms: m("compute_ms"), peak_rss_mb: m("peak_rss_mb"), peak_mad_mb: ([$r[].peak_rss_mb] | mad),
    process_peak_mb: m("process_peak_mb"), faults: ([$r[] | (.minor_faults // 0) + (.major_faults // 0)] | median)
  } else {} end);
# the sizes of a list of results, in the order they were measured (smallest first)
def sizes_in: reduce (.[] | .size) as $s ([]; if any(.[]; . == $s) then . else . + [$s] end);
def ratio($a; $b): if $a == null or $b == null or $b == 0 then null else $a / $b end;

# ---- the noise rule ----------------------------------------------------------------
# The one rule by which the bench, compare, the lab and the documents call two measured
# results different rather than "~" (within the noise).  Given the runs of each, they
# differ when
#   - each has at least 3 runs,
#   - the middle halves of their runs do not overlap (the faster one's third quartile is
#     below the slower one's first quartile), and
#   - their medians are more than 10 % apart (noise_margin).
# Why both: on this shared 2-core machine the medians of two benches of one commit move
# apart with no change in the code, and a few runs of 21 are outliers, so neither the
# medians nor the whole ranges of runs alone tell a change from the machine's weather.
def noise_margin: 0.10;
def quartiles: sort | [.[(length - 1) / 4 | floor], .[(length - 1) * 3 / 4 | ceil]];
def separated_runs($a; $b):
  ($a | map(select(. != null))) as $a | ($b | map(select(. != null))) as $b
  | if ($a | length) < 3 or ($b | length) < 3 then false else
      ($a | quartiles) as $qa | ($b | quartiles) as $qb | [($a | median), ($b | median)] as $m
      | ($qa[1] < $qb[0] or $qb[1] < $qa[0]) and ($m | max) > (1 + noise_margin) * ($m | min) end;
# the same for two results, on one field of their runs (results without runs never separate)
def separated_in($f; $x; $y): separated_runs([($x.runs // [])[][$f]]; [($y.runs // [])[][$f]]);
def separated($x; $y): separated_in("wall_ms"; $x; $y);

# ---- numbers -------------------------------------------------------------------
# fixed(d): the number with d decimals, as printf("%.*f") would print it ("0" * n: null when n ≤ 0).
def fixed($d):
  if . == null then "–" else
    (. * pow(10; $d) | fabs | round | tostring) as $s
    | (if . < 0 and $s != "0" then "-" else "" end)
      + if $d <= 0 then $s else (("0" * ($d + 1 - ($s | length))) + $s) as $p | $p[:-$d] + "." + $p[-$d:] end
  end;
# decimals of a time or ratio: 2 below 10, 1 below 100, else 0
def decimals: if . == null then 0 elif fabs < 10 then 2 elif fabs < 100 then 1 else 0 end;
def fms: fixed(decimals);
def fx: if . == null then "–" else fms + "×" end;
def fmb: fixed(2);
def pct: if . == null then "–" else (. * 100 | fixed(0)) + " %" end;
# a time with its spread, in the median's decimals: "123 ± 1"
def pm($mad): decimals as $d | "\(fixed($d)) ± \($mad | fixed($d))";
# a target's figure in its unit (x, %, MB, or "" for a count)
def in_unit($u): if . == null then "–" elif $u == "" then tostring elif $u == "x" then fx elif $u == "%" then fixed(0) + " %" else fixed(1) + " " + $u end;
# each parent's time over the step's: "v4 4.00× · v6 1.33×", or "–"
def vs_parents: if length == 0 then "–" else map("\(.[0]) \(.[1] | fx)") | join(" · ") end;

# ---- columns ------------------------------------------------------------------------
def lp($n): tostring | (" " * ($n - length)) + .;
def rp($n): tostring | . + (" " * ($n - length));

# ---- the bench's notes ------------------------------------------------------------
# size_note(settings; size; results): how a size's figures were taken, e.g.
# "median of 21 runs (v0, v1: 5) in 3 rounds, each after 1 warm-up · 2 threads · huge pages on"
def size_note($t; $s; $results):
  ($t.per_size[$s].runs // $t.runs) as $runs | ($t.per_size[$s].slow_runs // $t.slow_runs) as $slow
  | ($t.per_size[$s].warmup // 1) as $w | ([$t.rounds // 1, $runs] | min) as $rounds | ($results | map(select(.status == "ok")) | .[0] // {}) as $x
  | "median of \($runs) runs"
    + (if any($results[]; (.version == "v0" or .version == "v1") and .status == "ok") and $slow < $runs
       then " (v0, v1: \($slow))" else "" end)
    + (if $t.mode == "fresh processes" then " in fresh processes"
       elif $w == 0 then (if $rounds > 1 then " in \($rounds) rounds" else "" end) + ", no warm-up (the map exceeds the memory)"
       elif $rounds > 1 then " in \($rounds) rounds, each after 1 warm-up" else " after 1 warm-up" end)
    + " · \($x.threads // "?") thread\(if $x.threads == 1 then "" else "s" end) · huge pages \(if $x.hugepages then "on" else "off" end)"
    + (if $t.cold then " · cold: the data evicted from the page cache before every run" else "" end);
