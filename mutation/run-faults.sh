#!/usr/bin/env bash
# Applies each curated fault of mutation/faults.tsv (all, or the IDs given) to one scratch clone of HEAD, rebuilds,
# runs the fault's test filter and records whether a test failed (killed) or none did (survived). See docs/mutation.md.
# Usage: mutation/run-faults.sh [--report FILE] [ID...]
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
faults="$repo/mutation/faults.tsv"
report=""
if [ "${1:-}" = "--report" ]; then report=$2; shift 2; fi
ids=("$@")
for id in "${ids[@]}"; do cut -f1 "$faults" | grep -qxF -- "$id" || { echo "no fault $id in $faults"; exit 2; }; done
start_all=$(date +%s)

scratch=$(mktemp -d /tmp/kwta-faults.XXXXXX)
echo "scratch clone: $scratch"
git clone -q "$repo" "$scratch" && git -C "$scratch" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)" || exit 2
cd "$scratch"
nice -n 10 dotnet build Kwta.slnx -v q -nologo > build.log 2>&1 || { echo "the unfaulted clone does not build: $scratch/build.log"; exit 2; }

# Replaces the fault's text, which must occur exactly once (\t and \n in the TSV stand for a tab and a newline).
apply_fault() {
  python3 - "$@" <<'PY'
import sys
path, find, replace = sys.argv[1], *(s.replace("\\t", "\t").replace("\\n", "\n") for s in sys.argv[2:4])
text = open(path, encoding="utf-8").read()
if text.count(find) != 1:
    sys.exit(f"the text occurs {text.count(find)} times in {path}, not once")
open(path, "w", encoding="utf-8").write(text.replace(find, replace))
PY
}

rows=()
while IFS=$'\t' read -r id file find replace weakens filter || [ -n "$id" ]; do
  [ -z "$id" ] || [ "$id" = "id" ] && continue
  if [ ${#ids[@]} -gt 0 ] && [[ ! " ${ids[*]} " =~ " $id " ]]; then continue; fi
  result="" failing="" seconds=""
  if ! message=$(apply_fault "$file" "$find" "$replace" 2>&1); then
    result="error" failing="fault $id: $message"
  elif ! nice -n 10 dotnet build Kwta.slnx -v q -nologo > "build-$id.log" 2>&1; then
    result="error" failing="fault $id does not compile ($scratch/build-$id.log)"
  else
    t0=$(date +%s.%N)
    nice -n 10 dotnet test Kwta.slnx --no-build --filter "$filter" > "test-$id.log" 2>&1
    status=$?
    seconds=$(echo "$(date +%s.%N) - $t0" | bc | xargs printf "%.0f")
    failing=$(grep -m1 -oP '^\s*Failed \K[^ ].*?(?= \[[^]]*\]$|$)' "test-$id.log")
    if grep -q "No test matches the given testcase filter" "test-$id.log"; then
      result="error" failing="fault $id: its filter selects no test"
    elif [ $status -ne 0 ]; then
      result="killed"; [ -n "$failing" ] || failing="(test run aborted: $scratch/test-$id.log)"
    else
      result="survived"
    fi
  fi
  git checkout -q -- . && git clean -fdq
  echo "[$(date +%H:%M:%S)] $id: $result${seconds:+ in ${seconds} s}${failing:+ — $failing}" >&2
  rows+=("| \`$id\` | $weakens | $result | ${failing:-–} | ${seconds:-–} |")
done < "$faults"

{
  echo "| fault | what it weakens | result | first failing test | test time (s) |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "${#rows[@]} faults, $(( $(date +%s) - start_all )) s in all (clone and builds included), $(date -u +%Y-%m-%d) on $(nproc) cores of $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)."
} | tee ${report:+"$report"}
# Exit 1 if any fault survived or was an error, so a wrapper can tell a clean run.
for row in "${rows[@]}"; do [[ $row == *"| survived |"* || $row == *"| error |"* ]] && exit 1; done
exit 0
