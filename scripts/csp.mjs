// Trunk post-build hook: writes a Content-Security-Policy into index.html,
// makes the stylesheet loadable from a sandboxed iframe, and minifies the
// scripts (wasm-bindgen's glue, which Trunk's own minifier cannot parse, and
// the page's own).
// Trunk inlines a small module script that loads the WASM; its hash changes
// with every build, so it is computed here. The policy allows nothing but the
// page's own files: no other origin is ever contacted.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");

// Trunk leaves wasm-bindgen's glue as written ("Failed to minify JS"): 53 KB
// with its comments and long names, 2.2 KB more of the first load (gzip)
// than minified. ES modules may rename their own top-level names; classic
// scripts (boot.js, the simulation worker's first script) keep theirs.
const scripts = [
  ...readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => [f, f !== "worker.js"]),
  ["public/boot.js", false],
  ["public/on-demand-worker.js", true],
];
for (const [name, isModule] of scripts) {
  const path = join(dir, name);
  if (!existsSync(path)) continue;
  const { code } = await minify(readFileSync(path, "utf8"), { module: isModule });
  writeFileSync(path, code);
  // A preloaded file carries its hash (subresource integrity): the new one.
  const integrity = `sha384-${createHash("sha384").update(code).digest("base64")}`;
  const at = html.indexOf(`/${name} integrity=`) >= 0 ? html.indexOf(`/${name} integrity=`) : html.indexOf(`/${name}" integrity=`);
  if (at >= 0) html = html.slice(0, at) + html.slice(at).replace(/sha384-[A-Za-z0-9+/=]+/, integrity);
}
// Quoted or not: the release build minifies the page (`trunk build --minify`).
const inline = [...html.matchAll(/<script type="?module"?>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((s) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`).join(" ");
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
console.log(`csp: ${inline.length} inline script(s) hashed, ${scripts.length} scripts minified`);
