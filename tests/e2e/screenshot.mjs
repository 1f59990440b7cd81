// Takes a screenshot of a page in Debian's Chromium, for looking at what we built.
// Usage: [WAIT_MS=1500] [SCROLL_Y=px] node tests/e2e/screenshot.mjs URL OUT.png [WIDTHxHEIGHT] [light|dark]
import { chromium } from "@playwright/test";

const [url, out, size = "1440x900", scheme = "light"] = process.argv.slice(2);
const [width, height] = size.split("x").map(Number);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
await page.goto(url);
await page.waitForTimeout(Number(process.env.WAIT_MS ?? 1500));
// SCROLL_Y=N shoots one viewport from N px down instead of the full page.
if (process.env.SCROLL_Y) {
  await page.evaluate((y) => window.scrollTo(0, y), Number(process.env.SCROLL_Y));
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
} else {
  await page.screenshot({ path: out, fullPage: true });
}
await browser.close();
console.log(`wrote ${out}`);
