#!/usr/bin/env bash
# Fuzzes FaceGuard's parsers and decoders with libFuzzer (the Fuzz/ package, built with
# -sanitize=fuzzer,address), one target after another, and prints per target the seconds run,
# executions, executions per second and findings.
#
#   scripts/fuzz.sh [--smoke] [--no-build] [TARGET...]
#
# Targets (all by default): jpeg png webp heic metadata containers onnx tflite graphdef multipart
# query video. FUZZ_SECONDS per target (default 280, so the twelve fit in an hour on two cores;
# --smoke: 20). Seeds and dictionaries come from scripts/fuzz_corpus.py (.build/fuzz-corpus, made
# when missing); inputs that found new coverage are kept in .build/fuzz/corpus/TARGET for the next
# run. Exits 1 on any crash, sanitizer report, timeout (-timeout=10), out-of-memory
# (-rss_limit_mb=2048) or temporary file left behind; the input is kept in
# .build/fuzz/findings/TARGET/ and its path printed (replay: FUZZ_TARGET=TARGET BINARY FILE).
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2
seconds="${FUZZ_SECONDS:-280}"
build=1
targets=()
for arg in "$@"; do
  case "$arg" in
    --smoke) seconds="${FUZZ_SECONDS:-20}" ;;
    --no-build) build=0 ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz: unknown option $arg" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done

# Largest input per target (the same numbers bound the seeds in scripts/fuzz_corpus.py).
declare -A max_len=(
  [jpeg]=65536 [png]=65536 [webp]=65536 [heic]=65536 [metadata]=65536 [containers]=65536
  [onnx]=262144 [tflite]=1048576 [graphdef]=262144 [multipart]=16384 [query]=4096 [video]=131072
)
all=(jpeg png webp heic metadata containers onnx tflite graphdef multipart query video)
((${#targets[@]})) || targets=("${all[@]}")
for target in "${targets[@]}"; do
  [[ -n "${max_len[$target]:-}" ]] || { echo "fuzz: unknown target $target (${all[*]})" >&2; exit 2; }
done

scratch="Fuzz/.build-fuzz"
binary="$scratch/debug/FaceGuardFuzz"
seeds=".build/fuzz-corpus"
work=".build/fuzz"

if ((build)); then
  echo "fuzz: building the harness (debug, -sanitize=fuzzer,address)"
  start=$(date +%s)
  nice -n 10 swift build -c debug --package-path Fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product FaceGuardFuzz \
    || exit 2
  echo "fuzz: built in $(($(date +%s) - start)) s"
fi
[[ -x "$binary" ]] || { echo "fuzz: $binary is missing; run without --no-build" >&2; exit 2; }

for target in "${targets[@]}"; do
  if [[ ! -d "$seeds/$target" ]]; then
    nice -n 10 scripts/fuzz_corpus.py --out "$seeds" || exit 2
    break
  fi
done

# Leaks are findings; short allocation stacks (5 frames) keep the many small Swift allocations
# cheap.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=5:handle_abort=1}"
failed=0
findings_paths=()
rows=()
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  findings="$work/findings/$target"
  temp="$work/tmp/$target"
  log="$work/logs/$target.log"
  mkdir -p "$corpus" "$findings" "$work/logs"
  rm -rf "$temp" && mkdir -p "$temp"
  marker="$work/logs/$target.start"
  touch "$marker"
  options=(-max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout=10
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/")
  [[ -f "$seeds/$target.dict" ]] && options+=(-dict="$seeds/$target.dict")
  echo "fuzz: $target for $seconds s (log: $log)"
  start=$(date +%s)
  FUZZ_TARGET="$target" TMPDIR="$root/$temp" nice -n 10 "$binary" "${options[@]}" \
    "$corpus" "$seeds/$target" >"$log" 2>&1
  status=$?
  elapsed=$(($(date +%s) - start))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  runs="${runs:-0}"
  new_findings=$(find "$findings" -type f -newer "$marker")
  found=$(grep -c . <<<"$new_findings")
  problem=""
  if ((status != 0)); then
    problem="libFuzzer exit $status"
    grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|fuzz check failed' \
      "$log" | sed "s/^/fuzz: $target: /"
  fi
  left=$(find "$temp" -mindepth 1 | wc -l)
  ((left)) && problem="${problem:+$problem, }$left temporary file(s) left in $temp"
  if [[ -n "$problem" ]] || ((found)); then
    failed=1
    echo "fuzz: $target FAILED: ${problem:-new findings}"
    ((found)) && while IFS= read -r file; do findings_paths+=("$file"); done <<<"$new_findings"
  fi
  rows+=("$(printf '%-11s %8d %12d %10d %8d' "$target" "$elapsed" "$runs" \
    $((runs / (elapsed > 0 ? elapsed : 1))) "$((found > 0 ? found : (status != 0)))")")
done

printf '\n%-11s %8s %12s %10s %8s\n' target seconds executions 'exec/s' crashes
printf '%s\n' "${rows[@]}"
total=0
for row in "${rows[@]}"; do total=$((total + $(awk '{print $3}' <<<"$row"))); done
echo "total executions: $total"
if ((failed)); then
  echo "fuzz: findings (replay with FUZZ_TARGET=<target> $binary <file>):"
  ((${#findings_paths[@]})) && printf '  %s\n' "${findings_paths[@]}"
  exit 1
fi
