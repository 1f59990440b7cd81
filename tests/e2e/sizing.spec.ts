import { execFileSync } from "node:child_process";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { App } from "./app";

type Option = { units: number; term: string; mean_usd: number; meets_limits: boolean };
type Plan = { term: string; every_months: number; steps: (Option & { month: number; until: number })[] };

/** `burnrate capacity optimize`'s options for text-to-sql's prompt-only
 * architecture on Azure's Global PTU, at most 60% of a month's calls
 * spilled in 95% of months, at the page's 500 trials an option. */
function cliSearch(): { options: Option[]; best: Option; plan: Plan } {
  return JSON.parse(
    execFileSync(
      "target/release/burnrate",
      ["capacity", "optimize", "text-to-sql", "--arch", "prompt_only", "--offer", "azure-ptu-global", "--max-spill-share", "0.6", "--confidence", "0.95", "--trials", "500", "--json"],
      { encoding: "utf8" },
    ),
  );
}

test("sizing the commitment in the page gives burnrate capacity optimize's options, and Use writes the cheapest", async ({ page }) => {
  test.setTimeout(240_000);
  const app = new App(page);
  await app.start("text-to-sql");
  await app.openGroup("Architectures");
  // Every architecture offers it: three on a managed API (provisioned
  // units), two autoscaled fleets (committed instances); a serverless one
  // would not (it cannot be committed).
  const buttons = page.locator("[data-size-commitment]");
  await expect(buttons).toHaveCount(5);
  await expect(page.locator(".sizing:not([hidden]) [data-size-commitment]")).toHaveCount(5);
  await page.locator("#architectures-3--serving-hosting").selectOption("serverless");
  await expect(page.locator(".sizing:not([hidden]) [data-size-commitment]")).toHaveCount(4);
  await page.locator("#architectures-3--serving-hosting").selectOption("autoscaled");
  await app.waitForRun();
  await buttons.first().click();
  const panel = page.locator("#sizing-panel");
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("#sizing-title")).toBeFocused();
  await expect(page.locator("#sizing-offer")).toHaveValue("azure-ptu-global");
  // A bad limit is said, and marked on its field.
  await page.locator("#sizing-limit").fill("sixty");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator("#sizing-status")).toContainText("must be a percentage from 0 to 100");
  await expect(page.locator("#sizing-limit")).toHaveAttribute("aria-invalid", "true");
  await page.locator("#sizing-limit").fill("60");
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.locator("#sizing-table");
  await expect(table).toBeVisible({ timeout: 180_000 });
  const want = cliSearch();
  const rows = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({ units: Number(tr.getAttribute("data-units")), mean: Number(tr.getAttribute("data-mean")), best: tr.classList.contains("best") })),
  );
  expect(rows.map((r) => [r.units, r.mean])).toEqual(want.options.map((o) => [o.units, o.mean_usd]));
  const best = rows.findIndex((r) => r.best);
  expect(rows[best].units).toBe(want.best.units);
  expect(rows[best].mean).toBe(want.best.mean_usd);
  // The chart: a line per term, pay-as-you-go across, the best ringed on both panels.
  const svg = panel.locator("figure.sizing-chart svg");
  await expect(svg.locator("polyline.term")).toHaveCount(3);
  await expect(svg.locator("line.payg")).toHaveCount(1);
  await expect(svg.locator("circle.best")).toHaveCount(2);
  await expect(page.locator("#sizing-status")).toContainText(`Cheapest within the limits: ${want.best.units} units on ${want.best.term}`);
  // text-to-sql grows 3% a month: when to add units, step by step, as
  // the command line plans it (to the bit), and said in a sentence.
  const plan = await page.locator("#sizing-plan tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th")?.textContent, Number(tr.getAttribute("data-units")), Number(tr.getAttribute("data-mean"))]),
  );
  expect(plan).toEqual(want.plan.steps.map((s) => [`${s.month}–${s.until}`, s.units, s.mean_usd]));
  expect(new Set(plan.map((p) => p[1])).size).toBeGreaterThan(1);
  await expect(page.locator("#sizing-status")).toContainText(`As traffic grows: ${want.plan.steps[0].units} units at first, `);
  // Use writes it into the architecture's Provisioned capacity.
  const before = (await app.cards())["prompt_only"].mean;
  await table.locator("tbody tr.best button").click();
  await expect(page.locator("#sizing-status")).toContainText(`Written: ${want.best.units} units on ${want.best.term}`);
  const units = page.locator('[data-field="architectures[0].serving.provisioned.units"] input');
  await expect(units).toHaveValue(String(want.best.units), { timeout: 30_000 });
  await app.waitForRun(120_000);
  // The card moves to the option's month: the page's trials begin with the
  // search's 500 (the same draws), so its mean is the search's within the
  // sampling error of 500 months (their spread is about 30% of the mean:
  // a standard error of 1.3%; 5% is 4 of them).
  const after = (await app.cards())["prompt_only"].mean;
  expect(after).not.toBe(before);
  expect(Math.abs(after - want.best.mean_usd)).toBeLessThan(0.05 * want.best.mean_usd);
  // The page's Restore brings back pay-as-you-go alone.
  await page.getByRole("button", { name: "Restore your previous scenario" }).click();
  await expect(units).toHaveCount(0, { timeout: 30_000 });
});

test("the sizing panel is clean under axe, on a phone in the dark and on a desktop", async ({ page }) => {
  test.setTimeout(240_000);
  for (const [width, height, scheme] of [[375, 812, "dark"], [1440, 900, "light"]] as const) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    const app = new App(page);
    await app.start("support-capacity");
    await app.openGroup("Architectures");
    await page.locator("[data-size-commitment]").nth(1).click();
    // Its own units and price first: the architecture has provisioned capacity.
    await expect(page.locator("#sizing-offer")).toHaveValue("");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.locator("#sizing-table")).toBeVisible({ timeout: 180_000 });
    const results = await new AxeBuilder({ page }).include("#sizing-panel").analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  }
});

test("a self-hosted fleet's committed instances are sized by the same search, and Use writes the count", async ({ page }) => {
  test.setTimeout(240_000);
  const app = new App(page);
  await app.start("text-to-sql");
  await app.openGroup("Architectures");
  // Fine-tuned (index 2): autoscaled from 1 to 12 g5.12xlarge. Without a
  // commitment the panel says what to switch on.
  const size = page.locator('[data-size-commitment="2"]');
  await size.click();
  await expect(page.locator("#sizing-panel")).toContainText("Switch on Committed instances above");
  await page.locator("#architectures-2--serving-commitment").check();
  await expect(page.locator("#architectures-2--serving-commitment-instances")).toHaveValue("1");
  await app.waitForRun();
  await size.click();
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.locator("#sizing-table");
  await expect(table).toBeVisible({ timeout: 180_000 });
  const scenario = await page.evaluate(() => localStorage.getItem("burnrate.scenario") ?? "");
  const { writeFileSync, mkdtempSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { tmpdir } = await import("node:os");
  const file = join(mkdtempSync(join(tmpdir(), "burnrate-size-")), "s.json");
  writeFileSync(file, scenario);
  const want = JSON.parse(execFileSync("target/release/burnrate", ["capacity", "optimize", file, "--arch", "fine_tuned", "--trials", "500", "--json"], { encoding: "utf8" }));
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute("data-units")), Number(tr.getAttribute("data-mean"))]));
  expect(rows).toEqual(want.options.map((o: Option) => [o.units, o.mean_usd]));
  await expect(page.locator("#sizing-status")).toContainText(`Cheapest: ${want.best.units} instance`);
  // Another count than the one there: Use writes it into Committed instances.
  const other = want.options.find((o: Option) => o.units > 1) as Option;
  await table.locator(`tbody tr[data-units="${other.units}"] button`).click();
  await expect(page.locator("#architectures-2--serving-commitment-instances")).toHaveValue(String(other.units), { timeout: 30_000 });
});
