import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

/** The page as the tests use it. */
export class App {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.waitForRun();
  }

  /** Waits until the simulation (and the crossover after it) has finished. */
  async waitForRun(timeout = 60_000) {
    await expect(this.page.locator("#progress")).toHaveAttribute("data-running", "false", { timeout });
    await expect(this.page.locator("#cards .card").first()).toBeVisible();
  }

  async loadPreset(id: string) {
    await this.page.locator("#preset").selectOption(id);
    await this.page.waitForTimeout(50);
    await this.waitForRun();
  }

  /** A fresh page on preset `id`, its first run done. */
  async start(id: string) {
    await this.open();
    await this.loadPreset(id);
    await this.waitForRun();
  }

  /** Opens the editor's group `name` ("Architectures", "Prices", …). */
  async openGroup(name: string) {
    await this.page.locator("summary", { hasText: name }).click();
  }

  /** Each card's exact numbers, by architecture id. */
  async cards(): Promise<Record<string, { p50: number; p95: number; mean: number; over: number }>> {
    return this.page.locator("#cards .card").evaluateAll((cards) =>
      Object.fromEntries(
        cards.map((c) => [
          c.getAttribute("data-arch"),
          {
            p50: Number(c.getAttribute("data-p50")),
            p95: Number(c.getAttribute("data-p95")),
            mean: Number(c.getAttribute("data-mean")),
            over: Number(c.getAttribute("data-over")),
          },
        ]),
      ),
    );
  }

  /** Number of distinct colours drawn on each chart canvas. */
  async canvasColours(): Promise<Record<string, number>> {
    return this.page.locator("figure.chart").evaluateAll((figs) =>
      Object.fromEntries(
        figs.map((f) => {
          const c = f.querySelector("canvas") as HTMLCanvasElement;
          const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          const seen = new Set<number>();
          for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
          return [f.id, seen.size];
        }),
      ),
    );
  }

  field(label: string) {
    return this.page.locator(".field").filter({ has: this.page.locator("label", { hasText: label }) }).first();
  }
}

/** The engine's numbers for a preset, from the native CLI built by scripts/test.sh. */
export function engine(preset: string): { architectures: { id: string; monthly_usd: { p50: number; p95: number; mean: number }; p_over_budget: number }[] } {
  const bin = "target/release/burnrate";
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run scripts/test.sh (it builds the CLI)`);
  return JSON.parse(execFileSync(bin, ["simulate", preset, "--json"], { encoding: "utf8", maxBuffer: 64 << 20 }));
}
