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
  // First the skip links, shown while focused; then the header's controls.
  const skipEditor = page.getByRole("link", { name: "Skip to the scenario editor" });
  await expect(skipEditor).not.toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(skipEditor).toBeFocused();
  await expect(skipEditor).toBeInViewport();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the results" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("#preset")).toBeFocused();
  // The skip link takes the keyboard past the results column, into the editor.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#inputs-title")).toBeFocused();
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => !!document.activeElement?.closest(".inputs"));
  expect(next).toBe(true);
});

test("a card's labels say what each figure means, and the preset select names the preset on the page", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("#cards .card").first()).toBeVisible({ timeout: 60_000 });
  const any = page.locator("#cards .card").first().locator("dt", { hasText: "Chance any month is over" });
  await expect(any).toHaveAttribute("title", /at least one month .* month one with its upfront work included/);
  await expect(page.locator("#cards .card").first().locator("dt", { hasText: "Typical month" })).toHaveAttribute("title", /with growth on, this is the horizon's average month/);
  await expect(page.locator("#preset")).toHaveValue("knowledge-base");
  await page.locator("#preset").selectOption("idle-gpu");
  await expect(page.locator("#preset")).toHaveValue("idle-gpu");
  // Edited, it is the user's own scenario: the select offers the presets again.
  await page.locator("summary", { hasText: "Workload" }).click().catch(() => {});
  await page.locator(".field", { has: page.locator("label", { hasText: /^Monthly budget/ }) }).locator("input").fill("12345");
  await expect(page.locator("#preset")).toHaveValue("");
});

test("a shape changed by the arrow keys keeps the centre and range, and one click undoes the run of changes", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("#cards .card").first()).toBeVisible({ timeout: 60_000 });
  const field = page.locator('[data-field="workload.queries_per_day"]');
  const select = field.locator("select");
  const params = async () => field.locator(".param input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const shape = await select.inputValue();
  const values = await params();
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(select).not.toHaveValue(shape);
  const undo = field.locator("button.undo-shape");
  await expect(undo).toHaveText(new RegExp(`^Undo: back to .*\\(${values.join(", ")}\\)$`));
  await undo.click();
  await expect(select).toHaveValue(shape);
  expect(await params()).toEqual(values);
  await expect(select).toBeFocused();
  await expect(undo).toHaveCount(0);
  // A parameter typed after a shape change ends the run: nothing to undo.
  await select.selectOption("uniform");
  await expect(undo).toHaveCount(1);
  await field.locator(".param input").first().fill("1000");
  await expect(undo).toHaveCount(0);
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
