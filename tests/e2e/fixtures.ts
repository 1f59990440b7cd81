import { test as base, expect } from "@playwright/test";

/**
 * Every browser test fails on a console error, an uncaught exception (a Rust
 * panic surfaces as one) or a request to any origin other than the page's own:
 * burnrate promises that no data leaves the page.
 */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on("console", (msg) => {
        // With the resource's address: "Failed to load resource" alone does
        // not say which (a 404 seen once in CI on 2026-12-08, not since).
        if (msg.type() === "error") problems.push(`console error: ${msg.text()} (${msg.location().url || "no address"})`);
      });
      page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
      page.on("request", (req) => {
        const url = new URL(req.url());
        if (["data:", "blob:", "about:"].includes(url.protocol)) return;
        if (url.origin !== origin) problems.push(`request to another origin: ${req.url()}`);
      });
      await use();
      expect(problems, "console errors, panics or foreign requests").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
