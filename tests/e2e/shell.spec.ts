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
