// Trunk post-build hook: writes a Content-Security-Policy into index.html,
// makes the stylesheet loadable from a sandboxed iframe, and drops the
// comments of the page's own scripts.
// Trunk inlines a small module script that loads the WASM; its hash changes
// with every build, so it is computed here. The policy allows nothing but the
// page's own files: no other origin is ever contacted.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
// Quoted or not: the release build minifies the page (`trunk build --minify`).
const scripts = [...html.matchAll(/<script type="?module"?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = scripts.map((s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`).join(" ");
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
// An embed in a sandboxed iframe has an opaque origin: the stylesheet is then a
// cross-origin load, and its integrity can only be checked in CORS mode.
html = html.replace(/<link(?=[^>]*\brel="?stylesheet"?[\s>])(?![^>]*crossorigin)/g, '<link crossorigin="anonymous"');
// Right after the charset (a minified page has no <head> tag), before any script.
const charset = /<meta charset="?utf-8"?\s*\/?>/i;
if (!charset.test(html)) throw new Error("csp: no <meta charset> to put the policy after");
html = html.replace(charset, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);
console.log(`csp: ${scripts.length} inline script(s) hashed`);

// The page's own scripts in public/ keep their comments in the source, not in
// what every visitor downloads: whole-line // comments are dropped (boot.js
// is part of the first load; its comments were 230 of its 720 bytes gzip).
for (const name of ["boot.js", "on-demand-worker.js"]) {
  const path = join(dir, "public", name);
  const js = readFileSync(path, "utf8");
  writeFileSync(path, js.split("\n").filter((line) => !/^\s*\/\//.test(line)).join("\n"));
}
