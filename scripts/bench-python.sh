# shellcheck shell=bash
# scripts/bench-python.sh — sourced by scripts/bench for --python DIR: times the
# Python original's vN.load_and_colorcode_probabilities beside the C rounds.
# DIR, a checkout of jstriebel/profile-optimize-repeat, is never written to: it is copied
# into a scratch folder and its pybind11 extension (v6, v7) built there, as its ORIGIN.md
# says.  Each timing is a fresh interpreter (Debian's python3, numpy, h5py, numba): one
# warm-up call (imports, numba's compilation, the file's metadata), then the timed calls,
# with the peak resident set (ru_maxrss: the whole interpreter, as the talk's figures were).

PYTHON=/usr/bin/python3
PYTHON_VERSIONS="v0 v1 v2 v3 v4 v5 v6 v7"

# The few lines of Python that enter the project: import one version, time it.
PYTHON_TIMER='
import json, pathlib, resource, sys, time
folder, calls = pathlib.Path(sys.argv[2]), int(sys.argv[3])
step = __import__(sys.argv[1])
step.load_and_colorcode_probabilities(folder)
runs = []
for _ in range(calls):
    start = time.perf_counter()
    step.load_and_colorcode_probabilities(folder)
    runs.append({"wall_ms": (time.perf_counter() - start) * 1e3})
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
print(json.dumps({"version": sys.argv[1], "runs": [dict(r, peak_rss_mb=peak_mb) for r in runs]}))
'

# python_prepare DIR SCRATCH: checks DIR, installs what is missing, copies DIR
# into SCRATCH and builds the extension there.  Fails with one line on a wrong DIR.
python_prepare() {
    local dir=$1 scratch=$2 f
    for f in ${PYTHON_VERSIONS// /.py }.py pybind11_extension/main.cpp; do
        [ -f "$dir/$f" ] || bench_die "--python $dir: not a checkout of the Python original (jstriebel/profile-optimize-repeat): expected $f"
    done
    # shellcheck source=scripts/setup.sh
    source "$BENCH_ROOT/scripts/setup.sh"
    ensure_packages python || bench_die "could not install the Python original's packages ($PACKAGES_python)"
    cp -r "$dir/." "$scratch/" && chmod -R u+w "$scratch"
    bench_say "building the Python original's pybind11 extension in a scratch copy of $dir"
    # shellcheck disable=SC2046  # the include flags are several words
    g++ -O3 -shared -fPIC $("$PYTHON" -m pybind11 --includes) "$scratch/pybind11_extension/main.cpp" \
        -o "$scratch/pybind11_analysis$(python3-config --extension-suffix)" ||
        bench_die "the Python original's extension did not build (g++ above)"
}

# python_run SCRATCH VERSION FOLDER CALLS: one fresh interpreter, one JSON line
# as ./main --json prints it (version, runs); the error on stderr on failure.
python_run() {
    (cd "$1" && NUMBA_CACHE_DIR="$1/.numba" PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -c "$PYTHON_TIMER" "$2" "$3" "$4")
}

# The original's environment, for the record.
python_about_json() {
    "$PYTHON" -c 'import sys, numpy, h5py, numba; print(sys.version.split()[0], numpy.__version__, h5py.__version__, numba.__version__)' 2>/dev/null |
        jq -Rc --arg dir "$1" 'split(" ") | {dir: $dir, python: .[0], numpy: .[1], h5py: .[2], numba: .[3]}'
}
