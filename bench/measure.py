"""Timing helpers shared by the benchmark scripts: run a command several
times, report the median wall time and the peak resident memory of the
slowest-growing run (from the kernel's own accounting, via wait4)."""

import os
import statistics
import subprocess
import time


def run_once(argv, cwd=None):
    """Wall seconds and peak RSS in MB of one run; output is discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, code


def measure(argv, runs=7, cwd=None, warmup=1):
    """Median wall seconds, max peak RSS (MB) and the exit codes seen."""
    for _ in range(warmup):
        run_once(argv, cwd)
    times, peaks, codes = [], [], set()
    for _ in range(runs):
        elapsed, peak, code = run_once(argv, cwd)
        times.append(elapsed)
        peaks.append(peak)
        codes.add(code)
    return statistics.median(times), max(peaks), codes


def interleaved(commands, runs=7, cwd=None, warmup=1):
    """Like `measure` for several commands at once, run in turn (A B C A B
    C ...) so that load from the rest of the machine falls on all of them
    alike. `commands` maps a label to argv; returns label -> (median wall
    seconds, max peak RSS MB, exit codes)."""
    for argv in commands.values():
        for _ in range(warmup):
            run_once(argv, cwd)
    seen = {label: ([], [], set()) for label in commands}
    for _ in range(runs):
        for label, argv in commands.items():
            elapsed, peak, code = run_once(argv, cwd)
            times, peaks, codes = seen[label]
            times.append(elapsed)
            peaks.append(peak)
            codes.add(code)
    return {
        label: (statistics.median(times), max(peaks), codes)
        for label, (times, peaks, codes) in seen.items()
    }


def build_release(root):
    """The release binary, built; `ALIGN_BIN=path` names one instead (to
    time an earlier build, or one already built while sources move on)."""
    if os.environ.get("ALIGN_BIN"):
        return os.environ["ALIGN_BIN"]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(root, "target")
    return os.path.join(target, "release", "align")
