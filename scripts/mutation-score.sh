#!/usr/bin/env bash
# Stryker.NET's mutation score of the library's Evaluation, Claims and Ledger folders (docs/mutation.md, "Stryker"):
# mutates them as mutation/stryker-config.json says, runs the tests of mutation/Kwta.Mutation.Tests.csproj against
# each mutant, and prints killed / survived / timeout / no coverage and the score per folder.
# Usage: scripts/mutation-score.sh [FOLDER...]   (default: Evaluation Claims Ledger; one folder is a shorter run)
set -euo pipefail
cd "$(dirname "$0")/../mutation"
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(Evaluation Claims Ledger)
mutate=()
for folder in "${folders[@]}"; do mutate+=(--mutate "**/$folder/*.cs"); done
# A --mutate option replaces the config's list, so its exclusions ('!' patterns) are passed again.
while read -r exclusion; do mutate+=(--mutate "$exclusion"); done < <(
  python3 -c 'import json; print("\n".join(p for p in json.load(open("stryker-config.json"))["stryker-config"]["mutate"] if p.startswith("!")))')
output="$PWD/StrykerOutput/$(IFS=-; echo "${folders[*]}")"
dotnet tool restore >/dev/null
start=$(date +%s)
nice -n 10 dotnet stryker "${mutate[@]}" --output "$output" --skip-version-check
echo "run time: $(( $(date +%s) - start )) s; report: $output/reports/mutation-report.html"
python3 - "$output/reports/mutation-report.json" <<'PY'
import json, sys
from collections import Counter
report = json.load(open(sys.argv[1]))
per_folder = {}
for path, entry in report["files"].items():
    folder = path.replace("\\", "/").split("/")[-2]
    per_folder.setdefault(folder, Counter()).update(m["status"] for m in entry["mutants"])
print(f"{'folder':<11} {'killed':>6} {'survived':>8} {'timeout':>7} {'no coverage':>11} {'ignored':>7} {'score':>6}")
for folder, c in sorted(per_folder.items()):
    detected = c["Killed"] + c["Timeout"]
    valid = detected + c["Survived"] + c["NoCoverage"]
    if not valid: continue  # a folder outside the run: all its mutants filtered out
    score = f"{100 * detected / valid:.1f}%"
    print(f"{folder:<11} {c['Killed']:>6} {c['Survived']:>8} {c['Timeout']:>7} {c['NoCoverage']:>11} {c['Ignored']:>7} {score:>6}")
for path, entry in sorted(report["files"].items()):
    for m in entry["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            where = m["location"]["start"]
            print(f"{m['status']}: {path.split('Kwta.Model/')[-1]}:{where['line']}:{where['column']} {m['mutatorName']}: {m.get('replacement', '').strip()[:100]}")
PY
