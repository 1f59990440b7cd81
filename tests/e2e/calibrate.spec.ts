import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "./fixtures";
import { App } from "./app";

// Issue 17: calibrate from a usage log. The fit appears beside the scenario's
// values; discarding it changes nothing; accepting it gives exactly the
// scenario `burnrate calibrate --into` gives, and the cards the CLI's numbers.
test.describe.configure({ timeout: 180_000 });

/** A LiteLLM spend log: 21 days, 10 requests an hour, three to a session;
 *  line 5 unreadable. */
function spendLog(): string {
  let csv = "request_id,prompt_tokens,completion_tokens,startTime,model,session_id,status\n";
  for (let d = 1; d <= 21; d++)
    for (let h = 0; h < 24; h++)
      for (let k = 0; k < 10; k++) {
        const at = `2026-09-${String(d).padStart(2, "0")} ${String(h).padStart(2, "0")}:${String(k * 5).padStart(2, "0")}:00.000000`;
        csv += `r${d}-${h}-${k},${1200 + 40 * (k % 3)},${150 + k},${at},gpt-4o-mini,s${d}-${h}-${Math.floor(k / 3)},success\n`;
      }
  const lines = csv.split("\n");
  lines[4] = "r-bad,lots,150,2026-09-01 00:15:00.000000,gpt-4o-mini,s,success";
  return lines.join("\n");
}

async function openCalibrator(page: import("@playwright/test").Page) {
  await page.locator("#calibrate-open").click();
  await expect(page.locator("#calibrator .calibrator")).toBeVisible();
}

test("the calibrator is fetched only when asked for", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (r) => fetched.push(r.url()));
  const app = new App(page);
  await app.open();
  expect(fetched.filter((u) => u.includes("on-demand"))).toEqual([]);
  await openCalibrator(page);
  expect(fetched.some((u) => u.endsWith("/on-demand_bg.wasm"))).toBe(true);
});

test("a usage log's fit: discarded changes nothing, accepted equals burnrate calibrate --into", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  const dir = mkdtempSync(join(tmpdir(), "burnrate-calibrate-"));
  const log = join(dir, "spend.csv");
  writeFileSync(log, spendLog());
  const scenarioFile = join(dir, "scenario.json");
  writeFileSync(scenarioFile, (await page.evaluate(() => localStorage.getItem("burnrate.scenario")))!);
  const before = await app.cards();

  await openCalibrator(page);
  const by = await page.locator("#calibrator-by").inputValue();
  expect(by).toBe("prompt_only");
  const choose = () => page.setInputFiles("#calibrator-file", log);
  await choose();
  const report = page.locator("#calibrator-report");
  await expect(report.locator("table.calibrator-fit")).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText("line 5: input tokens \"lots\"");
  await expect(report.locator("tr", { hasText: "Turns per conversation" })).toContainText("3.00");
  await expect(report.locator("figure svg")).toHaveCount(4);
  await expect(page.locator("#calibrator-message")).toContainText("Nothing has changed yet");

  // Discard: the report goes, the scenario and its numbers stay.
  await page.locator("#calibrator-discard").click();
  await expect(report).toBeEmpty();
  await expect(page.locator("#calibrator-message")).toContainText("Discarded");
  // The Discard button is gone: focus is on what was said, not lost.
  await expect(page.locator("#calibrator-message")).toBeFocused();
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "false");
  expect(await app.cards()).toEqual(before);

  // Accept: the page runs the fitted scenario.
  await choose();
  await expect(report.locator("table.calibrator-fit")).toBeVisible({ timeout: 60_000 });
  await page.locator("#calibrator-accept").click();
  await expect(page.locator("#calibrator-message")).toContainText("Accepted");
  await page.waitForTimeout(100);
  await app.waitForRun();
  const after = await app.cards();
  expect(after).not.toEqual(before);
  await expect(page.locator("#restore")).toBeVisible();

  const cli = execFileSync("target/release/burnrate", ["calibrate", log, "--into", scenarioFile, "--recorded-by", by], {
    encoding: "utf8",
    maxBuffer: 64 << 20,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const calibrated = join(dir, "calibrated.json");
  writeFileSync(calibrated, cli);
  const page_scenario = JSON.parse((await page.evaluate(() => localStorage.getItem("burnrate.scenario")))!);
  expect(page_scenario).toEqual(JSON.parse(cli));
  const sim = JSON.parse(execFileSync("target/release/burnrate", ["simulate", calibrated, "--json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  for (const a of sim.architectures) {
    expect(after[a.id].mean).toBe(a.monthly_usd.mean);
    expect(after[a.id].p95).toBe(a.monthly_usd.p95);
  }
});

test("a log with other column names asks for them, then fits", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await openCalibrator(page);
  let csv = "when,tok_in,tok_out\n";
  for (let h = 0; h < 72; h++) csv += `${1790000000 + h * 3600},${500 + h},${100}\n`;
  const file = { name: "other.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };
  await page.setInputFiles("#calibrator-file", file);
  const message = page.locator("#calibrator-message");
  await expect(message).toContainText("no column for timestamp, input_tokens, output_tokens", { timeout: 30_000 });
  await expect(message).toContainText("when, tok_in, tok_out");
  await expect(page.locator("#calibrator-columns")).toHaveAttribute("open", "");
  await page.locator("#calibrator-col-timestamp").fill("when");
  await page.locator("#calibrator-col-input_tokens").fill("tok_in");
  await page.locator("#calibrator-col-output_tokens").fill("tok_out");
  await page.setInputFiles("#calibrator-file", file);
  await expect(page.locator("#calibrator-report table.calibrator-fit")).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("#calibrator-report")).toContainText("72 requests");
});

test("the FOCUS forecast the page saves is burnrate simulate --focus, byte for byte", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const dir = mkdtempSync(join(tmpdir(), "burnrate-focus-"));
  const scenarioFile = join(dir, "scenario.json");
  writeFileSync(scenarioFile, (await page.evaluate(() => localStorage.getItem("burnrate.scenario")))!);
  await page.locator("summary", { hasText: "Share and export" }).click();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.locator("#save-focus").click()]);
  const saved = readFileSync((await download.path())!, "utf8");
  // The scenario sets no start month: the month after today.
  const now = new Date();
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  const month = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, "0")}`;
  expect(download.suggestedFilename()).toContain(`focus-from-${month}`);
  await expect(page.locator("#export-progress")).toContainText(`months from ${month}`);
  const cli = execFileSync("target/release/burnrate", ["simulate", scenarioFile, "--focus", "--start-month", month], {
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  expect(saved).toBe(cli);
  // The export's line is its own: the page's messages still show (an import's).
  writeFileSync(join(dir, "bad.json"), '{"schema_version": 4');
  await page.locator("#import-json").setInputFiles(join(dir, "bad.json"));
  await expect(page.locator("#export-status")).toContainText("Not imported");
  await expect(page.locator("#export-progress")).toContainText(`months from ${month}`);
});

test("an edit made after the fit is not lost: Accept asks for the log again", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await openCalibrator(page);
  await page.setInputFiles("#calibrator-file", { name: "spend.csv", mimeType: "text/csv", buffer: Buffer.from(spendLog()) });
  await expect(page.locator("#calibrator-report table.calibrator-fit")).toBeVisible({ timeout: 60_000 });
  await app.field("Scenario name").locator("input").fill("My edited plan");
  await page.waitForTimeout(300);
  await page.locator("#calibrator-accept").click();
  await expect(page.locator("#calibrator-message")).toContainText("The scenario changed since the fit");
  await expect(page.locator("#calibrator-message")).toBeFocused();
  await expect(page.locator("#scenario-name")).toHaveText("My edited plan");
});
