// Calibration benchmark (issue 17), against the release build in dist/ in
// headless Chromium: the time from choosing a usage log in the calibrator to
// its fit shown, and the longest main-thread task meanwhile (the worker reads
// and fits; the page must not freeze). `node tests/bench/calibrate.mjs LOG...`
// (a million-row log: `python3` or any generator; see the README).
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { chromium } from "@playwright/test";

const port = 4198;
const server = spawn("node", ["tests/e2e/serve.mjs", String(port), "dist"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
for (const log of process.argv.slice(2)) {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForSelector("#cards .card");
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration)))).observe({ type: "longtask", buffered: false });
  });
  await page.click("#calibrate-open");
  await page.waitForSelector("#calibrator-file", { state: "attached" });
  const began = Date.now();
  await page.setInputFiles("#calibrator-file", log);
  await page.waitForSelector("#calibrator-report table", { timeout: 600_000 });
  const seconds = (Date.now() - began) / 1000;
  const longest = await page.evaluate(() => window.__longest);
  const mb = statSync(log).size / 1e6;
  console.log(`${log} (${mb.toFixed(0)} MB): fitted in ${seconds.toFixed(1)} s; longest main-thread task ${longest.toFixed(0)} ms`);
  console.log("  " + (await page.locator(".calibrator-read").textContent()).slice(0, 120));
  await page.close();
}
await browser.close();
server.kill();
