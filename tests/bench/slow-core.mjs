// Benchmark of the work split on unequal cores (Linux, 2+ CPUs; needs taskset):
// one worker thread shares CPU 0 with a busy loop, as on a laptop's efficiency
// core; the other has CPU 1 to itself. Prints, for each dist/ directory given,
// the time from pinning to the last trial of preset 2 (TRIALS, default 300,000)
// with two workers, N times (default 3). Usage, after `trunk build --release`
// and `cargo build --release -p burnrate-cli`:
//   node tests/bench/slow-core.mjs dist [other-dist]
import { execFileSync, execSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
const dists = process.argv.slice(2), trials = Number(process.env.TRIALS ?? 300000);
const servers = dists.map((d, i) => spawn("node", ["tests/e2e/serve.mjs", String(4188 + i), d], { stdio: "ignore" }));
await new Promise((r) => setTimeout(r, 500));
const s = JSON.parse(execFileSync("target/release/burnrate", ["scenario", "text-to-sql"], { encoding: "utf8" }));
s.trials = trials; writeFileSync("/tmp/zz.json", JSON.stringify(s));
const urls = dists.map((d, i) => execFileSync("target/release/burnrate", ["url", "/tmp/zz.json", "--base", `http://127.0.0.1:${4188 + i}/`], { encoding: "utf8" }).trim().replace("#s=", `#workers=2&s=`));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
const res = dists.map(() => []);
for (let k = 0; k < Number(process.env.N ?? 3); k++) for (let i = 0; i < dists.length; i++) {
  const ctx = await browser.newContext(); const page = await ctx.newPage();
  await page.goto(urls[i]);
  // Wait for the worker threads, then pin them.
  let tids = [];
  for (let t = 0; t < 100 && tids.length < 2; t++) {
    tids = execSync("ps -eLo tid,comm | grep -i DedicatedWorker || true", { encoding: "utf8" }).trim().split("\n").filter(Boolean).map((l) => l.trim().split(/\s+/)[0]);
    await new Promise((r) => setTimeout(r, 20));
  }
  if (tids.length < 2) throw new Error("worker threads not found: " + tids);
  execSync(`taskset -p -c 0 ${tids[0]} >/dev/null; taskset -p -c 1 ${tids[1]} >/dev/null`);
  const hog = spawn("taskset", ["-c", "0", "sh", "-c", "while :; do :; done"], { stdio: "ignore" });
  process.once("exit", () => hog.kill());
  const t0 = Date.now();
  await page.waitForFunction((n) => Number(document.getElementById("progress")?.dataset.done) >= n, trials, { polling: 50, timeout: 300000 });
  res[i].push(Date.now() - t0);
  hog.kill();
  await ctx.close();
}
dists.forEach((d, i) => console.log(d.padEnd(16), "ms from pinning to the last trial:", res[i].join(", ")));
await browser.close(); servers.forEach((s) => s.kill());
