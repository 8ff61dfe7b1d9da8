// Measures the JavaScript that dist/index.html loads up front: its module scripts, its
// modulepreload links and every chunk those import statically (dynamic import() chunks, i.e.
// lazily loaded routes and the chart, are not counted). Prints the gzipped total and fails
// above the budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP_BYTES = 250 * 1000;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const html = readFileSync(path.join(dist, "index.html"), "utf8");

const roots = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
].map((m) => m[1]);

const seen = new Set();
const queue = roots.map((src) => path.join(dist, src.replace(/^\//, "")));
while (queue.length) {
  const file = queue.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(file, "utf8");
  // Static imports only: `import x from"./a.js"`, `import"./a.js"`, `export * from"./a.js"`.
  for (const m of code.matchAll(
    /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["'](\.\/[^"']+\.js)["']/g,
  )) {
    queue.push(path.join(path.dirname(file), m[1]));
  }
}

let raw = 0;
let gzip = 0;
const rows = [];
for (const file of seen) {
  const bytes = readFileSync(file);
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += g;
  rows.push([path.relative(dist, file), bytes.length, g]);
}
rows.sort((a, b) => b[2] - a[2]);
for (const [name, r, g] of rows)
  console.log(
    `  ${name.padEnd(50)} ${(r / 1000).toFixed(1).padStart(8)} kB  gzip ${(g / 1000).toFixed(1).padStart(7)} kB`,
  );
console.log(
  `Initial JS: ${seen.size} files, ${(raw / 1000).toFixed(1)} kB raw, ${(gzip / 1000).toFixed(1)} kB gzipped (budget ${BUDGET_GZIP_BYTES / 1000} kB)`,
);
if (gzip > BUDGET_GZIP_BYTES) {
  console.error("Initial JavaScript is over budget.");
  process.exit(1);
}
