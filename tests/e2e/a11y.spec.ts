import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";
import { App } from "./app";

const PRESETS = ["knowledge-base", "text-to-sql", "fintech-bot", "runaway-agent", "idle-gpu", "model-arbitrage", "support-capacity"];

/** axe-core's violations on the page as it stands, every group open, in words. */
async function violations(page: import("@playwright/test").Page): Promise<string[]> {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  await page.waitForTimeout(300);
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

// Issue 32: 0 violations on every preset, every group open, light and
// dark, phone and desktop (axe-core 4.14.1, pinned).
for (const [width, height, scheme, presets] of [
  [1440, 900, "light", PRESETS],
  [375, 812, "dark", PRESETS],
  [1440, 900, "dark", ["idle-gpu"]],
  [375, 812, "light", ["idle-gpu"]],
] as const) {
  test(`axe finds nothing at ${width} px, ${scheme}, on ${presets.length} preset(s)`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    const app = new App(page);
    await app.open();
    for (const id of presets) {
      await app.loadPreset(id);
      expect(await violations(page), id).toEqual([]);
    }
  });
}
