import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { test as plainTest } from "@playwright/test";
import { test, expect } from "./fixtures";
import { App } from "./app";

test.describe.configure({ timeout: 120_000 });

function payload(preset: string): string {
  const link = execFileSync("target/release/burnrate", ["url", preset, "--base", "http://x/"], { encoding: "utf8" }).trim();
  return link.split("#s=")[1];
}

test("the embed renders read-only inside a sandboxed iframe and resizes with it", async ({ page, baseURL }) => {
  await page.goto("/");
  const src = `${baseURL}/#embed=1&charts=histogram,cdf&s=${payload("idle-gpu")}`;
  await page.setContent(`<iframe id="wiki" sandbox="allow-scripts" style="width:900px;height:900px;border:0" src="${src}"></iframe>`);
  const frame = page.frameLocator("#wiki");
  await expect(frame.locator("#cards .card")).toHaveCount(4, { timeout: 60_000 });
  await expect(frame.locator("#scenario-name")).toHaveText("Idle dedicated GPU");
  await expect(frame.locator("figure.chart")).toHaveCount(2);
  await expect(frame.locator("#inputs-title")).toHaveCount(0);
  // No workers in an opaque-origin sandbox: the main-thread slices took over.
  await expect(frame.locator("#progress")).toHaveAttribute("data-workers", "0");
  expect(await frame.locator("#open-full").getAttribute("href")).toBe(`${baseURL}/#s=${payload("idle-gpu")}`);
  const width = () => frame.locator("#chart-histogram canvas").evaluate((c: HTMLCanvasElement) => c.width);
  await expect.poll(width).toBeGreaterThan(600);
  const wide = await width();
  await page.locator("#wiki").evaluate((f: HTMLIFrameElement) => (f.style.width = "480px"));
  await expect.poll(width).toBeLessThan(wide * 0.7);
});

test("a bad embed link says so inside the iframe", async ({ page, baseURL }) => {
  await page.goto("/");
  await page.setContent(`<iframe id="wiki" sandbox="allow-scripts" style="width:600px;height:400px" src="${baseURL}/#embed=1&s=1.broken!!"></iframe>`);
  await expect(page.frameLocator("#wiki").locator("#bad-link")).toContainText("damaged", { timeout: 60_000 });
});

test("a light embed's banners stay light for a viewer in dark mode", async ({ browser, baseURL }) => {
  // Issue 16: the banners took the viewer's dark colours inside a light embed.
  for (const [theme, background] of [["light", "rgb(253, 236, 234)"], ["dark", "rgb(59, 20, 20)"]]) {
    const viewer = await browser.newPage({ colorScheme: theme === "light" ? "dark" : "light" });
    await viewer.goto(`${baseURL}/#embed=1&theme=${theme}&s=1.broken!!`);
    await expect(viewer.locator("#bad-link")).toContainText("damaged", { timeout: 60_000 });
    expect(await viewer.locator("#bad-link").evaluate((e) => getComputedStyle(e).backgroundColor)).toBe(background);
    await viewer.close();
  }
});

test("copy embed code gives an iframe snippet for the current scenario", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#copy-embed").click();
  const snippet = await page.locator("#embed-code").inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#embed=1&charts=histogram,cdf&s=2\.[\w-]+" title="burnrate: Corporate knowledge base"/);
  expect(snippet).toContain('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"');
});

test("the embed dialog picks the charts and the theme, and the snippet's height fits them", async ({ page, browser }) => {
  const app = new App(page);
  await app.open();
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#copy-embed").click();
  const two = Number((await page.locator("#embed-code").inputValue()).match(/height="(\d+)"/)![1]);
  await page.locator("#embed-cdf").uncheck();
  await page.locator("#embed-tco").check();
  await page.locator("#embed-crossover").check();
  await page.locator("#embed-theme").selectOption("light");
  await page.locator("#copy-embed").click();
  const snippet = await page.locator("#embed-code").inputValue();
  expect(snippet).toMatch(/#embed=1&charts=histogram,crossover,tco&theme=light&s=2\./);
  const height = Number(snippet.match(/height="(\d+)"/)![1]);
  expect(height).toBeGreaterThan(two);
  // In a wiki page, for a viewer in dark mode: light, and everything fits the height.
  const viewer = await browser.newPage({ colorScheme: "dark" });
  const src = snippet.match(/src="([^"]+)"/)![1];
  await viewer.setViewportSize({ width: 900, height: height });
  await viewer.goto(src);
  await expect(viewer.locator("#chart-tco canvas")).toBeVisible({ timeout: 60_000 });
  await expect(viewer.locator("#progress")).toHaveAttribute("data-running", "false", { timeout: 60_000 });
  const bg = await viewer.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe("rgb(247, 248, 250)");
  const bottom = await viewer.evaluate(() => document.documentElement.scrollHeight);
  expect(bottom).toBeLessThanOrEqual(height);
  const pixel = await viewer.locator("#chart-tco canvas").evaluate((c: HTMLCanvasElement) => [...c.getContext("2d")!.getImageData(2, 2, 1, 1).data]);
  expect(pixel.slice(0, 3)).toEqual([255, 255, 255]);
  await viewer.close();
});

test("the embed fits its frame at 375 and 1440 px: the snippet's script takes the embed's height, and without it the style's height holds a phone's layout", async ({ page, browser }) => {
  const app = new App(page);
  await app.open();
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#embed-tco").check();
  await page.locator("#copy-embed").click();
  const snippet = await page.locator("#embed-code").inputValue();
  const bare = snippet.replace(/<script>.*<\/script>$/, "");
  expect(bare).not.toContain("<script");
  for (const [width, html] of [[375, snippet], [1440, snippet], [375, bare]] as const) {
    const host = await browser.newPage({ viewport: { width, height: 800 } });
    await host.setContent(`<!doctype html><html><body style="margin:0"><h1>Our wiki</h1>${html}<p id="after">After the embed.</p></body></html>`);
    const frame = host.frameLocator("iframe");
    await expect(frame.locator("#chart-tco canvas")).toBeVisible({ timeout: 60_000 });
    await expect(frame.locator("#progress")).toHaveAttribute("data-running", "false", { timeout: 60_000 });
    const inner = () => host.frames()[1].evaluate(() => Math.ceil(document.querySelector(".embed")!.getBoundingClientRect().bottom));
    const outer = () => host.locator("iframe").evaluate((f: HTMLIFrameElement) => f.clientHeight);
    if (html === snippet) {
      // Fitted: the whole embed shows, with no more than its margin under it.
      await expect.poll(async () => (await outer()) - (await inner()), { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
      expect((await outer()) - (await inner())).toBeLessThan(40);
    } else {
      expect(await outer()).toBeGreaterThanOrEqual(await inner());
    }
    await host.close();
  }
});

test("exports: scenario JSON, summary CSV, per-trial CSV and chart PNG", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.locator("summary", { hasText: "Share and export" }).click();
  const save = async (click: () => Promise<void>) => {
    const [download] = await Promise.all([page.waitForEvent("download"), click()]);
    return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
  };
  const json = await save(() => page.locator("#save-json").click());
  expect(json.name).toBe("corporate-knowledge-base.json");
  expect(JSON.parse(json.body.toString()).name).toBe("Corporate knowledge base");
  const summary = await save(() => page.locator("#save-summary").click());
  expect(summary.name).toBe("corporate-knowledge-base-summary.csv");
  const rows = summary.body.toString().trim().split("\n");
  expect(rows.length).toBe(5);
  // Made on demand by running the trials again: the page's numbers, to the cent.
  const cards = await app.cards();
  const heads = rows[0].split(",");
  for (const row of rows.slice(1)) {
    // Counted from the end: a quoted name may hold commas.
    const cells = row.split(",");
    const id = cells[0].replace(/"/g, "");
    const mean = Number(cells[cells.length - heads.length + heads.indexOf("mean_usd")]);
    expect(mean, id).toBeCloseTo(cards[id].mean, 2);
  }
  expect(rows[2]).toMatch(/^"rag","RAG \(GPT-5.4\)","rag",/);
  // Issue 16: money in cents, probabilities to four decimals, the price dates recorded.
  const header = rows[0].split(",");
  expect(header.slice(-2)).toEqual(["token_prices_as_of", "instance_prices_as_of"]);
  const rag = rows[2].split(",");
  expect(rag[header.indexOf("mean_usd")]).toMatch(/^\d+\.\d{2}$/);
  expect(rag[header.indexOf("p_over_budget")]).toMatch(/^\d\.\d{4}$/);
  expect(rag[rag.length - 2]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const trials = await save(() => page.locator("#save-trials").click());
  expect(trials.body.toString().trim().split("\n").length).toBe(10_001);
  expect(trials.name).toBe(`corporate-knowledge-base-trials-prices-${rag[rag.length - 2]}.csv`);
  expect(trials.body.toString().split("\n")[1]).toMatch(/^0,\d+\.\d{2},/);
  const png = await save(() => page.locator("#chart-histogram").getByRole("button", { name: "Save PNG" }).click());
  expect(png.body.subarray(1, 4).toString()).toBe("PNG");
  // The PNG is the chart with a title above and its terms below: taller than the canvas.
  const canvas = await page.locator("#chart-histogram canvas").evaluate((c: HTMLCanvasElement) => [c.width, c.height]);
  const [width, height] = [png.body.readUInt32BE(16), png.body.readUInt32BE(20)];
  expect(width).toBe(canvas[0]);
  expect(height).toBeGreaterThan(canvas[1] + 50);
});

test("import: a scenario file replaces the scenario (restorably); a bad file changes nothing", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.locator("summary", { hasText: "Share and export" }).click();
  const s = JSON.parse(execFileSync("target/release/burnrate", ["scenario", "model-arbitrage"], { encoding: "utf8" }));
  s.name = "Imported plan";
  writeFileSync("test-results/import.json", JSON.stringify(s));
  await page.locator("#import-json").setInputFiles("test-results/import.json");
  await expect(page.locator("#scenario-name")).toHaveText("Imported plan");
  await app.waitForRun();
  writeFileSync("test-results/bad.json", '{"schema_version": 2, "name": 5}');
  await page.locator("#import-json").setInputFiles("test-results/bad.json");
  await expect(page.locator("#export-status")).toContainText("Not imported");
  // What is wrong, in words (issue 16), not serde's "invalid type: integer `5`, expected a string".
  await expect(page.locator("#export-status")).toContainText("name: found 5, but it must be text");
  await expect(page.locator("#scenario-name")).toHaveText("Imported plan");
  await page.locator("#restore").click();
  await expect(page.locator("#scenario-name")).toHaveText("Corporate knowledge base");
});

test("a same-origin embed never writes storage and keeps its own address", async ({ page, baseURL }) => {
  const app = new App(page);
  await app.open();
  const saved = await page.evaluate(() => localStorage.getItem("burnrate.scenario"));
  expect(saved).toContain("Corporate knowledge base");
  const src = `${baseURL}/#embed=1&s=${payload("idle-gpu")}`;
  await page.evaluate((src) => {
    const f = document.createElement("iframe");
    f.id = "wiki";
    f.src = src;
    f.style.width = "900px";
    f.style.height = "700px";
    document.body.append(f);
  }, src);
  const frame = page.frameLocator("#wiki");
  await expect(frame.locator("#cards .card")).toHaveCount(4, { timeout: 60_000 });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => localStorage.getItem("burnrate.scenario"))).toBe(saved);
  const hash = await page.evaluate(() => (document.getElementById("wiki") as HTMLIFrameElement).contentWindow!.location.hash);
  expect(hash.startsWith("#embed=1&s=")).toBe(true);
});

test("an autosave from a newer burnrate is kept untouched, and the page says so", async ({ page }) => {
  await page.goto("/");
  const newer = JSON.stringify({ schema_version: 99, name: "From the future" });
  await page.evaluate((text) => localStorage.setItem("burnrate.scenario", text), newer);
  await page.reload();
  const app = new App(page);
  await app.waitForRun();
  await expect(page.locator("footer")).toContainText("newer burnrate (schema 99)");
  await app.field("Monthly budget").locator("input").fill("21000");
  await page.waitForTimeout(500);
  await app.waitForRun();
  expect(await page.evaluate(() => localStorage.getItem("burnrate.scenario"))).toBe(newer);
});

test("an autosave today's bounds refuse is kept aside and offered, never saved over", async ({ page }) => {
  await page.goto("/");
  const s = JSON.parse(execFileSync("target/release/burnrate", ["scenario", "idle-gpu"], { encoding: "utf8" }));
  // Valid a week ago; names are now at most 200 characters.
  s.name = "n".repeat(201);
  const old = JSON.stringify(s);
  await page.evaluate((text) => localStorage.setItem("burnrate.scenario", text), old);
  await page.reload();
  const app = new App(page);
  await app.waitForRun();
  const banner = page.locator("#refused-autosave");
  await expect(banner).toContainText("cannot be opened by this version: name");
  await expect(banner).toContainText("kept aside, not saved over");
  expect(await page.evaluate(() => localStorage.getItem("burnrate.refused"))).toBe(old);
  // Offered as it was saved.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#download-refused").click()]);
  expect(readFileSync((await download.path())!, "utf8")).toBe(old);
  // Still there after a reload, until discarded.
  await page.reload();
  await app.waitForRun();
  await expect(banner).toBeVisible();
  await page.locator("#dismiss-refused").click();
  await expect(banner).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("burnrate.refused"))).toBeNull();
});

test("an edit typed just before a reload is kept", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.field("Monthly budget").locator("input").fill("23456");
  // Well inside the edit's pause: the page is left before it ends.
  await page.reload();
  await app.waitForRun();
  await expect(app.field("Monthly budget").locator("input")).toHaveValue("23456");
});

// Unguarded: the blocked loads are console errors, and the host is another origin.
plainTest("an embed whose host sends no CORS headers says what the host must send", async ({ page }) => {
  const { spawn } = await import("node:child_process");
  const server = spawn("node", ["tests/e2e/serve.mjs", "4199", "dist"], { env: { ...process.env, NO_CORS: "1" }, stdio: "ignore" });
  try {
    await expect.poll(async () => (await fetch("http://127.0.0.1:4199/").catch(() => null))?.status ?? 0).toBe(200);
    // The wiki's own page (no policy of burnrate's), framing the careless host.
    const src = `http://127.0.0.1:4199/#embed=1&s=${payload("idle-gpu")}`;
    await page.route("http://127.0.0.1:4199/wiki", (r) =>
      r.fulfill({ contentType: "text/html", body: `<iframe id="wiki" sandbox="allow-scripts" style="width:900px;height:600px;border:0" src="${src}"></iframe>` }),
    );
    await page.goto("http://127.0.0.1:4199/wiki");
    await expect(page.frameLocator("#wiki").locator("#boot")).toContainText("Access-Control-Allow-Origin: *", { timeout: 20_000 });
  } finally {
    server.kill();
  }
});
