import { test, expect } from "./fixtures";
import { App, engine } from "./app";
import type { Page } from "@playwright/test";

const PRESETS = ["knowledge-base", "text-to-sql", "fintech-bot", "runaway-agent", "idle-gpu", "model-arbitrage"];

test.describe.configure({ timeout: 180_000 });

test("each preset draws every chart and shows the engine's own numbers", async ({ page }) => {
  const app = new App(page);
  await app.open();
  // The runs below go through the worker pool (one worker per core).
  expect(Number(await page.locator("#progress").getAttribute("data-workers"))).toBeGreaterThanOrEqual(1);
  for (const id of PRESETS) {
    await app.loadPreset(id);
    const colours = await app.canvasColours();
    expect(Object.keys(colours).length).toBe(6);
    for (const [chart, n] of Object.entries(colours)) expect(n, `${id}: ${chart} is not blank`).toBeGreaterThan(4);
    const shown = await app.cards();
    const native = engine(id);
    expect(Object.keys(shown)).toEqual(native.architectures.map((a) => a.id));
    for (const a of native.architectures) {
      // Exactly equal: the browser computes the same bits as the native CLI.
      expect(shown[a.id], `${id}/${a.id}`).toEqual({ p50: a.monthly_usd.p50, p95: a.monthly_usd.p95, mean: a.monthly_usd.mean, over: a.p_over_budget });
    }
  }
});

test("changing an input changes the numbers", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const before = await app.cards();
  await app.field("Queries per day").locator(".param input").first().fill("30000");
  await app.field("Queries per day").locator(".param input").nth(1).fill("90000");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  expect(after.rag.p50).toBeGreaterThan(before.rag.p50);
  expect(after.prompt_only.p50).toBeGreaterThan(2 * before.prompt_only.p50);
});

test("an invalid value shows the engine's message at the field and keeps the old result, marked stale", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const before = await app.cards();
  const share = app.field("Business-hours share");
  await share.locator("input").fill("150");
  await expect(share.locator(".error")).toHaveText("150 % of a weekday is out of range: it must be between 0 and 100 % of a weekday");
  await expect(share.locator("input")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#scenario-error")).toBeVisible();
  await expect(page.locator(".results-body")).toHaveClass(/stale/);
  expect(await app.cards()).toEqual(before);
  // Not a number at all: said at the field, nothing else changes.
  await share.locator("input").fill("abc");
  await expect(share.locator(".error")).toContainText("is not a number");
  await share.locator("input").fill("75");
  await expect(share.locator(".error")).toBeHidden();
  await app.waitForRun();
  await expect(page.locator(".results-body")).not.toHaveClass(/stale/);
  expect(await app.cards()).toEqual(before);
});

test("loading a preset can be undone", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await expect(page.locator("#scenario-name")).toHaveText("Corporate knowledge base");
  await app.loadPreset("idle-gpu");
  await expect(page.locator("#scenario-name")).toHaveText("Idle dedicated GPU");
  await page.locator("#restore").click();
  await expect(page.locator("#scenario-name")).toHaveText("Corporate knowledge base");
  await app.waitForRun();
});

test("a million trials keep typing responsive (no main-thread task over 100 ms)", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await page.evaluate(() => {
    (window as any).__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).__longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  await app.field("Trials").locator("input").fill("1000000");
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
  const burst = app.field("Weekend factor").locator("input");
  for (const v of ["0.3", "0.25", "0.2"]) {
    await burst.fill(v);
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(2_000);
  const tasks: number[] = await page.evaluate(() => (window as any).__longTasks);
  const longest = Math.max(0, ...tasks);
  console.log(`longest main-thread task during a 1,000,000-trial run: ${longest.toFixed(0)} ms (${tasks.length} over 50 ms)`);
  expect(longest).toBeLessThan(100);
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
  // The observer is live: a deliberate 150 ms task is reported.
  await page.evaluate(() => setTimeout(() => { const t = performance.now(); while (performance.now() - t < 150) {} }, 0));
  await expect.poll(async () => Math.max(0, ...(await page.evaluate(() => (window as any).__longTasks)))).toBeGreaterThanOrEqual(150);
});

test("a long run shows partial results while it runs", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const shown = async () => Number(await page.locator(".results-body").getAttribute("data-trials"));
  // The default run's 10,000 trials.
  expect(await shown()).toBe(10_000);
  await app.field("Trials").locator("input").fill("1000000");
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
  // About a second in, the trials so far are shown; the run is far from done.
  await expect.poll(shown, { timeout: 6_000 }).toBeGreaterThan(10_000);
  expect(await shown()).toBeLessThan(1_000_000);
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
});

/** Opens the page with its workers on `engine` ("fast" or "page") and runs
 * every preset: each card shows the native CLI's exact numbers. */
async function everyPresetOn(page: Page, engineAsked: string) {
  const app = new App(page);
  await page.goto(`/#engine=${engineAsked}`);
  await app.waitForRun();
  for (const id of PRESETS) {
    await app.loadPreset(id);
    const shown = await app.cards();
    for (const a of engine(id).architectures) {
      expect(shown[a.id], `${engineAsked}: ${id}/${a.id}`).toEqual({ p50: a.monthly_usd.p50, p95: a.monthly_usd.p95, mean: a.monthly_usd.mean, over: a.p_over_budget });
    }
  }
}

test("the fast engine gives the page's numbers to the bit, and a long run loads it", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  const fast = () => fetched.filter((p) => p.endsWith("/fast-engine_bg.wasm")).length;
  const warnings: string[] = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await everyPresetOn(page, "fast");
  expect(fast(), "the workers fetched the fast engine").toBeGreaterThanOrEqual(1);
  expect(warnings.join("\n")).not.toContain("the fast engine could not be loaded");
  // Without the option: short runs stay on the page's module ...
  fetched.length = 0;
  const app = new App(page);
  await page.goto("/");
  await page.reload();
  await app.waitForRun();
  expect(fast()).toBe(0);
  // ... and a run of 200,000 trials or more moves the workers to the engine.
  await app.field("Trials").locator("input").fill("200000");
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
  await app.waitForRun();
  expect(Number(await page.locator(".results-body").getAttribute("data-trials"))).toBe(200_000);
  expect(fast()).toBeGreaterThanOrEqual(1);
});

test("where the fast engine cannot load, the page's module runs the trials", async ({ page }) => {
  let refused = 0;
  await page.context().route(/fast-engine/, (route) => {
    refused += 1;
    return route.abort();
  });
  const warnings: string[] = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await everyPresetOn(page, "fast");
  expect(refused).toBeGreaterThanOrEqual(1);
  expect(warnings.join("\n")).toContain("the fast engine could not be loaded");
});

/** Each card's architecture id and the colour it is drawn in. */
function cardColours(page: Page): Promise<Record<string, string>> {
  return page.locator("#cards .card").evaluateAll((cards) => Object.fromEntries(cards.map((c) => [c.getAttribute("data-arch"), (c as HTMLElement).style.getPropertyValue("--arch-colour")])));
}

test("architectures can be taken out of the comparison and added back", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.openGroup("Architectures");
  const colours = () => cardColours(page);
  const before = await colours();
  await page.getByRole("button", { name: "Remove from comparison: Fine-tuned Llama 8B (self-hosted, sized to the peak)" }).click();
  await page.waitForTimeout(400);
  await app.waitForRun();
  expect(Object.keys(await app.cards())).toEqual(["prompt_only", "rag", "hybrid"]);
  // Issue 16: the others keep their colours while it is out...
  const { fine_tuned, ...others } = before;
  expect(await colours()).toEqual(others);
  await page.getByRole("button", { name: /Add back Fine-tuned/ }).click();
  await page.waitForTimeout(400);
  await app.waitForRun();
  // ... and it comes back in its place, in its colour.
  expect(Object.keys(await app.cards())).toEqual(["prompt_only", "rag", "fine_tuned", "hybrid"]);
  expect(await colours()).toEqual(before);
  expect(fine_tuned).not.toBe("");
});

test("an architecture added while another is out leaves it its colour and its id", async ({ page }) => {
  // Issue 32: RAG out, a new RAG added, RAG back: the new one took RAG's
  // colour (rag_2 prefers it), and could take its id ('rag' was free).
  const app = new App(page);
  await app.open();
  await app.openGroup("Architectures");
  const colours = () => cardColours(page);
  const before = await colours();
  await page.getByRole("button", { name: /^Remove from comparison: RAG/ }).click();
  await page.locator("#add-architecture").selectOption("rag");
  await page.waitForTimeout(400);
  await app.waitForRun();
  await page.getByRole("button", { name: /^Add back RAG/ }).click();
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await colours();
  const added = Object.keys(after).filter((id) => !(id in before));
  expect(added).toHaveLength(1);
  expect(added[0]).not.toBe("rag_2");
  const { [added[0]]: colour, ...kept } = after;
  expect(kept).toEqual(before);
  expect(Object.values(before)).not.toContain(colour);
});

test("a price override changes the numbers and a negative price is refused at the field", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const before = await app.cards();
  await app.openGroup("Prices");
  const prices = page.locator("fieldset.arch").filter({ has: page.locator("legend .entry-id", { hasText: /^openai\/gpt-5.4$/ }) });
  // Issue 32: the entry is titled by its name, its id in small print, and
  // its source's address is a link.
  await expect(prices.locator("legend")).toHaveText(/^OpenAI GPT-5\.4\b.*openai\/gpt-5\.4$/);
  await expect(prices.locator(".source a").first()).toHaveAttribute("href", /^https:\/\//);
  const input = prices.locator(".field").filter({ has: page.locator("label", { hasText: /^Input/ }) });
  await input.locator("input").fill("25");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  expect(after.rag.p50).toBeGreaterThan(before.rag.p50);
  await input.locator("input").fill("-1");
  await expect(input.locator(".error")).toHaveText("-1 $ / 1M tokens is out of range: it must be between 0 and 10,000 $ / 1M tokens");
  await expect(page.locator(".results-body")).toHaveClass(/stale/);
});

test("an edited price says it is yours, in the page, after its link opens, and in an embed", async ({ page, baseURL }) => {
  const app = new App(page);
  await app.open();
  await expect(page.locator("#own-prices")).toBeHidden();
  await app.openGroup("Prices");
  const prices = page.locator("fieldset.arch").filter({ has: page.locator("legend .entry-id", { hasText: /^openai\/gpt-5.4$/ }) });
  await expect(prices.locator(".source")).toContainText("openai.com");
  await prices.locator(".field").filter({ has: page.locator("label", { hasText: /^Input/ }) }).locator("input").fill("0.025");
  await page.waitForTimeout(400);
  await app.waitForRun();
  await expect(prices.locator(".source")).toContainText("your edit in this scenario");
  await expect(prices.locator(".source")).not.toContainText("openai.com");
  await expect(page.locator("#own-prices")).toContainText("Not the catalog's prices: openai/gpt-5.4 is set in this scenario");
  // Opened elsewhere from its link: the price came with the link.
  const link = page.url();
  const other = await page.context().newPage();
  await other.addInitScript(() => localStorage.clear());
  const there = new App(other);
  await other.goto(link);
  await there.waitForRun();
  await expect(other.locator("#own-prices")).toContainText("openai/gpt-5.4");
  await there.openGroup("Prices");
  const carried = other.locator("fieldset.arch").filter({ has: other.locator("legend .entry-id", { hasText: /^openai\/gpt-5.4$/ }) });
  await expect(carried.locator(".source")).toContainText("prices carried in the link");
  // And in an embed of it.
  await other.goto(`${baseURL}/#embed=1&${link.split("#")[1]}`);
  await expect(other.locator("#own-prices")).toContainText("openai/gpt-5.4", { timeout: 60_000 });
});

test("committing a fleet's instances lowers its cost, and more than the fleet is refused at the field", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const before = await app.cards();
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  // The knowledge base's hybrid arm: autoscaled between 1 and 6 instances;
  // switching a commitment on commits its floor of one at 30% off.
  await page.locator("#architectures-3--serving-commitment").check();
  const committed = page.locator("#architectures-3--serving-commitment-instances");
  await expect(committed).toHaveValue("1");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  expect(after.hybrid.mean).toBeLessThan(before.hybrid.mean);
  expect(after.rag).toEqual(before.rag);
  await committed.fill("7");
  await expect(page.locator("#architectures-3--serving-commitment-instances-error")).toContainText("is out of range: it must be between 0 and 6");
  await expect(page.locator(".results-body")).toHaveClass(/stale/);
});

test("the price date stands by the verdict, with a note once it is over 90 days old", async ({ page }) => {
  const { execFileSync } = await import("node:child_process");
  const listing = JSON.parse(execFileSync("target/release/burnrate", ["prices", "--search", "no-such-entry", "--json"], { encoding: "utf8" }));
  const asOf: string = listing.shipped_accelerators_as_of;
  const days = Math.round((Date.now() - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000);
  const app = new App(page);
  await app.open();
  await app.waitForRun();
  const note = page.locator("#price-date");
  await expect(note).toContainText(`as of ${asOf}`);
  if (days > 90) {
    await expect(note).toHaveClass(/stale-note/);
    await expect(note).toContainText("days ago: check the rates under Prices");
  } else {
    await expect(note).not.toHaveClass(/stale-note/);
  }
});

test("the scenario and its architectures can be renamed; an over-long name is refused at its field", async ({ page }) => {
  const app = new App(page);
  await app.start("idle-gpu");
  await app.field("Scenario name").locator("input").fill("Our support bot");
  await expect(page.locator("#scenario-name")).toHaveText("Our support bot");
  await app.openGroup("Architectures");
  const first = page.locator("fieldset.arch").first();
  await first.locator(".field", { has: page.locator("label", { hasText: /^Name$/ }) }).locator("input").fill("Always-on GPU");
  await expect(first.locator("legend")).toHaveText("Always-on GPU");
  await app.waitForRun();
  await expect(page.locator(".card h3").first()).toHaveText("Always-on GPU");
  await app.field("Scenario name").locator("input").fill("x".repeat(201));
  await expect(app.field("Scenario name").locator(".error")).toContainText("at most 200");
  await expect(page.locator(".results-body")).toHaveClass(/stale/);
});

test("an architecture added from a template gets its own card", async ({ page }) => {
  const app = new App(page);
  await app.start("idle-gpu");
  await expect(page.locator(".card")).toHaveCount(4);
  await app.openGroup("Architectures");
  await page.locator("#add-architecture").selectOption("rag");
  await app.waitForRun();
  await expect(page.locator(".card")).toHaveCount(5);
  await expect(page.locator(".card h3").nth(4)).toHaveText("New: RAG (managed API + vector database)");
  // The prompt is back: the same template again is a second, distinct one
  // ('rag', or 'rag_N' for the first N whose colour no other prefers).
  const before = await page.locator(".card").evaluateAll((cards) => cards.map((c) => (c as HTMLElement).style.getPropertyValue("--arch-colour")));
  await page.locator("#add-architecture").selectOption("rag");
  await app.waitForRun();
  await expect(page.locator(".card")).toHaveCount(6);
  const ids = await page.locator(".card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-arch")));
  expect(new Set(ids).size).toBe(6);
  expect(ids.filter((id) => /^rag(_\d+)?$/.test(id!))).toHaveLength(2);
  // Adding one recolours none of the others.
  const after = await page.locator(".card").evaluateAll((cards) => cards.map((c) => (c as HTMLElement).style.getPropertyValue("--arch-colour")));
  expect(after.slice(0, 5)).toEqual(before);
});

test("a LiteLLM price file imported under Prices changes the numbers; one pricing nothing in use is refused", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const before = await app.cards();
  await app.openGroup("Prices");
  const litellm = JSON.stringify({
    "gpt-5.4": { input_cost_per_token: 1e-5, output_cost_per_token: 6e-5, cache_read_input_token_cost: 1e-6, litellm_provider: "openai", mode: "chat" },
  });
  await page.locator("#import-prices").setInputFiles({ name: "prices.json", mimeType: "application/json", buffer: Buffer.from(litellm) });
  await expect(page.locator("#import-prices-status")).toContainText("Prices from the file for openai/gpt-5.4");
  // Read by the on-demand module and opened as a link: Restore brings the prices before back.
  await expect(page.locator("#restore")).toBeVisible();
  // The edit's pause before the run, then the run.
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  expect(after["prompt_only"].p50).toBeGreaterThan(before["prompt_only"].p50 * 1.5);
  expect(after["fine_tuned"].p50).toBe(before["fine_tuned"].p50);
  const unrelated = JSON.stringify({ "some-other-model": { input_cost_per_token: 1e-6, output_cost_per_token: 1e-6, mode: "chat" } });
  await page.locator("#import-prices").setInputFiles({ name: "other.json", mimeType: "application/json", buffer: Buffer.from(unrelated) });
  await expect(page.locator("#import-prices-status")).toContainText("prices none of the models");
  // An invalid entry for a model in use is named with its reason, not blamed on the ids (issue 33).
  const invalid = JSON.stringify({ "gpt-5.4": { input_cost_per_token: -1e-6, output_cost_per_token: 1e-6, litellm_provider: "openai", mode: "chat" } });
  await page.locator("#import-prices").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(invalid) });
  await expect(page.locator("#import-prices-status")).toContainText("Not imported: the file's entry for openai/gpt-5.4 is invalid (usd_per_m_input = -1 is out of range");
});

test("the rates behind every total are fields: vector database, serverless terms, overheads, embedding and reranker prices", async ({ page }) => {
  const app = new App(page);
  await app.start("idle-gpu");
  const before = await app.cards();
  await app.openGroup("Architectures");
  await app.field("Serverless premium").locator("input").fill("4");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  expect(after["serverless"].p50).toBeGreaterThan(before["serverless"].p50);
  expect(after["dedicated"].p50).toBe(before["dedicated"].p50);
  await app.loadPreset("knowledge-base");
  await app.waitForRun();
  const kb = await app.cards();
  await app.field("Vector database base fee").locator("input").fill("5500");
  await page.waitForTimeout(400);
  await app.waitForRun();
  expect((await app.cards())["rag"].mean).toBeCloseTo(kb["rag"].mean + 5000, 0);
  for (const label of ["Index replicas", "Index RAM", "Index SSD", "Monitoring", "Sandbox"]) {
    await expect(app.field(label)).toBeVisible();
  }
  await app.openGroup("Prices");
  await expect(app.field("Embedding")).toBeVisible();
  await expect(app.field("Reranking")).toBeVisible();
});

test("a model found in the price list and picked changes its card, and the link keeps it", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const before = await app.cards();
  await app.openGroup("Architectures");
  const search = page.locator("#find-model-0");
  await search.fill("gpt-5 nano");
  await expect(page.locator(".picker").first().locator('[role="status"]')).toContainText("prices as of 2026-11-03");
  const pick = page.locator(".pick", { hasText: /^OpenAI GPT-5 nano:/ });
  await expect(pick).toHaveCount(1);
  await pick.click();
  await expect(page.locator("#architectures-0--serving-model")).toHaveValue("openai/gpt-5-nano");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  // $0.05 / $0.005 cached / $0.40 per 1M tokens against GPT-5.4's $2.50 / $0.25 / $15: the
  // tokens cost ~50 times less; the overheads stay, now most of the bill.
  expect(after["prompt_only"].p50).toBeLessThan(before["prompt_only"].p50 / 2.5);
  expect(after["fine_tuned"]).toEqual(before["fine_tuned"]);
  // The link carries the picked model's prices.
  expect(decodeURIComponent(page.url())).toContain("#s=2.");
  await page.reload();
  await app.waitForRun();
  expect(await app.cards()).toEqual(after);
});

test("the picker is a keyboard combobox: Down, Enter, and the focus goes back to the field it filled", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  await app.openGroup("Architectures");
  const fetched: string[] = [];
  page.on("request", (r) => { if (/on-demand_bg\.wasm|prices\.json/.test(r.url())) fetched.push(r.url()); });
  const search = page.locator("#find-model-0");
  await search.focus();
  await page.keyboard.type("gpt-5 nano");
  const list = page.locator("#find-model-0-list");
  await expect(list.locator('[role="option"]').first()).toBeVisible();
  await expect(search).toHaveAttribute("aria-expanded", "true");
  await expect(search).toHaveAttribute("role", "combobox");
  const options = await list.locator('[role="option"]').allTextContents();
  const nano = options.findIndex((t) => /^OpenAI GPT-5 nano:/.test(t));
  expect(nano).toBeGreaterThanOrEqual(0);
  // Up from nothing wraps to the last option; Down from there to the first.
  await page.keyboard.press("ArrowUp");
  await expect(search).toHaveAttribute("aria-activedescendant", `find-model-0-option-${options.length - 1}`);
  for (let i = 0; i <= nano; i++) await page.keyboard.press("ArrowDown");
  await expect(search).toHaveAttribute("aria-activedescendant", `find-model-0-option-${nano}`);
  await expect(list.locator('[aria-selected="true"]')).toHaveText(options[nano]);
  await page.keyboard.press("Enter");
  // Ten keystrokes while the search loaded: one module, one price list.
  expect(fetched.length).toBe(2);
  const field = page.locator("#architectures-0--serving-model");
  await expect(field).toHaveValue("openai/gpt-5-nano");
  await expect(field).toBeFocused();
  await expect(list.locator('[role="option"]')).toHaveCount(0);
  await expect(search).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator("#find-model-0-status")).toContainText("Picked OpenAI GPT-5 nano");
  // Escape closes the list, then clears the field; nothing is picked.
  await search.focus();
  await page.keyboard.type("sonnet");
  await expect(list.locator('[role="option"]').first()).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(list.locator('[role="option"]')).toHaveCount(0);
  await expect(search).toHaveValue("sonnet");
  await page.keyboard.press("Escape");
  await expect(search).toHaveValue("");
  await expect(field).toHaveValue("openai/gpt-5-nano");
});

test("an instance found in the list across clouds changes its card and brings its spot price", async ({ page }) => {
  const app = new App(page);
  await app.start("idle-gpu");
  const before = await app.cards();
  await app.openGroup("Architectures");
  await page.locator("#find-instance-0").fill("gcp h100");
  const status = page.locator(".picker", { has: page.locator("#find-instance-0") }).locator('[role="status"]');
  await expect(status).toContainText("matches");
  // Cheapest a device-hour first: GCP's a3-highgpu-8g ($11.06 a GPU) before its a3-megagpu-8g ($11.62).
  const picks = page.locator(".picker", { has: page.locator("#find-instance-0") }).locator(".pick");
  await expect(picks.first()).toContainText("GCP a3-highgpu-8g (8x H100 SXM 80GB): $88.49 an hour ($11.06 a device), spot $35.3957");
  await picks.first().click();
  await expect(page.locator("#architectures-0--serving-accelerator")).toHaveValue("gcp/a3-highgpu-8g");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  // One dedicated instance 730 hours a month at $88.49 instead of $5.672 (g5.12xlarge).
  expect(after["dedicated"].p50).toBeGreaterThan(before["dedicated"].p50 * 10);
  expect(after["serverless"]).toEqual(before["serverless"]);
  // The spot discount now is the published one: 1 - 35.3957 / 88.49 = 60.0%.
  await expect(app.field("Spot discount").first().locator("input")).toHaveValue("60");
  await page.reload();
  await app.waitForRun();
  expect(await app.cards()).toEqual(after);
});

test("an instance's throughput is a field under Prices: a slower one needs a larger fleet", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  const before = await app.cards();
  await app.openGroup("Prices");
  const g5 = page.locator("fieldset.arch", { has: page.locator("legend .entry-id", { hasText: /^g5\.12xlarge$/ }) });
  const decode = g5.locator(".field", { has: page.locator("label", { hasText: /^Decode \(batched\)/ }) }).locator("input");
  await expect(decode).toHaveValue("1200");
  await expect(g5.locator(".source")).toContainText("skypilot-catalog");
  await decode.fill("600");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  // The fine-tuned fleet autoscales by the hour: half the decode speed, more instance-hours
  // (a few percent: text-to-SQL answers are short, prompts long).
  expect(after["fine_tuned"].p50).toBeGreaterThan(before["fine_tuned"].p50 * 1.01);
  expect(after["prompt_only"]).toEqual(before["prompt_only"]);
});

test("card amounts read to three significant figures, the exact amount on hover and focus", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const cards = await app.cards();
  for (const [id, card] of Object.entries(cards)) {
    const p50 = page.locator(`#cards .card[data-arch="${id}"] dd.big`);
    // $9.70k, $11.5k, $123k, $1.23M: three figures, one format.
    await expect(p50).toHaveText(/^\$(\d\.\d\d|\d\d\.\d|\d\d\d)[kMB]?$/);
    const exact = Number((await p50.getAttribute("title"))!.replace(/[$,]/g, ""));
    expect(Math.abs(exact - card.p50)).toBeLessThanOrEqual(0.5);
    await p50.focus();
    await expect(p50).toBeFocused();
  }
});

test("a custom model starts at the current prices, and its name and prices are edited under Prices", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const before = await app.cards();
  await app.openGroup("Architectures");
  await page.locator("#custom-model-0").click();
  await expect(page.locator("#architectures-0--serving-model")).toHaveValue("custom-1");
  await page.waitForTimeout(400);
  await app.waitForRun();
  expect(await app.cards()).toEqual(before);
  await app.openGroup("Prices");
  const mine = page.locator("fieldset.arch", { has: page.locator("legend .entry-id", { hasText: /^custom-1$/ }) });
  await mine.locator(".field", { has: page.locator("label", { hasText: /^Name$/ }) }).locator("input").fill("Our negotiated GPT-5.4");
  await expect(page.locator("#architectures-0--serving-model option:checked")).toHaveText("Our negotiated GPT-5.4");
  await mine.locator(".field", { has: page.locator("label", { hasText: /^Output/ }) }).locator("input").fill("60");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  // Output at $60 instead of $15 per 1M tokens: answers are a small share of the tokens here.
  expect(after["prompt_only"].p50).toBeGreaterThan(before["prompt_only"].p50 * 1.1);
  expect(after["fine_tuned"]).toEqual(before["fine_tuned"]);
});

test("a model whose price changes on a date asks for the start month, then prices each month at its price", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  await app.openGroup("Architectures");
  // Gemini 3.6 Flash: $0.75 / $3.75 per 1M, then twice that from 2027-01-01.
  await page.locator("#find-model-0").fill("gemini 3.6 flash");
  await page.locator(".pick", { hasText: /^Google Gemini 3\.6 Flash:/ }).click();
  const model = page.locator(".field", { has: page.locator("#architectures-0--serving-model") });
  await expect(model.locator(".error")).toContainText("price changes on 2027-01-01: set the scenario's start month");
  await expect(page.locator(".results-body")).toHaveClass(/stale/);
  await app.field("Start month").locator("input").fill("2027-01");
  await page.waitForTimeout(400);
  await app.waitForRun();
  await expect(model.locator(".error")).toBeEmpty();
  const after = await app.cards();
  await app.field("Start month").locator("input").fill("2026-01");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const before = await app.cards();
  // The same draws at half the token prices.
  expect(before["prompt_only"].p50).toBeLessThan(after["prompt_only"].p50);
  expect(before["fine_tuned"]).toEqual(after["fine_tuned"]);
  // Starting 2026-07, the year's last six months are at the new price: between the two.
  await app.field("Start month").locator("input").fill("2026-07");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const across = await app.cards();
  expect(across["prompt_only"].p50).toBeGreaterThan(before["prompt_only"].p50);
  expect(across["prompt_only"].p50).toBeLessThan(after["prompt_only"].p50);
  await app.field("Start month").locator("input").fill("2027-13");
  await expect(app.field("Start month").locator(".error")).toContainText("YYYY-MM");
});

test("the routed frontier model and its share are fields, and the price list finds the frontier model", async ({ page }) => {
  const app = new App(page);
  await app.start("model-arbitrage");
  const before = await app.cards();
  await app.openGroup("Architectures");
  // The routed architecture is the second: GPT-5.5 ($5 / $30) for the hard 5%.
  await page.locator("#find-frontier-1").fill("gpt-5.5 pro");
  await page.locator(".pick", { hasText: /^OpenAI GPT-5\.5 Pro:/ }).click();
  await expect(page.locator("#architectures-1--routing-frontier-model")).toHaveValue("openai/gpt-5.5-pro");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const after = await app.cards();
  // Six times the frontier's prices on the routed share only.
  expect(after["routed"].p50).toBeGreaterThan(before["routed"].p50 * 1.2);
  expect(after["frontier_only"]).toEqual(before["frontier_only"]);
  expect(after["cheap_only"]).toEqual(before["cheap_only"]);
  await expect(page.locator(".field", { has: page.locator("label", { hasText: /^Routed share/ }) })).toHaveCount(1);
});

test("the drivers chart names the architecture it is about, and so does its PNG", async ({ page }) => {
  // Issue 16: a saved drivers PNG did not say whose drivers it showed.
  await page.addInitScript(() => {
    const w = window as any;
    w.__texts = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, max?: number) {
      w.__texts.push([this.canvas.closest("figure")?.id ?? "", String(text)]);
      return max === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, max);
    };
  });
  const app = new App(page);
  await app.start("knowledge-base");
  await page.locator(".chart-with-control select").selectOption("1");
  const drawn = () =>
    page.evaluate(() => (window as any).__texts.filter(([id]: string[]) => id === "chart-sensitivity").map(([, t]: string[]) => t));
  await expect.poll(drawn).toContain("RAG (GPT-5.4): rank correlation with monthly spend");
});
