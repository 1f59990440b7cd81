// Browser benchmark (issue 6), against the release build in dist/ in headless
// Chromium. Prints:
//  - the transfer size of the site (wasm + js + css, gzip -9 as a static host
//    would precompress it);
//  - first results: time from navigation to the first result cards of the
//    default page, in a fresh browser context each time (no HTTP or code cache);
//  - presets 1 and 2 at 100,000 and 1,000,000 trials with one worker and with
//    all workers: wall time (from the moment the page shows the run under way
//    to the last trial) and trials per second, for the page's first run (the
//    workers start, V8 optimises the hot code as it runs) and again after an
//    edit (another seed) in the same page; the longest main-thread task during
//    either run and in the second after it (final summary, charts).
// Run it with scripts/bench-browser.sh (it builds first). BENCH_ONLY="preset:trials"
// runs one row pair, BENCH_WORKERS=N one worker count; BENCH_SKIP_STARTUP=1 skips
// the size and first-results parts; BENCH_ENGINE=fast|page runs every run on
// that module (src/workers.rs; otherwise runs of 200,000 trials or more load
// the fast engine).
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync, constants } from "node:zlib";
import { tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const port = 4199;
const base = `http://127.0.0.1:${port}/`;
const server = spawn("node", ["tests/e2e/serve.mjs", String(port), "dist"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const dir = mkdtempSync(join(tmpdir(), "burnrate-bench-"));

function link(preset, trials) {
  const s = JSON.parse(execFileSync("target/release/burnrate", ["scenario", preset], { encoding: "utf8" }));
  s.trials = trials;
  const file = join(dir, `${preset}-${trials}.json`);
  writeFileSync(file, JSON.stringify(s));
  return execFileSync("target/release/burnrate", ["url", file, "--base", base], { encoding: "utf8" }).trim();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});

// Timestamps taken in the page (performance.now() counts from navigation).
function instrument(total) {
  window.__bench = { start: 0, end: 0, first: 0, during: 0, after: 0, startup: 0, total };
  new PerformanceObserver((l) => l.getEntries().forEach((e) => {
    const b = window.__bench;
    if (!b.start || e.startTime < b.start) b.startup = Math.max(b.startup, e.duration);
    else if (!b.end || e.startTime < b.end) {
      if (e.duration > b.during) b.duringAt = e.startTime - b.start;
      b.during = Math.max(b.during, e.duration);
    }
    else b.after = Math.max(b.after, e.duration);
  })).observe({ type: "longtask", buffered: true });
  const watch = () => {
    const el = document.getElementById("progress");
    if (!el) return requestAnimationFrame(watch);
    const check = () => {
      const b = window.__bench;
      if (!b.start && el.dataset.running === "true" && Number(el.dataset.done) < b.total) b.start = performance.now();
      if (b.start && !b.end && Number(el.dataset.done) >= b.total) b.end = performance.now();
    };
    // The run may already be under way when the element appears.
    check();
    new MutationObserver(check).observe(el, { attributes: true });
  };
  watch();
  new MutationObserver((_, obs) => {
    if (document.querySelector("#cards .card")) {
      window.__bench.first = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

async function open(url, total, reuse) {
  const context = reuse ?? (await browser.newContext());
  const page = await context.newPage();
  page.on("console", (m) => process.env.BENCH_CONSOLE && console.log("  page:", m.text()));
  await page.addInitScript(instrument, total);
  await page.goto(url);
  return { page, context, close: () => context.close() };
}

if (!process.env.BENCH_SKIP_STARTUP) {
  let total = 0;
  const parts = [];
  const later = [];
  // public/boot.js is a script of the page too (it loads before the app).
  for (const f of [...readdirSync("dist"), "public/boot.js"]) {
    if (!/\.(wasm|js|css)$/.test(f)) continue;
    const gz = gzipSync(readFileSync(join("dist", f)), { level: constants.Z_BEST_COMPRESSION }).length;
    // The on-demand module is fetched on its first use, the fast engine
    // for a long run: never at start.
    if (f.startsWith("on-demand") || f.startsWith("fast-engine")) {
      later.push(`${f} ${(gz / 1000).toFixed(0)} KB`);
      continue;
    }
    total += gz;
    parts.push(`${f.replace(/-[0-9a-f]{12,}/, "")} ${(gz / 1000).toFixed(0)} KB`);
  }
  console.log(`transfer (gzip -9): ${(total / 1000).toFixed(0)} KB = ${parts.join(" + ")}; on demand: ${later.join(" + ")}`);
  const firsts = [];
  for (let i = 0; i < 5; i++) {
    const { page, close } = await open(base, Infinity);
    await page.waitForFunction(() => window.__bench.first > 0, null, { timeout: 60_000, polling: 50 });
    firsts.push(await page.evaluate(() => window.__bench.first));
    await close();
  }
  firsts.sort((a, b) => a - b);
  console.log(`first results of the default page after navigation: median ${Math.round(firsts[2])} ms (${firsts.map(Math.round).join(", ")} ms)`);
}

const all = Math.min(8, cpus().length);
const only = process.env.BENCH_ONLY; // e.g. "text-to-sql:100000" for one preset and size
for (const preset of ["knowledge-base", "text-to-sql"]) {
  for (const trials of [100_000, 1_000_000]) {
    if (only && only !== `${preset}:${trials}`) continue;
    for (const workers of (process.env.BENCH_WORKERS ? [Number(process.env.BENCH_WORKERS)] : [1, all])) {
      const engine = process.env.BENCH_ENGINE ? `engine=${process.env.BENCH_ENGINE}&` : "";
      const url = link(preset, trials).replace("#s=", `#workers=${workers}&${engine}s=`);
      const { page, context, close } = await open(url, trials);
      await page.waitForFunction(() => window.__bench.end > 0, null, { timeout: 600_000, polling: 200 });
      await page.waitForTimeout(1_000);
      const b = await page.evaluate(() => window.__bench);
      // The same run again in the same page (another seed): the module is
      // compiled and V8 has optimised the hot code, as for every edit after the first.
      await page.evaluate(() => Object.assign(window.__bench, { start: 0, end: 0, during: 0, after: 0 }));
      const seed = page.locator(".field").filter({ has: page.locator("label", { hasText: /^Seed$/ }) }).first();
      await seed.evaluate((f) => { for (let d = f.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true; });
      await seed.locator("input").fill("12345");
      await page.waitForFunction(() => window.__bench.end > 0, null, { timeout: 600_000, polling: 200 });
      await page.waitForTimeout(1_000);
      const warm = await page.evaluate(() => window.__bench);
      // A returning visitor: the same link in a new page with the browser's
      // cache (which keeps V8's optimised code for the WASM module).
      await page.close();
      const visit = await open(url, trials, context);
      await visit.page.waitForFunction(() => window.__bench.end > 0, null, { timeout: 600_000, polling: 200 });
      const back = await visit.page.evaluate(() => window.__bench);
      const wall = (b.end - b.start) / 1000;
      const again = (warm.end - warm.start) / 1000;
      console.log(
        `${preset.padEnd(15)} ${String(trials).padStart(9)} trials  ${String(workers).padStart(2)} worker(s)` +
          `  ${wall.toFixed(2).padStart(6)} s  ${Math.round(trials / wall).toString().padStart(7)} trials/s` +
          `  again ${again.toFixed(2)} s ${Math.round(trials / again)} trials/s` +
          `  returning visit ${((back.end - back.start) / 1000).toFixed(2)} s` +
          `  first results ${Math.round(b.first)} ms  longest task: during ${Math.round(Math.max(b.during, warm.during))} ms,` +
          ` after ${Math.round(Math.max(b.after, warm.after))} ms, start-up ${Math.round(b.startup)} ms`,
      );
      await close();
    }
  }
}
await browser.close();
server.kill();
