#!/usr/bin/env bash
# Points the badges at a fork: rewrites the repository named in README.md's badge URLs (at first the placeholder
# kwta-reproduction/kwta-suite) to OWNER/REPO in README.md, docs/ and .github/. Running it again with the same
# argument changes nothing; with another argument it re-points the badges.
#   bash scripts/point-badges.sh OWNER/REPO
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[A-Za-z0-9]([A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$ ]] || [[ "$1" =~ /\.{1,2}$ ]]; then
  echo "usage: scripts/point-badges.sh OWNER/REPO (a GitHub repository, e.g. alice/kwta-suite), got: ${*:-nothing}" >&2
  exit 2
fi
new=$1

# The repository the badges name now: the one in the CI badge's URL.
current=$(sed -n 's|.*https://github\.com/\([^/]*/[^/]*\)/actions/workflows/ci\.yml/badge\.svg.*|\1|p' README.md | head -n 1)
if [ -z "$current" ]; then
  echo "point-badges: README.md has no CI badge (https://github.com/OWNER/REPO/actions/workflows/ci.yml/badge.svg)" >&2
  exit 1
fi
if [ "$current" = "$new" ]; then
  echo "the badges already name $new"
  exit 0
fi

# Whole slugs only: not preceded or followed by a character a slug may hold.
export CURRENT="$current" NEW="$new"
while IFS= read -r f; do
  perl -i -pe 's/(?<![\w.-])\Q$ENV{CURRENT}\E(?![\w-]|\.\w)/$ENV{NEW}/g' "$f"
  echo "$f: $current → $new"
done < <(grep -rlF --exclude=point-badges.sh -- "$current" README.md docs .github 2>/dev/null || true)
