import { execFileSync } from "node:child_process";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { App, engine } from "./app";

// Issue 16: answers at a glance. The tables must equal the CLI's own
// numbers, the summary must stay in view while editing, and nothing may be
// wider than a phone's screen.
test.describe.configure({ timeout: 180_000 });

test("the pairwise table is the CLI's pairs, both ways round", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const cli = engine("knowledge-base");
  const cells = await page.locator("#pairwise td[data-p]").evaluateAll((tds) =>
    tds.map((td) => ({ a: td.getAttribute("data-a"), b: td.getAttribute("data-b"), p: Number(td.getAttribute("data-p")) })),
  );
  const n = cli.architectures.length;
  expect(cells.length).toBe(n * (n - 1));
  for (const pair of (cli as any).pairs) {
    expect(cells.find((c) => c.a === pair.a && c.b === pair.b)!.p).toBe(pair.p_a_cheaper);
    expect(cells.find((c) => c.a === pair.b && c.b === pair.a)!.p).toBeCloseTo(1 - pair.p_a_cheaper, 12);
  }
  await expect(page.locator("#pairwise caption")).toContainText("row is cheaper than the column");
});

test("the break-even table is burnrate crossover --json, with the P10-P90 overlap", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const table = page.locator("#break-evens");
  await expect(table).toBeVisible();
  const [from, to, points, trials] = await Promise.all(
    ["data-from", "data-to", "data-points", "data-trials"].map((a) => table.getAttribute(a)),
  );
  const cli = JSON.parse(
    execFileSync(
      "target/release/burnrate",
      ["crossover", "knowledge-base", "--json", "--from", from!, "--to", to!, "--points", points!, "--trials-per-point", trials!],
      { encoding: "utf8", maxBuffer: 64 << 20 },
    ),
  );
  const rows = await table.locator("tr[data-q]").evaluateAll((trs) =>
    trs.map((tr) => ({ a: tr.getAttribute("data-a"), b: tr.getAttribute("data-b"), q: Number(tr.getAttribute("data-q")), text: tr.textContent })),
  );
  expect(cli.break_evens.length).toBeGreaterThan(0);
  expect(rows.length).toBe(cli.break_evens.length);
  for (const be of cli.break_evens) {
    const row = rows.find((r) => r.a === be.a && r.b === be.b && r.q === be.queries_per_day);
    expect(row, `${be.a}/${be.b} at ${be.queries_per_day}`).toBeTruthy();
    expect(row!.text).toContain(" – ");
  }
  // The chart labels each change of the cheapest with its volume (native test),
  // and its words name architectures, not ids.
  await expect(page.locator("#chart-crossover-desc")).toContainText("RAG (GPT-5.4)");
  await expect(page.locator("#chart-crossover-desc")).not.toContainText("prompt_only");
  // The title is said once, as a heading; the canvas is named by the chart in words.
  const chart = page.locator("#chart-crossover");
  await expect(chart.getByRole("heading", { level: 3 })).toHaveText("Crossover: spend against volume (P10–P90)");
  await expect(chart.getByRole("img")).toHaveAccessibleName(/RAG \(GPT-5\.4\)/);
  await expect(chart.getByRole("img")).not.toHaveAccessibleName(/Crossover/);
  // Nothing else in the figure repeats the title to a screen reader.
  const said = await chart.evaluate((f) =>
    [...f.querySelectorAll("[aria-label], figcaption")].map((e) => e.getAttribute("aria-label") ?? e.textContent ?? ""));
  expect(said.filter((t) => t.includes("Crossover"))).toEqual([]);
});

for (const [width, height] of [[1440, 900], [375, 812]]) {
  test(`the verdict and each P50/P95 stay in view while editing the last field (${width}px)`, async ({ page }) => {
  const app = new App(page);
    await page.setViewportSize({ width, height });
    await app.start("knowledge-base");
    for (const group of await page.locator("details.group").all()) await group.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const last = page.locator(".inputs input").last();
    await last.scrollIntoViewIfNeeded();
    await last.focus();
    const verdict = await page.locator("#verdict").boundingBox();
    expect(verdict!.y).toBeGreaterThanOrEqual(0);
    expect(verdict!.y + verdict!.height).toBeLessThanOrEqual(height);
    await expect(page.locator("#verdict")).toContainText("Cheapest on average");
    await expect(page.locator("#glance tbody tr")).toHaveCount(4);
    // The field being edited is not under the summary.
    const glance = await page.locator("#glance").boundingBox();
    const field = await last.boundingBox();
    expect(field!.y >= glance!.y + glance!.height || field!.y + field!.height <= glance!.y || field!.x >= glance!.x + glance!.width).toBe(true);
  });
}

test("nothing is wider than a 375-px screen, every group open", async ({ page }) => {
  const app = new App(page);
  await page.setViewportSize({ width: 375, height: 812 });
  await app.start("knowledge-base");
  for (const group of await page.locator("details").all()) await group.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.waitForTimeout(300);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > window.innerWidth + 0.5;
      })
      .map((e) => `${e.tagName}#${e.id}.${e.className}`),
  );
  expect(wide).toEqual([]);
});

test("text that is not a number marks the results stale, like any invalid edit, until fixed", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const budget = app.field("Monthly budget").locator("input");
  await budget.fill("abc");
  await expect(app.field("Monthly budget").locator(".error")).toContainText("is not a number");
  await expect(page.locator(".results-body")).toHaveClass(/stale/);
  await expect(page.locator("#glance")).toHaveClass(/stale/);
  await budget.fill("20000");
  await expect(page.locator(".results-body")).not.toHaveClass(/stale/);
});

test("an edit that leaves the scenario as it was keeps the run it has", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  await page.evaluate(() => {
    (window as any).runs = [];
    new MutationObserver(() => (window as any).runs.push(document.querySelector("#progress")!.getAttribute("data-running"))).observe(
      document.querySelector("#progress")!,
      { attributes: true, attributeFilter: ["data-running"] },
    );
  });
  const budget = app.field("Monthly budget").locator("input");
  await budget.fill("20001");
  await budget.fill("20000");
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => (window as any).runs)).toEqual([]);
  await expect(page.locator(".results-body")).not.toHaveClass(/stale/);
  // A real change still runs.
  await budget.fill("25000");
  await expect.poll(() => page.evaluate(() => (window as any).runs.includes("true"))).toBe(true);
  await app.waitForRun();
  // An unchanged edit made while a run (or its crossover) is still going:
  // the run is kept, and its result is current once it ends (found by a review).
  await app.field("Trials").locator("input").fill("200000");
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
  await budget.fill("25001");
  await budget.fill("25000");
  await app.waitForRun(120_000);
  await expect(page.locator("#progress")).toHaveAttribute("data-done", "200000");
  await expect(page.locator(".results-body")).not.toHaveClass(/stale/);
});

test("a cancelled run says so and can be resumed to the end", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  await app.field("Trials").locator("input").fill("400000");
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "true");
  await page.locator("#progress button", { hasText: "Cancel" }).click();
  await expect(page.locator("#progress")).toHaveAttribute("data-cancelled", "true");
  await expect(page.locator("#progress")).toContainText("Cancelled after");
  await expect(page.locator("#progress")).toContainText("of 400,000 simulated months");
  await page.locator("#resume").click();
  await expect(page.locator("#progress")).toHaveAttribute("data-cancelled", "false");
  await app.waitForRun(120_000);
  await expect(page.locator("#progress")).toHaveAttribute("data-done", "400000");
  await expect(page.locator("#progress")).toContainText("400,000 simulated months");
});

test("every field has its own id, label and error: one bad price marks one field", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  for (const group of await page.locator("details").all()) await group.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  expect(dupes).toEqual([]);
  // Every label names one control that exists.
  const orphans = await page.evaluate(() =>
    [...document.querySelectorAll("label[for]")].map((l) => l.getAttribute("for")!).filter((f) => !document.getElementById(f)),
  );
  expect(orphans).toEqual([]);
  // A distribution's sub-fields say whose they are.
  await expect(page.getByRole("textbox", { name: "Queries per day: low" }).or(page.getByRole("textbox", { name: /Queries per day: / }).first())).toBeVisible();
  // A negative output price: only the Output field turns red.
  const prices = page.locator("fieldset.arch", { has: page.locator("legend") }).filter({ has: page.locator("label", { hasText: "Cached input" }) }).first();
  await prices.locator(".field", { has: page.locator("label", { hasText: /^Output/ }) }).locator("input").fill("-1");
  await expect(prices.locator(".field.invalid")).toHaveCount(1);
  await expect(prices.locator(".field.invalid label")).toContainText("Output");
});

test("a distribution whose tail passes the field's bound says that those draws are held at it", async ({ page }) => {
  // Issue 32: a lognormal's tail reached 1e15 queries a day while draws were
  // held at 1e10 without a word.
  const app = new App(page);
  await app.start("knowledge-base");
  await expect(page.locator("#held-at-bounds")).toBeHidden();
  for (const group of await page.locator("details.group").all()) await group.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const volume = page.getByRole("textbox", { name: /^Queries per day: / }).last();
  await volume.fill("5000000000");
  await expect(page.locator("#held-at-bounds")).toBeVisible();
  await expect(page.locator("#held-at-bounds")).toContainText("Queries per day: 3.6% of draws above 10,000,000,000 queries / day");
  await volume.fill("8000");
  await expect(page.locator("#held-at-bounds")).toBeHidden();
});

test("messages use the field's label and the unit typed in, never internal names", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  for (const group of await page.locator("details.group").all()) await group.evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const growth = app.field("Monthly growth");
  await growth.locator("input").fill("500");
  await expect(growth.locator(".error")).toHaveText("500 % / month is out of range: it must be between -50 and 200 % / month");
  await expect(page.locator("#scenario-error")).toContainText("Monthly growth: 500 % / month is out of range");
  await growth.locator("input").fill("2");
  await expect(page.locator("#scenario-error")).toBeHidden();
  // A distribution's parameter is named as its editor labels it.
  const volume = page.getByRole("textbox", { name: /^Queries per day: / }).last();
  await volume.fill("2000000000000000");
  await expect(app.field("Queries per day").locator(".error")).toHaveText(/^5% above: .* queries \/ day is out of range: it must be /);
  const message = await app.field("Queries per day").locator(".error").textContent();
  await expect(page.locator("#scenario-error")).toContainText("Queries per day: ");
  for (const text of [message!, (await page.locator("#scenario-error").textContent())!]) {
    expect(text).not.toMatch(/workload|queries_per_day|\bp95\b/);
  }
  // A file that is not JSON says so in words.
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#import-json").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{not json") });
  await expect(page.locator("#export-status")).toContainText("the file is not JSON");
  await expect(page.locator("#export-status")).not.toContainText("expected ident");
});

test("sources are named in words, never 'seed 000', and the references list names them all", async ({ page }) => {
  const app = new App(page);
  for (const preset of ["knowledge-base", "idle-gpu"]) {
    await app.start(preset);
    for (const group of await page.locator("details").all()) await group.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/seeds? 00\d/i);
    expect(text).toMatch(/the TCO deep dive|the FinOps guide/);
  }
  await page.locator("#references").click();
  await expect(page.locator("h1")).toHaveText("References");
  for (const name of ["The TCO deep dive", "The cost analysis", "The FinOps guide", "The Algorithmic Drain", "genai-prices", "TensorRT-LLM", "Neuron"]) {
    await expect(page.locator("main")).toContainText(name);
  }
});

/** Which side of the main area Tab reaches first from the preset select. */
async function firstTabInMain(page: Page): Promise<string> {
  await page.locator("#preset").focus();
  let inMain = "";
  for (let i = 0; i < 40 && !inMain; i++) {
    await page.keyboard.press("Tab");
    inMain = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || !a.closest("main")) return "";
      return a.closest(".results-column") ? "results" : "editor";
    });
  }
  return inMain;
}

test("on a phone the tab order follows what is seen: the results, then the editor", async ({ page }) => {
  // Issue 16: results showed first on a phone while Tab went through the
  // whole editor before reaching them.
  await page.setViewportSize({ width: 375, height: 812 });
  const app = new App(page);
  await app.open();
  const top = (sel: string) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  expect(await top(".results")).toBeLessThan(await top(".inputs"));
  // The first control Tab reaches inside the main area is in the results.
  expect(await firstTabInMain(page)).toBe("results");
});

test("on a desktop the tab order follows what is seen: the editor on the left, then the results", async ({ page }) => {
  // Issue 32: at 1440 px Tab went through 20 card values and 6 charts on
  // the right before the editor on the left.
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = new App(page);
  await app.open();
  const left = (sel: string) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().left);
  expect(await left(".inputs")).toBeLessThan(await left(".results"));
  expect(await firstTabInMain(page)).toBe("editor");
  // And Tab leaves the editor for the results, not for the footer.
  await page.locator(".inputs").evaluate((e) => {
    const all = [...e.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [tabindex='0'], summary")];
    all.filter((x) => x.offsetParent !== null).at(-1)!.focus();
  });
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest(".results-column"))).toBe(true);
});
