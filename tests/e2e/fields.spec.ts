import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { App } from "./app";

// Issue 27: the editor is generated from the fields the levers declare, so
// every value a scenario holds has a control, and every control is a value.

const PRESETS = ["knowledge-base", "text-to-sql", "fintech-bot", "runaway-agent", "idle-gpu", "model-arbitrage"];

test.describe.configure({ timeout: 300_000 });

/** Every leaf of a scenario's JSON, as `a.b[2].c`. */
function leaves(v: unknown, path = "", out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) leaves(x, path ? `${path}.${k}` : k, out);
  else out.push(path);
  return out;
}

/** The values the page edits: all but the catalog, correlations, the format's version and the ids. */
const edited = (p: string) => !(p.startsWith("catalog") || p.startsWith("correlations") || p === "schema_version" || /^architectures\[\d+\]\.id$/.test(p));
const within = (p: string, f: string) => p === f || p.startsWith(f + ".") || p.startsWith(f + "[");

type Control = { path: string; dist: boolean; toggle: boolean };

/** The scenario's controls (the Prices group's edit catalog entries), every group open. */
async function controls(page: Page): Promise<Control[]> {
  // A group's controls are drawn the first time it opens.
  await page.evaluate(() => document.querySelectorAll("details.group").forEach((d) => (d.open = true)));
  await page.waitForTimeout(100);
  const all: Control[] = await page.locator("[data-field]").evaluateAll((els) =>
    els.map((e) => ({
      path: e.getAttribute("data-field")!,
      dist: e.querySelector(".field.dist") !== null,
      toggle: e.querySelector("input[type=checkbox]") !== null,
    })),
  );
  return all.filter((c) => !c.path.startsWith("catalog."));
}

/** A distribution's control edits its shape and parameters; any other its own value. */
const edits = (c: Control, leaf: string) => (c.dist ? within(leaf, c.path) : leaf === c.path);

/** The scenario as the page saved it (after its last valid run). */
async function saved(page: Page) {
  return JSON.parse((await page.evaluate(() => localStorage.getItem("burnrate.scenario")))!);
}

const control = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);

test("every value of every preset has a control, and every control is a value of the scenario", async ({ page }) => {
  const app = new App(page);
  await app.open();
  for (const id of PRESETS) {
    await app.loadPreset(id);
    const json = await saved(page);
    const values = leaves(json).filter(edited);
    const cs = await controls(page);
    expect(values.length, id).toBeGreaterThan(60);
    expect(values.filter((v) => !cs.some((c) => edits(c, v))), `${id}: values without a control`).toEqual([]);
    // Paths are unique: one control a value.
    expect(new Set(cs.map((c) => c.path)).size, id).toBe(cs.length);
    // A control whose value the JSON does not hold yet (a zero share, an
    // empty start month, a group switched off) is one once it is set: the
    // saved scenario holds it, or the engine refuses it at that control.
    const absent = cs.filter((c) => !values.some((v) => edits(c, v)));
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    for (const c of absent) {
      const at = control(page, c.path);
      const set = async (on: boolean) => {
        if (c.toggle) await at.locator("input[type=checkbox]").setChecked(on);
        else if (c.dist) await at.locator(".param input").first().fill(on ? "5" : "0");
        else if (c.path === "start_month") await at.locator("input").first().fill(on ? "2027-01" : "");
        else await at.locator("input").first().fill(on ? "3" : "0");
        await page.waitForTimeout(400);
        await app.waitForRun();
      };
      await set(true);
      if (await page.locator("#scenario-error").isVisible()) {
        await expect(at.locator(".error").first(), `${id}: ${c.path} refused elsewhere`).not.toBeEmpty();
      } else {
        const after = leaves(await saved(page)).filter(edited);
        const holds = c.toggle ? after.some((v) => within(v, c.path)) : after.some((v) => edits(c, v));
        expect(holds, `${id}: ${c.path} is no value of the scenario`).toBe(true);
      }
      await set(false);
    }
  }
});

test("switching hosting shows that hosting's fields at once and keeps what was typed", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  await app.openGroup("Architectures");
  const arch = "architectures[2].serving";
  const hosting = control(page, `${arch}.hosting.kind`).locator("select");
  const shown = async () => (await controls(page)).map((c) => c.path).filter((p) => p.startsWith(`${arch}.hosting.`) && !p.endsWith(".kind")).sort();
  // The choice keeps its place (and the keyboard's focus) as its fields change.
  await hosting.focus();
  await hosting.selectOption("dedicated");
  await expect.poll(shown).toEqual([`${arch}.hosting.instances`]);
  await expect(hosting).toBeFocused();
  // The fallback serves what a fixed fleet cannot: in use now.
  await expect(control(page, `${arch}.fallback_model`)).not.toHaveClass(/unused/);
  await control(page, `${arch}.hosting.instances`).locator("input").fill("3");
  await hosting.selectOption("autoscaled");
  await expect.poll(shown).toEqual([`${arch}.hosting.cold_start_minutes`, `${arch}.hosting.max_instances`, `${arch}.hosting.min_instances`]);
  await hosting.selectOption("serverless");
  await expect.poll(shown).toEqual([`${arch}.hosting.billing_minimum_s`, `${arch}.hosting.cold_start_s`, `${arch}.hosting.idle_timeout_s`, `${arch}.hosting.price_premium`]);
  await control(page, `${arch}.hosting.idle_timeout_s`).locator("input").fill("15");
  await hosting.selectOption("dedicated");
  await expect.poll(shown).toEqual([`${arch}.hosting.instances`]);
  await expect(control(page, `${arch}.hosting.instances`).locator("input")).toHaveValue("3");
  await hosting.selectOption("serverless");
  await expect(control(page, `${arch}.hosting.idle_timeout_s`).locator("input")).toHaveValue("15");
  await hosting.selectOption("sized_to_peak");
  await expect.poll(shown).toEqual([]);
  await expect(control(page, `${arch}.fallback_model`)).toHaveClass(/unused/);
  await app.waitForRun();
  await expect(page.locator("#scenario-error")).toBeHidden();
});

/** (preset, field, how to edit it): a sample of each lever's fields. */
const EDITS: [string, string, (page: Page, path: string) => Promise<void>][] = [
  ["knowledge-base", "architectures[2].design.fine_tuning.sme_usd_per_hour", fill("200")],
  ["knowledge-base", "architectures[2].design.fine_tuning.hours_per_run", param(1, "20")],
  ["knowledge-base", "architectures[2].design.fine_tuning.training_spot.share", fill("0")],
  ["knowledge-base", "architectures[2].design.fine_tuning.training_accelerator", choose("p5.48xlarge")],
  ["knowledge-base", "architectures[3].design.fine_tuning.retrain_curation_share", fill("90")],
  ["knowledge-base", "architectures[1].design.retrieval.text_share", fill("50")],
  ["knowledge-base", "architectures[1].design.retrieval.monthly_churn", param(2, "40")],
  ["knowledge-base", "architectures[1].design.retrieval.vector_db.storage.ram_share", fill("80")],
  ["knowledge-base", "architectures[1].design.retrieval.reranker", toggle()],
  ["knowledge-base", "architectures[3].serving.max_utilization", fill("30")],
  ["knowledge-base", "architectures[3].serving.commitment", toggle()],
  // Provisioned units on the prompt-only arm's managed API (issue 30).
  ["knowledge-base", "architectures[0].serving.provisioned", toggle()],
  ["text-to-sql", "architectures[0].serving.provisioned", toggle()],
  ["knowledge-base", "architectures[0].reasoning_tokens_per_call", param(0, "2000")],
  ["knowledge-base", "architectures[0].design.kind", choose("rag")],
  ["runaway-agent", "agents.output_tokens_per_step", fill("2000")],
  ["fintech-bot", "architectures[1].guardrails.semantic_cache.usd_per_month", fill("30000")],
  ["knowledge-base", "workload.history_tokens_per_turn", fill("900")],
  // The proof lever: a fee per request, a model's price under Prices.
  ["knowledge-base", "catalog.models.openai/gpt-5.4.usd_per_k_requests", fill("12")],
  ["text-to-sql", "architectures[2].serving.hosting.max_instances", fill("2")],
];

function fill(v: string) {
  return async (page: Page, path: string) => control(page, path).locator("input").first().fill(v);
}
function param(i: number, v: string) {
  return async (page: Page, path: string) => control(page, path).locator(".param input").nth(i).fill(v);
}
function choose(v: string) {
  return async (page: Page, path: string) => {
    await control(page, path).locator("select").first().selectOption(v);
  };
}
function toggle() {
  return async (page: Page, path: string) => control(page, path).locator("input[type=checkbox]").click();
}

test("a sample of each lever's fields moves its architecture's result when edited", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.openGroup("Architectures");
  await app.openGroup("Agents and outcome");
  await app.openGroup("Prices");
  for (const [id, path, edit] of EDITS) {
    // Each edit from the preset as it is.
    await app.loadPreset(id === "idle-gpu" ? "knowledge-base" : "idle-gpu");
    await app.loadPreset(id);
    const arch = /^architectures\[(\d+)\]/.exec(path);
    const ids = (await saved(page)).architectures.map((a: { id: string }) => a.id);
    // A model's price moves the architectures that call it (the knowledge
    // base's prompt-only and RAG arms call GPT-5.4).
    const which: string[] = arch ? [ids[Number(arch[1])]] : path.startsWith("catalog.") ? ["prompt_only", "rag"] : ids;
    const before = await app.cards();
    await edit(page, path);
    await page.waitForTimeout(400);
    await app.waitForRun();
    await expect(page.locator("#scenario-error"), `${id}: ${path}`).toBeHidden();
    const after = await app.cards();
    for (const a of which) expect(after[a].mean, `${id}: ${path} moves ${a}`).not.toBe(before[a].mean);
  }
});

test("the training instance is picked from the instance list; with no catalog instance left in use the note drops their date", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  await expect(page.locator("#price-date")).toContainText("GPU and accelerator prices as of");
  const before = await app.cards();
  await app.openGroup("Architectures");
  const pick = async (finder: string) => {
    await page.locator(finder).fill("gcp h100");
    const picks = page.locator(".picker", { has: page.locator(finder) }).locator(".pick");
    await expect(picks.first()).toContainText("GCP a3-highgpu-8g");
    await picks.first().click();
  };
  for (const i of [2, 3]) {
    await pick(`#find-instance-${i}`);
    await pick(`#find-training-instance-${i}`);
    await expect(page.locator(`#architectures-${i}--design-fine-tuning-training-accelerator`)).toHaveValue("gcp/a3-highgpu-8g");
  }
  await page.waitForTimeout(400);
  await app.waitForRun();
  await expect(page.locator("#price-date")).not.toContainText("GPU");
  await expect(page.locator("#price-date")).not.toHaveClass(/stale-note/);
  expect((await app.cards()).fine_tuned.mean).not.toBe(before.fine_tuned.mean);
});
