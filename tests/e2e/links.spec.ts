import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { test, expect } from "./fixtures";
import { App } from "./app";

test.describe.configure({ timeout: 120_000 });

/** A share link made by the native CLI from a scenario it can print. */
function cliLink(base: string, edit: (s: any) => void, preset = "idle-gpu"): string {
  const s = JSON.parse(execFileSync("target/release/burnrate", ["scenario", preset], { encoding: "utf8" }));
  edit(s);
  const file = `test-results/link-${Math.random().toString(36).slice(2)}.json`;
  writeFileSync(file, JSON.stringify(s));
  return execFileSync("target/release/burnrate", ["url", file, "--base", base], { encoding: "utf8" }).trim();
}

test("copy link, open it in a new page: the same numbers", async ({ page, context, baseURL }) => {
  const app = new App(page);
  await app.open();
  await app.loadPreset("fintech-bot");
  await app.field("Monthly growth").locator("input").fill("7");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const numbers = await app.cards();
  await page.locator("#copy-link").click();
  const link = await page.locator("#share-link").inputValue();
  expect(link.startsWith(`${baseURL}/#s=2.`)).toBe(true);
  expect(link.length).toBeLessThan(2_000);
  const other = await context.newPage();
  const app2 = new App(other);
  await other.goto(link);
  await app2.waitForRun();
  expect(await app2.cards()).toEqual(numbers);
  await expect(app2.field("Monthly growth").locator("input")).toHaveValue("7");
});

test("a browser without raw deflate writes a longer link that opens the same", async ({ page, context }) => {
  const app = new App(page);
  await app.open();
  await app.loadPreset("fintech-bot");
  await app.field("Monthly growth").locator("input").fill("7");
  await page.waitForTimeout(400);
  await app.waitForRun();
  const deflated = page.url();
  // The same edit where CompressionStream is missing (Chrome before 103, Firefox before 113): stored blocks.
  const old = await context.newPage();
  await old.addInitScript(() => { delete (window as any).CompressionStream; localStorage.clear(); });
  const oldApp = new App(old);
  await oldApp.open();
  await oldApp.loadPreset("fintech-bot");
  await oldApp.field("Monthly growth").locator("input").fill("7");
  await old.waitForTimeout(400);
  await oldApp.waitForRun();
  const stored = old.url();
  expect(stored).toContain("#s=2.");
  expect(stored.length).toBeGreaterThan(deflated.length * 2);
  const numbers = await app.cards();
  for (const link of [deflated, stored]) {
    const other = await context.newPage();
    await other.addInitScript(() => localStorage.clear());
    const there = new App(other);
    await other.goto(link);
    await there.waitForRun();
    expect(await there.cards()).toEqual(numbers);
    await expect(there.field("Monthly growth").locator("input")).toHaveValue("7");
    await other.close();
  }
});

test("the address bar follows edits without adding history entries", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const before = await page.evaluate(() => history.length);
  for (const v of ["21000", "22000", "23000"]) {
    await app.field("Monthly budget").locator("input").fill(v);
    await page.waitForTimeout(350);
  }
  await app.waitForRun();
  expect(await page.evaluate(() => history.length)).toBe(before);
  expect(page.url()).toContain("#s=2.");
});

test("autosave survives a reload", async ({ page }) => {
  const app = new App(page);
  await app.open();
  await app.loadPreset("model-arbitrage");
  await app.field("Monthly budget").locator("input").fill("12345");
  await page.waitForTimeout(400);
  await app.waitForRun();
  await page.goto("/");
  await app.waitForRun();
  await expect(page.locator("#scenario-name")).toHaveText("Model arbitrage");
  await expect(app.field("Monthly budget").locator("input")).toHaveValue("12345");
});

test("a bad link says what is wrong, keeps the link, and keeps your scenario", async ({ page, baseURL }) => {
  const app = new App(page);
  await app.open();
  await app.loadPreset("runaway-agent");
  await page.waitForTimeout(400);
  const good = cliLink(`${baseURL}/`, () => {});
  const cases: [string, string][] = [
    [`${baseURL}/#s=hello`, "This does not look like a burnrate link"],
    // The marker edited by hand: refused as the CLI refuses it, not ignored.
    [`${baseURL}/#S=${good.split("#s=")[1]}`, "This link has no scenario in it"],
    [`${baseURL}/#s=9.abcdef`, "made by a newer version of burnrate (link format 9)"],
    [good.slice(0, Math.floor(good.length * 0.6)), "damaged or cut short"],
    [`${good}!!`, "contains characters a burnrate link never has"],
    [cliLinkWith(baseURL!, 99), "made by a newer version of burnrate (scenario version 99"],
  ];
  for (const [link, message] of cases) {
    await page.goto("about:blank");
    await page.goto(link);
    await app.waitForRun();
    await expect(page.locator("#bad-link .message")).toContainText(message);
    await expect(page.locator("#bad-link input")).toHaveValue(link);
    await expect(page.locator("#scenario-name")).toHaveText("Runaway agent");
  }
});

/** A valid link re-labelled with a future schema version (made by editing the JSON the CLI reads). */
function cliLinkWith(baseURL: string, version: number): string {
  // The CLI refuses to write a future version, so this one is built by hand: the
  // codec's format is simple enough (key table, raw deflate, base64url).
  const zlib = require("node:zlib");
  const json = JSON.stringify({ "0": version });
  return `${baseURL}/#s=1.${zlib.deflateRawSync(Buffer.from(json)).toString("base64url")}`;
}

test("a link from before checksums opens with a note; a damaged one is refused", async ({ page, baseURL }) => {
  const zlib = require("node:zlib");
  const good = cliLink(`${baseURL}/`, (s) => (s.name = "Checked or not"));
  const bytes: Buffer = Buffer.from(good.split("#s=2.")[1], "base64url");
  // Format 1 was the same JSON, raw-deflated, with no checksum after it.
  const json = zlib.inflateRawSync(bytes.subarray(0, bytes.length - 8));
  const old = `${baseURL}/#s=1.${zlib.deflateRawSync(json).toString("base64url")}`;
  const app = new App(page);
  await page.goto(old);
  await app.waitForRun();
  await expect(page.locator("#scenario-name")).toHaveText("Checked or not");
  await expect(page.locator("#unchecked-link")).toContainText("cannot tell whether it was edited");
  await page.locator("#unchecked-link button").click();
  await expect(page.locator("#unchecked-link")).toHaveCount(0);
  // A current link has no such note; one with its checksum damaged is refused.
  await page.goto("about:blank");
  await page.goto(good);
  await app.waitForRun();
  await expect(page.locator("#unchecked-link")).toHaveCount(0);
  const damaged = Buffer.from(bytes);
  damaged[damaged.length - 1] ^= 1;
  await page.goto("about:blank");
  await page.goto(`${baseURL}/#s=2.${damaged.toString("base64url")}`);
  await app.waitForRun();
  await expect(page.locator("#bad-link .message")).toContainText("its checksum does not match its contents");
});

test("text from a link is shown as text, never run", async ({ page, baseURL }) => {
  const link = cliLink(`${baseURL}/`, (s) => {
    s.name = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>";
    s.architectures[0].name = "<b>bold?</b>";
  });
  const app = new App(page);
  await page.goto(link);
  await app.waitForRun();
  await expect(page.locator("#scenario-name")).toHaveText("<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>");
  await expect(page.locator(".card h3").first()).toHaveText("<b>bold?</b>");
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
});

test("a corpus of markup, CSS and bidi text from a link is text on every surface, page and embed (issue 33)", async ({ page, baseURL }) => {
  const corpus = {
    name: "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>",
    description: "<style>*{display:none!important}</style><!--",
    currency: "<i>",
    arms: ["<b>bold?</b>", "<style>.card{display:none}</style>", "\u202eevil<h1>x</h1>", "<!-- & <marquee>"],
  };
  const link = cliLink(`${baseURL}/`, (s) => {
    s.name = corpus.name;
    s.description = corpus.description;
    s.currency = corpus.currency;
    corpus.arms.forEach((n, i) => (s.architectures[i].name = n));
  });
  const app = new App(page);
  // Elements markup could add, counted on the default page first.
  const tags = () =>
    page.evaluate(() =>
      Object.fromEntries(["style", "script", "img", "b", "i", "h1", "marquee", "iframe"].map((t) => [t, document.body.querySelectorAll(t).length])),
    );
  await app.open();
  let baseline = await tags();
  const surfaces = async () => {
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await tags()).toEqual(baseline);
    await expect(page.locator("#scenario-name")).toHaveText(corpus.name);
    // Cards: each arm's name as text, each card shown (no stylesheet hid it).
    const cards = page.locator(".card h3");
    await expect(cards).toHaveText(corpus.arms);
    for (const card of await page.locator(".card").all()) {
      expect(await card.evaluate((e) => getComputedStyle(e).display)).not.toBe("none");
    }
  };
  await page.goto(link);
  await app.waitForRun();
  await surfaces();
  await expect(page.locator(".scenario-description")).toHaveText(corpus.description);
  // The glance table, the verdict and the pairwise table hold the names and the currency as text.
  const glance = await page.locator(".glance").first().textContent();
  for (const n of corpus.arms) expect(glance).toContain(n);
  expect(glance).toContain("<i>");
  const pairwise = await page.locator("#pairwise").textContent();
  for (const n of corpus.arms) expect(pairwise).toContain(n);
  // A chart's readout names the arms as text.
  await page.locator("#chart-histogram button.png").focus();
  await page.keyboard.press("Tab");
  const readout = page.locator("#chart-histogram output.readout");
  await expect(readout).toBeVisible();
  for (const n of corpus.arms) await expect(readout).toContainText(n);
  expect(await tags()).toEqual(baseline);
  // The embed of the same scenario, against the embed of a plain one.
  await page.goto("about:blank");
  await page.goto(cliLink(`${baseURL}/`, () => {}).replace("#s=", "#embed=1&s="));
  await app.waitForRun();
  baseline = await tags();
  await page.goto("about:blank");
  await page.goto(link.replace("#s=", "#embed=1&s="));
  await app.waitForRun();
  await surfaces();
});

test("opening a link keeps your own scenario restorable", async ({ page, baseURL }) => {
  const app = new App(page);
  await app.open();
  await app.loadPreset("text-to-sql");
  await page.waitForTimeout(400);
  await page.goto(cliLink(`${baseURL}/`, (s) => (s.name = "From a colleague")));
  await app.waitForRun();
  await expect(page.locator("#scenario-name")).toHaveText("From a colleague");
  // A reload (the link still in the address bar) keeps it restorable.
  await page.reload();
  await app.waitForRun();
  await expect(page.locator("#scenario-name")).toHaveText("From a colleague");
  await page.locator("#restore").click();
  await expect(page.locator("#scenario-name")).toHaveText("Text-to-SQL at a million queries a day");
  // Restoring swaps: the colleague's is now the one kept, until dismissed.
  await page.waitForTimeout(400);
  await page.locator("#dismiss-previous").click();
  await page.reload();
  await app.waitForRun();
  await expect(page.locator("#restore")).toHaveCount(0);
});

test("three replacements in a row, then each restored: none is lost (issue 33)", async ({ page, baseURL }) => {
  const app = new App(page);
  await app.open();
  await expect(page.locator("#scenario-name")).toHaveText("Corporate knowledge base");
  await app.loadPreset("text-to-sql");
  await app.loadPreset("idle-gpu");
  await page.waitForTimeout(400);
  await page.goto(cliLink(`${baseURL}/`, (s) => (s.name = "From a colleague")));
  await app.waitForRun();
  // Kept across a reload, newest first, each with what replaced it.
  await page.reload();
  await app.waitForRun();
  const menu = page.locator("#history");
  const entries = () => menu.locator("option:not([disabled])").allTextContents();
  expect(await entries()).toEqual([
    expect.stringMatching(/^Idle dedicated GPU — replaced by a link, price import or calibration at \d\d:\d\d$/),
    expect.stringMatching(/^Text-to-SQL at a million queries a day — replaced by a preset at /),
    expect.stringMatching(/^Corporate knowledge base — replaced by a preset at /),
  ]);
  // The oldest first: the one on the page joins the list.
  await menu.selectOption({ index: 3 });
  await expect(page.locator("#scenario-name")).toHaveText("Corporate knowledge base");
  expect((await entries()).map((e) => e.split(" — ")[0])).toEqual([
    "From a colleague",
    "Idle dedicated GPU",
    "Text-to-SQL at a million queries a day",
  ]);
  await page.locator("#restore").click();
  await expect(page.locator("#scenario-name")).toHaveText("From a colleague");
  await menu.selectOption({ index: 3 });
  await expect(page.locator("#scenario-name")).toHaveText("Text-to-SQL at a million queries a day");
  await menu.selectOption({ index: 3 });
  await expect(page.locator("#scenario-name")).toHaveText("Idle dedicated GPU");
  expect((await entries()).map((e) => e.split(" — ")[0])).toEqual([
    "Text-to-SQL at a million queries a day",
    "From a colleague",
    "Corporate knowledge base",
  ]);
  await app.waitForRun();
  // Forget empties it, for good.
  await page.locator("#dismiss-previous").click();
  await page.reload();
  await app.waitForRun();
  await expect(page.locator("#restore")).toHaveCount(0);
});

test("a full storage keeps the newest replaced scenarios and says so", async ({ page }) => {
  const app = new App(page);
  // Room for one replaced scenario, then none.
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      const room = Number(sessionStorage.getItem("room") ?? "1");
      if (key === "burnrate.history" && (value.match(/"at_ms"/g) ?? []).length > room) {
        throw new DOMException("full", "QuotaExceededError");
      }
      return set.call(this, key, value);
    };
  });
  await app.open();
  await app.loadPreset("text-to-sql");
  await app.loadPreset("idle-gpu");
  const footer = page.locator(".app-footer");
  await expect(footer).toContainText("only the 1 newest of the scenarios you replaced are kept for a reload");
  // Both stay restorable on this page.
  await expect(page.locator("#history option:not([disabled])")).toHaveCount(2);
  await page.evaluate(() => sessionStorage.setItem("room", "0"));
  await app.loadPreset("fintech-bot");
  await expect(footer).toContainText("the scenarios you replaced are not kept for a reload");
  await expect(footer).not.toContainText("Your scenario is saved");
});

test("a replaced scenario kept by an older burnrate is restorable", async ({ page }) => {
  const app = new App(page);
  await app.open();
  const old = execFileSync("target/release/burnrate", ["scenario", "fintech-bot"], { encoding: "utf8" });
  await page.evaluate((text) => {
    localStorage.removeItem("burnrate.history");
    localStorage.setItem("burnrate.previous", text);
  }, old);
  await page.reload();
  await app.waitForRun();
  await expect(page.locator("#restore")).toHaveAttribute("title", /— replaced by a preset, link or file$/);
  await page.locator("#restore").click();
  await expect(page.locator("#scenario-name")).toHaveText(JSON.parse(old).name);
  expect(await page.evaluate(() => localStorage.getItem("burnrate.previous"))).toBeNull();
});

test("the page declares a Content-Security-Policy of its own origin only", async ({ page }) => {
  await page.goto("/");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
});

test("the same link gives identical numbers in the CLI and in the browser", async ({ page, baseURL }) => {
  // The runaway-agent preset as shipped (10,000 trials, on the workers) at
  // four seeds, and once with its breakers and burstiness changed.
  const edits: ((s: any) => void)[] = [
    () => {},
    (s) => (s.seed = 1),
    (s) => (s.seed = 2),
    (s) => (s.seed = 3),
    (s) => {
      s.seed = 777;
      s.trials = 4_000;
      s.workload.hourly_burst_cv = 0.8;
      s.architectures[1].guardrails.agent_step_limit = 12;
    },
  ];
  const app = new App(page);
  for (const edit of edits) {
    const link = cliLink(`${baseURL}/`, edit, "runaway-agent");
    const native = JSON.parse(execFileSync("target/release/burnrate", ["simulate", link, "--json"], { encoding: "utf8" }));
    await page.goto(link);
    await page.reload();
    await app.waitForRun();
    const shown = await app.cards();
    for (const a of native.architectures) {
      expect(shown[a.id]).toEqual({ p50: a.monthly_usd.p50, p95: a.monthly_usd.p95, mean: a.monthly_usd.mean, over: a.p_over_budget });
    }
  }
});

test("a run whose costs pass the model's cap stops with a message naming the architecture, on workers too", async ({ page, baseURL }) => {
  const link = cliLink(`${baseURL}/`, (s) => {
    s.trials = 20_000;
    s.workload.queries_per_day = { kind: "fixed", value: 1e9 };
    s.workload.query_tokens.mean_tokens = { kind: "fixed", value: 1e7 };
    s.catalog = {
      models: [{ id: "openai/gpt-5.4", name: "GPT-5.4 at a made-up price", usd_per_m_input: 10_000, usd_per_m_cached_input: 10_000, usd_per_m_output: 10, source: "test" }],
    };
  }, "knowledge-base");
  await page.goto(link);
  const banner = page.locator("#scenario-error");
  await expect(banner).toContainText("prompt_only's", { timeout: 60_000 });
  await expect(banner).toContainText("above 10^15");
  await expect(page.locator("#progress")).toHaveAttribute("data-running", "false");
  await expect(page.locator(".results-body")).toHaveCount(0);
  const cli = (() => {
    try {
      execFileSync("target/release/burnrate", ["simulate", link], { encoding: "utf8", stdio: "pipe" });
      return "";
    } catch (e: any) {
      return String(e.stderr);
    }
  })();
  expect(cli).toContain("prompt_only's");
});

test("when another tab saves over this tab's autosave, this tab says so", async ({ page, context }) => {
  const app = new App(page);
  await app.open();
  await expect(page.locator("footer")).toContainText("Your scenario is saved in this browser.");
  const other = await context.newPage();
  const app2 = new App(other);
  await app2.open();
  await app2.loadPreset("idle-gpu");
  await expect(page.locator("footer")).toContainText("Another tab saved its scenario");
  await app.field("Monthly budget").locator("input").fill("21000");
  await page.waitForTimeout(500);
  await app.waitForRun();
  await expect(page.locator("footer")).toContainText("Your scenario is saved in this browser.");
});

test("a scenario too large for a link is never written as one: Copy link says to share the file", async ({ page }) => {
  const { randomBytes } = await import("node:crypto");
  const app = new App(page);
  await app.open();
  expect(page.url()).toContain("#s=");
  // 1,500 own price entries with random ids and sources: deflate cannot shrink them under 100,000.
  const s = JSON.parse(execFileSync("target/release/burnrate", ["scenario", "idle-gpu"], { encoding: "utf8" }));
  s.name = "Too large to link";
  s.catalog = { models: Array.from({ length: 1500 }, () => ({
    id: randomBytes(12).toString("hex"), usd_per_m_input: 1, usd_per_m_cached_input: 1, usd_per_m_output: 1,
    context_window_tokens: 128000, source: randomBytes(30).toString("base64"),
  })) };
  writeFileSync("test-results/large.json", JSON.stringify(s));
  await page.locator("summary", { hasText: "Share and export" }).click();
  await page.locator("#import-json").setInputFiles("test-results/large.json");
  await expect(page.locator("#scenario-name")).toHaveText("Too large to link");
  await app.waitForRun();
  expect(page.url()).not.toContain("#s=");
  await page.locator("#copy-link").click();
  await expect(page.locator("#share-refused")).toContainText("Too large for a link");
  await expect(page.locator("#share-link")).toHaveCount(0);
});
