import { test, expect } from "./fixtures";
import { App, engine } from "./app";
import type { Page } from "@playwright/test";

test.describe.configure({ timeout: 120_000 });

const CHARTS = ["chart-histogram", "chart-cdf", "chart-breakdown", "chart-crossover", "chart-tco", "chart-sensitivity"];

/** The whole dollars the readouts show ($11,467). */
const dollars = (v: number) => "$" + Math.round(v).toLocaleString("en-US");

const readout = (page: Page, chart: string) => page.locator(`#${chart} output.readout`);

/** Reaches a chart as a keyboard user does: Tab from its PNG button. */
async function tabTo(page: Page, chart: string) {
  await page.locator(`#${chart} button.png`).focus();
  await page.keyboard.press("Tab");
  await expect(page.locator(`#${chart} canvas`)).toBeFocused();
}

test("every chart reads out the values under the pointer, and from the keyboard", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  for (const chart of CHARTS) {
    const canvas = page.locator(`#${chart} canvas`);
    const out = readout(page, chart);
    await expect(out).toBeHidden();
    // The pointer over the plot: a heading and the values there.
    await canvas.hover();
    await expect(out, chart).toBeVisible();
    expect((await out.textContent())!.length, chart).toBeGreaterThan(5);
    // Not announced at every move of a mouse.
    await expect(out).toHaveAttribute("aria-live", "off");
    // The pointer gone, the readout goes.
    await page.mouse.move(0, 0);
    await expect(out, chart).toBeHidden();
    // From the keyboard: Tab reads the middle, the arrow keys and Home and
    // End move along (announced), and leaving the chart hides it.
    await tabTo(page, chart);
    await expect(out, chart).toBeVisible();
    await expect(out).toHaveAttribute("aria-live", "polite");
    const middle = await out.textContent();
    await canvas.press(chart === "chart-breakdown" || chart === "chart-sensitivity" ? "ArrowDown" : "Home");
    await expect(out, chart).not.toHaveText(middle!);
    await canvas.press("Tab");
    await expect(out, chart).toBeHidden();
  }
});

test("the readouts are the engine's own numbers", async ({ page }) => {
  const app = new App(page);
  await app.start("text-to-sql");
  const e = engine("text-to-sql");
  // The TCO chart's last month: each architecture's spend in it and its
  // running total, as the native CLI computes them.
  const tco = page.locator("#chart-tco canvas");
  await tabTo(page, "chart-tco");
  await expect(readout(page, "chart-tco")).toContainText("Month 7\n");
  // One month a press.
  await tco.press("ArrowRight");
  await expect(readout(page, "chart-tco")).toContainText("Month 8\n");
  // A click reads where it is, not the middle a focus reads.
  const box = (await tco.boundingBox())!;
  await tco.click({ position: { x: box.width * 0.12, y: 40 } });
  await expect(readout(page, "chart-tco")).toHaveText(/^Month [12]\n/);
  await tco.press("End");
  const lines = (await readout(page, "chart-tco").textContent())!.split("\n");
  expect(lines[0]).toBe("Month 12");
  const names = e.architectures.map((a: any) => a.name);
  e.architectures.forEach((a: any, i: number) => {
    expect(lines[1 + i]).toBe(
      `${names[i]}: ${dollars(a.monthly_spend_usd[11])} in the month, ${dollars(a.cumulative_tco_usd[11])} so far`,
    );
  });
  // The breakdown's bars, first (bottom) to last: each architecture's mean
  // month, and what its input tokens cost.
  const bars = page.locator("#chart-breakdown canvas");
  await tabTo(page, "chart-breakdown");
  for (let k = 0; k < names.length; k++) await bars.press("ArrowDown");
  for (const [i, a] of e.architectures.entries() as any) {
    const text = (await readout(page, "chart-breakdown").textContent())!;
    expect(text.split("\n")[0]).toBe(`${a.name}: ${dollars(a.monthly_usd.mean)} in a mean month`);
    if (a.breakdown_usd.input_tokens > 0) expect(text).toContain(`\nInput tokens: ${dollars(a.breakdown_usd.input_tokens)}`);
    await bars.press("ArrowUp");
  }
});

for (const [width, height] of [[1024, 768], [1440, 900]]) {
  test(`a readout stays within its chart's figure and the screen (${width}px)`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const app = new App(page);
    await app.start("knowledge-base");
    for (const chart of CHARTS) {
      const canvas = page.locator(`#${chart} canvas`);
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      for (const [fx, fy] of [[0.5, 0.5], [0.1, 0.9], [0.9, 0.1]]) {
        await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        const out = readout(page, chart);
        await expect(out, chart).toBeVisible();
        const r = (await out.boundingBox())!;
        const fig = (await page.locator(`#${chart}`).boundingBox())!;
        const where = `${chart} at ${fx},${fy}`;
        expect(r.x, where).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width, where).toBeLessThanOrEqual(width);
        // Within the figure, or under the chart where there is no room beside a point.
        expect(r.y, where).toBeGreaterThanOrEqual(fig.y);
        expect(r.y + r.height, where).toBeLessThanOrEqual(fig.y + fig.height + 1);
        // Issue 32: a ring marks the point read, and the box never covers it.
        const ring = (await page.locator(`#${chart} .readout-marker`).boundingBox())!;
        const [cx, cy] = [ring.x + ring.width / 2, ring.y + ring.height / 2];
        const read = [box.x + box.width * fx, box.y + box.height * fy];
        // At the pointer, or where the readout holds it (inside the plot).
        expect(cx, where).toBeGreaterThanOrEqual(box.x - 1);
        expect(cx, where).toBeLessThanOrEqual(box.x + box.width + 1);
        if (fx === 0.5 && fy === 0.5) expect([Math.round(cx - read[0]), Math.round(cy - read[1])], where).toEqual([0, 0]);
        const covers = cx > r.x && cx < r.x + r.width && cy > r.y && cy < r.y + r.height;
        expect(covers, `${where}: the box covers the point read`).toBe(false);
      }
      await page.mouse.move(0, 0);
      await expect(page.locator(`#${chart} .readout-marker`), chart).toBeHidden();
    }
  });
}

test("Home and End reach the first and last bar of a bar chart", async ({ page }) => {
  const app = new App(page);
  await app.start("knowledge-base");
  const e = engine("knowledge-base");
  await tabTo(page, "chart-breakdown");
  const bars = page.locator("#chart-breakdown canvas");
  await bars.press("Home");
  await expect(readout(page, "chart-breakdown")).toContainText(`${e.architectures[0].name}: $`);
  await bars.press("End");
  await expect(readout(page, "chart-breakdown")).toContainText(`${e.architectures[e.architectures.length - 1].name}: $`);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, hasTouch: true });

  test("a tap reads a chart, and the readout stays on the screen", async ({ page }) => {
    const app = new App(page);
    await app.start("knowledge-base");
    for (const chart of ["chart-histogram", "chart-tco"]) {
      const canvas = page.locator(`#${chart} canvas`);
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      for (const x of [box.x + 40, box.x + box.width - 20]) {
        await page.touchscreen.tap(x, box.y + box.height / 3);
        const out = readout(page, chart);
        await expect(out, chart).toBeVisible();
        const r = (await out.boundingBox())!;
        expect(r.x, chart).toBeGreaterThanOrEqual(0);
        expect(r.x + r.width, chart).toBeLessThanOrEqual(375);
      }
    }
  });

  test("the keyboard's readout is scrolled into view", async ({ page }) => {
    const app = new App(page);
    await app.start("knowledge-base");
    await tabTo(page, "chart-tco");
    await page.locator("#chart-tco canvas").press("ArrowRight");
    const r = (await readout(page, "chart-tco").boundingBox())!;
    expect(r.y).toBeGreaterThanOrEqual(0);
    expect(r.y + r.height).toBeLessThanOrEqual(813);
  });
});
