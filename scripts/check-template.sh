#!/bin/bash
# Checks a CloudFormation template with cfn-lint (resource types, properties, Refs, GetAtts) and with
# cfn-guard against AWS Control Tower's proactive controls. Prints one finding per line:
#   LINT <level> <resource>: <message>
#   CONTROL <id> allowed|FAIL <message>
# and exits 1 when cfn-lint reports an error or warning, or a control fails that is not named with
# --allow (deliberate breaks are listed, with reasons, in docs/CONTROLS.md).
# Usage: scripts/check-template.sh TEMPLATE.json [--allow CT.X.Y ...]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
template=$(readlink -f "$1"); shift
allowed=()
while [ $# -gt 0 ]; do
  case "$1" in
    --allow) allowed+=("$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
checkers=$("$here/install-checkers.sh") || exit 2
status=0

NODE_PATH="$checkers/node_modules" node -e '
  const r = require("cfn-lint/lib/api").validateFile(process.argv[1]);
  let bad = 0;
  for (const level of ["crit", "warn", "info"]) for (const e of r.errors[level]) {
    console.log("LINT " + level + " " + e.resource + ": " + e.message);
    if (level !== "info") bad++;
  }
  process.exit(bad > 0 ? 1 : 0);' "$template" || status=1

guard="$checkers/node_modules/@cdklabs/cdk-validator-cfnguard"
"$guard/bin/ubuntu/x86_64/cfn-guard" validate -r "$guard/rules/control-tower/cfn-guard" -d "$template" \
    -o json --structured -S none > "$checkers/guard-out.json" 2>&1
guard_status=$?
if [ $guard_status -ne 0 ] && [ $guard_status -ne 19 ]; then
  echo "CONTROL ERROR cfn-guard could not read the template (exit $guard_status):"; cat "$checkers/guard-out.json"
  exit 1
fi
node -e '
  const fs = require("fs");
  const allowed = new Set(process.argv.slice(2));
  const found = new Map();
  const walk = n => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === "object") for (const [k, v] of Object.entries(n)) {
      if (k === "custom_message" && typeof v === "string")
        for (const m of v.matchAll(/\[(CT\.[A-Z0-9.]+)\]:\s*([^\n]+)/g)) found.set(m[1], m[2].trim());
      walk(v);
    }
  };
  walk(JSON.parse(fs.readFileSync(process.argv[1], "utf8")));
  let bad = 0;
  for (const [id, message] of [...found].sort()) {
    const ok = allowed.has(id);
    if (!ok) bad++;
    console.log("CONTROL " + id + " " + (ok ? "allowed" : "FAIL") + " " + message.slice(0, 200));
  }
  process.exit(bad > 0 ? 1 : 0);' "$checkers/guard-out.json" "${allowed[@]}" || status=1
exit $status
