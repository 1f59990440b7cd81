import { test, expect } from "./fixtures";
import { App } from "./app";

const PRESETS = ["knowledge-base", "text-to-sql", "fintech-bot", "runaway-agent", "idle-gpu", "model-arbitrage", "support-capacity"];

/** Every text a chart draws, as the canvas draws it: its box from the
 * browser's own text metrics (alignment and baseline included), mapped
 * through the canvas's transform (rotated axis titles too), in canvas pixels. */
declare global {
  interface Window {
    __labels: { chart: string; text: string; box: [number, number, number, number]; size: [number, number] }[];
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__labels = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      const m = this.measureText(text);
      const t = this.getTransform();
      const corners = [
        [x - m.actualBoundingBoxLeft, y - m.actualBoundingBoxAscent],
        [x + m.actualBoundingBoxRight, y - m.actualBoundingBoxAscent],
        [x - m.actualBoundingBoxLeft, y + m.actualBoundingBoxDescent],
        [x + m.actualBoundingBoxRight, y + m.actualBoundingBoxDescent],
      ].map(([px, py]) => [t.a * px + t.c * py + t.e, t.b * px + t.d * py + t.f]);
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      const chart = this.canvas.closest("figure")?.id ?? "";
      if (chart) {
        window.__labels.push({
          chart,
          text,
          box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
          size: [this.canvas.width, this.canvas.height],
        });
      }
      return maxWidth === undefined ? fill.call(this, text, x, y) : fill.call(this, text, x, y, maxWidth);
    };
  });
});

// Issue 32, item 3: no chart label is cut at its canvas's edge (a phone
// showed the crossover's break-even as "3,91("), on every preset, at a
// phone's width and a desktop's.
for (const [width, height] of [[375, 812], [1440, 900]]) {
  test(`every chart label lies inside its canvas at ${width} px, on every preset`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    const app = new App(page);
    await app.open();
    for (const id of PRESETS) {
      await app.loadPreset(id);
      await page.waitForTimeout(500);
    }
    const labels = await page.evaluate(() => window.__labels);
    expect(new Set(labels.map((l) => l.chart)).size).toBeGreaterThanOrEqual(6);
    // Half a pixel for antialiasing at the edge.
    const cut = labels
      .filter((l) => l.text.trim() !== "")
      .filter((l) => l.box[0] < -0.5 || l.box[1] < -0.5 || l.box[2] > l.size[0] + 0.5 || l.box[3] > l.size[1] + 0.5)
      .map((l) => `${l.chart}: "${l.text}" at [${l.box.map((v) => v.toFixed(1)).join(", ")}] in ${l.size.join("×")}`);
    expect([...new Set(cut)]).toEqual([]);
  });
}
