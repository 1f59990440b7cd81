import { test, expect } from "./fixtures";

test("the page shows the product, what it does, and the app shell", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("burnrate");
  await expect(page.locator(".tagline")).toContainText("really cost per month");
  await expect(page.getByRole("region", { name: "Scenario" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Monthly spend" })).toBeVisible();
  await expect(page).toHaveTitle(/burnrate/);
});

test("every control is labelled and reachable by keyboard", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("#cards .card").first()).toBeVisible({ timeout: 60_000 });
  const unlabelled = await page.locator("input, select").evaluateAll((els) =>
    els.filter((el) => {
      const id = el.id;
      const byFor = id && document.querySelector(`label[for="${id}"]`);
      return !byFor && !el.closest("label") && !el.getAttribute("aria-label");
    }).length,
  );
  expect(unlabelled).toBe(0);
  await page.keyboard.press("Tab");
  await expect(page.locator("#preset")).toBeFocused();
});

test("the loading note goes once the app runs, and stays to explain a browser that cannot run it", async ({ page, browser, baseURL }) => {
  await page.goto("/");
  await expect(page.locator("h1.brand")).toBeVisible();
  await expect(page.locator("#boot")).toHaveCount(0);
  // No WebAssembly module, as in a browser without WASM SIMD (a page of its
  // own: the failed load is the point, not a console error to fail on).
  const bare = await browser.newPage({ baseURL });
  await bare.route("**/*.wasm", (route) => route.abort());
  await bare.goto("/");
  await expect(bare.locator("#boot")).toContainText("needs a current one");
  await bare.waitForTimeout(500);
  await expect(bare.locator("h1.brand")).toHaveCount(0);
  await bare.close();
});
