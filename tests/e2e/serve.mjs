// A tiny static file server for dist/ on loopback, used by the browser tests
// and benchmarks. It sends the same headers a careful static host would.
// Usage: node tests/e2e/serve.mjs [port] [dir]; NO_CORS=1 leaves out the CORS
// header (a careless host, for the embed's message about it).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
const root = resolve(process.argv[3] ?? "dist");
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

createServer(async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) throw new Error("outside root");
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    // Any origin may load the files: a sandboxed iframe (an embed in a wiki)
    // has an opaque origin, and module scripts and WASM are fetched with CORS.
    // Trunk's file names carry a hash of their content: those never change
    // (and the browser may keep its compiled WASM with them); anything else
    // is checked again on each visit.
    const immutable = /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/.test(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      ...(process.env.NO_CORS ? {} : { "access-control-allow-origin": "*" }),
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}/`));
