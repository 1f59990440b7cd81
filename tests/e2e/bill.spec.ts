import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { App } from "./app";

/** burnrate's own FOCUS forecast of text-to-sql from 2026-01, the
 * prompt-only architecture's rows alone: a bill whose every month is that
 * architecture's mean. */
function bill(): string {
  const focus = execFileSync("target/release/burnrate", ["simulate", "text-to-sql", "--focus", "--start-month", "2026-01"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const [header, ...rows] = focus.trim().split("\n");
  const dir = mkdtempSync(join(tmpdir(), "burnrate-bill-"));
  const file = join(dir, "bill.csv");
  writeFileSync(file, [header, ...rows.filter((r) => r.includes('"prompt_only","Prompt'))].join("\n") + "\n");
  return file;
}

/** `burnrate compare`'s percentiles for the bill against architecture `arch`. */
function cliPercentiles(file: string, arch: string): number[] {
  const out = JSON.parse(execFileSync("target/release/burnrate", ["compare", "text-to-sql", file, "--arch", arch, "--json"], { encoding: "utf8" }));
  return out.months.map((m: { percentile: number }) => m.percentile);
}

test("a bill compared in the page gives burnrate compare's percentiles, for each architecture", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  const file = bill();
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#compare-bill").setInputFiles(file);
  const table = page.locator("#compare-table");
  await expect(table).toBeVisible({ timeout: 60_000 });
  const shown = () => table.locator("td[data-percentile]").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-percentile"))));
  // The first architecture (prompt-only) is chosen: its own mean each month.
  const promptOnly = cliPercentiles(file, "prompt_only");
  expect(promptOnly.length).toBe(12);
  expect(await shown()).toEqual(promptOnly);
  await expect(page.locator("#compare-report")).toContainText("12 of 12 complete months inside the forecast's P5–P95");
  // The fan chart: the band over the horizon, a dot per month of the bill.
  const fan = page.locator("#compare-report figure.compare-fan svg");
  await expect(fan).toHaveAttribute("aria-label", /from 2026-01 to 2026-12.*12 of 12 complete ones inside the band/);
  await expect(fan.locator("circle.bill")).toHaveCount(12);
  await expect(fan.locator("polygon.band")).toHaveCount(1);
  // Another architecture: the same bill placed in its forecast.
  const select = page.locator("#compare-arch");
  await select.selectOption({ label: await select.locator("option").nth(1).textContent() ?? "" });
  const rag = cliPercentiles(file, "rag");
  expect(rag).not.toEqual(promptOnly);
  await expect.poll(shown).toEqual(rag);
  await expect(select).toBeFocused();
  // Only the rows naming a model the bill has not: nothing placed, every
  // month listed as not compared (burnrate compare --map claude=rag).
  await page.locator("#compare-filter").fill("claude");
  await page.getByRole("button", { name: "Compare again" }).click();
  await expect(page.locator("#compare-report")).toContainText("(unmapped)", { timeout: 60_000 });
  await expect(page.locator("#compare-report")).toContainText("No month of the bill was placed");
  await expect(table).toHaveCount(0);
  await expect(page.locator("#compare-report li")).toHaveCount(12);
  await expect(select).toHaveValue("1");
  // Rows naming the architecture's description: the whole bill again.
  await page.locator("#compare-filter").fill("prompt-only");
  await page.getByRole("button", { name: "Compare again" }).click();
  await expect.poll(shown, { timeout: 60_000 }).toEqual(rag);
});

test("a usage log without costs is priced by the catalog in the page as burnrate compare prices it", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  // OpenAI chat-completion objects over two months, and one request of a
  // model the catalog has no price for.
  const line = (i: number, model: string) =>
    JSON.stringify({ id: `chatcmpl-${i}`, object: "chat.completion", created: 1_768_003_200 + i * 50_000, model, usage: { prompt_tokens: 20_000 + 10 * i, completion_tokens: 300, total_tokens: 20_300 + 10 * i } });
  const log = [...Array.from({ length: 60 }, (_, i) => line(i, "gpt-5.4-2026-03-05")), line(61, "gpt-unknown-9")].join("\n") + "\n";
  const file = join(mkdtempSync(join(tmpdir(), "burnrate-usage-")), "usage.jsonl");
  writeFileSync(file, log);
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#compare-bill").setInputFiles(file);
  const table = page.locator("#compare-table");
  await expect(table).toBeVisible({ timeout: 60_000 });
  const shown = await table.locator("td[data-percentile]").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-percentile"))));
  const want = cliPercentiles(file, "prompt_only");
  expect(want.length).toBe(2);
  expect(shown).toEqual(want);
  await expect(page.locator("#compare-report")).toContainText("not priced: 1 request of gpt-unknown-9");
  await expect(page.locator("#compare-report")).toContainText("The bill is a usage log: 61 requests");
  // Refit: the calibrator fits the workload to the same log, as recorded
  // by the architecture chosen; Accept runs it, Restore takes it back.
  const before = await app.cards();
  await page.getByRole("button", { name: "Refit the workload from this log…" }).click();
  await expect(page.locator("#calibrator-title")).toBeFocused({ timeout: 30_000 });
  await expect(page.locator("#calibrator-by")).toHaveValue("prompt_only");
  await expect(page.locator("#calibrator-report table.calibrator-fit")).toBeVisible({ timeout: 60_000 });
  await page.locator("#calibrator-accept").click();
  await expect(page.locator("#calibrator-message")).toContainText("Accepted");
  await page.waitForTimeout(100);
  await app.waitForRun();
  expect(await app.cards()).not.toEqual(before);
  await page.getByRole("button", { name: "Restore your previous scenario" }).click();
  await page.waitForTimeout(100);
  await app.waitForRun();
  expect(await app.cards()).toEqual(before);
});

test("a file that is not a FOCUS bill is refused with the reason, and nothing else changes", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  const before = await app.cards();
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#compare-bill").setInputFiles({ name: "spend.csv", mimeType: "text/csv", buffer: Buffer.from("Cost,When\n1,2026-01-01\n") });
  await expect(page.locator("#compare-report")).toContainText("Not compared: the bill has no BilledCost column", { timeout: 60_000 });
  expect(await app.cards()).toEqual(before);
});

test("the comparison passes axe on a phone in the dark and on a desktop in the light", async ({ page }) => {
  const file = bill();
  for (const [width, height, scheme] of [[375, 812, "dark"], [1440, 900, "light"]] as const) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    const app = new App(page);
    await app.start("text-to-sql");
    await page.locator("summary", { hasText: "Share and export" }).click();
    await page.locator("#compare-bill").setInputFiles(file);
    await expect(page.locator("#compare-table")).toBeVisible({ timeout: 60_000 });
    const r = await new AxeBuilder({ page }).include("#compare-report").analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`), `${width} ${scheme}`).toEqual([]);
  }
});
