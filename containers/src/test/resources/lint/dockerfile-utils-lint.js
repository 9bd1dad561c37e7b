// Lints each Containerfile named on the command line with dockerfile-utils (its default settings) and
// prints one line per finding, "FILE:LINE: error|warning: MESSAGE". Exit 1 when anything was found.
// Run with NODE_PATH pointing at the node_modules that holds dockerfile-utils.
const fs = require("fs");
const { validate } = require("dockerfile-utils");
const severities = { 1: "error", 2: "warning", 3: "info", 4: "hint" };
let found = 0;
for (const file of process.argv.slice(2)) {
  for (const d of validate(fs.readFileSync(file, "utf8"))) {
    console.log(`${file}:${d.range.start.line + 1}: ${severities[d.severity] || d.severity}: ${d.message}`);
    found++;
  }
}
process.exit(found > 0 ? 1 : 0);
