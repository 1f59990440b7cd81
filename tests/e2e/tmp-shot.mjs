import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
for (const [w, h, scheme] of [[1440, 900, "light"], [375, 812, "dark"], [1440, 900, "dark"], [375, 812, "light"]]) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
  await page.goto("http://127.0.0.1:4321/");
  await page.waitForTimeout(1500);
  await page.locator("summary", { hasText: "Architectures" }).click();
  const s = page.locator("#find-model-0");
  await s.scrollIntoViewIfNeeded();
  await s.focus();
  await page.keyboard.type("claude sonnet");
  await page.locator("#find-model-0-list [role=option]").first().waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(300);
  await page.evaluate(() => { const r = document.getElementById("find-model-0").getBoundingClientRect(); window.scrollBy(0, r.top - 200); });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `/tmp/picker-${w}-${scheme}.png` });
  await page.close();
}
await browser.close();
