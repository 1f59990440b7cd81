// Browser benchmark (issue 6): presets 1 and 2 at 100,000 and 1,000,000 trials,
// with one worker and with all workers, in headless Chromium against the
// release build in dist/. Prints wall time, trials per second and the longest
// main-thread task. Run it with scripts/bench-browser.sh (it builds first).
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
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
const all = Math.min(8, cpus().length);
const rows = [];
const only = process.env.BENCH_ONLY; // e.g. "text-to-sql:100000" for one preset and size
for (const preset of ["knowledge-base", "text-to-sql"]) {
  for (const trials of [100_000, 1_000_000]) {
    if (only && only !== `${preset}:${trials}`) continue;
    for (const workers of [1, all]) {
      const page = await browser.newPage();
      // Timestamps taken in the page: the run starts when progress says running, ends when done = total.
      await page.addInitScript((total) => {
        window.__bench = { start: 0, end: 0, longest: 0, startup: 0, total };
        // Long tasks during the run; those before it (loading and compiling the WASM) are reported apart.
        new PerformanceObserver((l) => l.getEntries().forEach((e) => {
          const b = window.__bench;
          if (b.start && e.startTime >= b.start) b.longest = Math.max(b.longest, e.duration);
          else b.startup = Math.max(b.startup, e.duration);
        })).observe({ type: "longtask", buffered: true });
        const watch = () => {
          const el = document.getElementById("progress");
          if (!el) return requestAnimationFrame(watch);
          new MutationObserver(() => {
            const b = window.__bench;
            if (!b.start && el.dataset.running === "true") b.start = performance.now();
            if (b.start && !b.end && Number(el.dataset.done) >= b.total) b.end = performance.now();
          }).observe(el, { attributes: true });
        };
        watch();
      }, trials);
      const navigated = Date.now();
      await page.goto(link(preset, trials).replace("#s=", `#workers=${workers}&s=`));
      await page.waitForFunction(() => window.__bench.end > 0, null, { timeout: 600_000, polling: 200 });
      const b = await page.evaluate(() => window.__bench);
      const wall = (b.end - b.start) / 1000;
      rows.push({ preset, trials, workers, wall, rate: trials / wall, longest: b.longest, pageMs: Date.now() - navigated });
      console.log(`${preset.padEnd(15)} ${String(trials).padStart(9)} trials  ${String(workers).padStart(2)} worker(s)  ${wall.toFixed(2).padStart(7)} s  ${Math.round(trials / wall).toString().padStart(8)} trials/s  longest task ${Math.round(b.longest)} ms (start-up ${Math.round(b.startup)} ms)`);
      await page.close();
    }
  }
}
await browser.close();
server.kill();
