import { test, expect } from "./fixtures";

test("the page shows the product, what it does, and the app shell", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("burnrate");
  await expect(page.locator(".tagline")).toContainText("really cost per month");
  await expect(page.getByRole("region", { name: "Scenario" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Monthly spend" })).toBeVisible();
  await expect(page).toHaveTitle(/burnrate/);
});
