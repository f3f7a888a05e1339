import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explain, rateClosingInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { CDN_BASIC_FEBRUARY } from "../_support/cdnBasicFebruary.js";
import { closeAfterUse, REFUND_USAGE, refundsContract } from "../_support/refundsContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { HOSTILE_NAME, smallInvoice } from "../_support/smallInvoice.js";

// The HTML evidence page in a real browser: Debian's chromium (scripts/ensure-system-packages.sh
// installs it in pretest), driven by playwright-core, which never downloads a browser of its own. One
// launch for the whole file, with a fresh profile and every background service off, so the only
// request the page may cause is the file itself.
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OUTPUT = join(import.meta.dirname, "..", "..", "test-output");

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "ratecard-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

interface Visit {
  readonly page: Page;
  readonly url: string;
  readonly requests: string[];
  readonly errors: string[];
  readonly dialogs: string[];
}

/** Writes `html` to test-output/`name` and opens it, recording requests, console errors and dialogs. */
async function visit(name: string, html: string): Promise<Visit> {
  const file = join(OUTPUT, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, url, requests, errors, dialogs };
}

describe("the HTML explanation in chromium", () => {
  it("loads with no console error, no dialog and no request but the file; April has 30 points", async () => {
    const { page, url, requests, errors, dialogs } = await visit(
      "explain-small.html",
      explain(smallInvoice(), { format: "html" }),
    );
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([url]);
    // One meter, rated with daily data: April 2026 has 30 days, so 30 points on the running total.
    expect(await page.locator("svg.usage-chart circle.point").count()).toBe(30);
    // The tier bound (100 GB) is drawn, and marked crossed on 04-20 (running 40, 90, then 120).
    expect(await page.locator("svg.usage-chart .tier-bound").count()).toBe(1);
    expect(await page.locator("svg.usage-chart .bound-label").textContent()).toBe(
      "tier 2 above 100 GB, crossed 2026-04-20",
    );
    // The name with <script> in it is shown as text; the page runs only its own script.
    expect(await page.locator("details#line-2 summary .name").textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator("script").count()).toBe(1);
    await page.close();
  });

  it("opens a line to its steps and its usage, day by day, on a click", async () => {
    const { page } = await visit("explain-small-click.html", explain(smallInvoice(), { format: "html" }));
    const steps = page.locator("details#line-2 table.steps");
    expect(await steps.isVisible()).toBe(false);
    await page.locator("details#line-2 > summary").click();
    expect(await steps.isVisible()).toBe(true);
    // usage, tier 1, tier 2, rounding: 4 steps; the tier rows read 100 × 0.10 and 30 × 0.05.
    expect(await steps.locator("tbody tr").count()).toBe(4);
    expect(await steps.locator("tbody tr").nth(2).textContent()).toContain(
      "Tier 2: 30 GB at $0.0500 = $1.50.",
    );
    const usage = page.locator("details#line-2 details.drill").first();
    await usage.locator("summary").click();
    expect(await usage.locator("tbody tr").count()).toBe(30);
    await page.close();
  });

  it("prints with every line open and writes screenshots a person can check", async () => {
    const { page } = await visit("explain-small-print.html", explain(smallInvoice(), { format: "html" }));
    await page.screenshot({ path: join(OUTPUT, "explain-small.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("details#line-1 table.steps").isVisible()).toBe(true);
    expect(await page.locator("details#line-2 table.steps").isVisible()).toBe(true);
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    await page.screenshot({ path: join(OUTPUT, "explain-small-print.png"), fullPage: true });
    // Stripe takes dispute evidence as a PDF of at most 5 MB (its file upload guide, dispute_evidence).
    const pdf = await page.pdf({ path: join(OUTPUT, "explain-small.pdf"), format: "A4" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeLessThan(5 * 1024 * 1024);
    await page.close();
  });

  it("charts each meter of a real fixture: February 2026 has 28 points a meter", async () => {
    // Through the command a specialist runs: the page it prints is the page the browser checks.
    assertCliBuilt();
    const cli = runCli("invoice", ...CDN_BASIC_FEBRUARY, "--daily", "--format", "html");
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    const { page, errors, requests, url } = await visit("explain-cdn-basic.html", cli.stdout);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const charts = page.locator("svg.usage-chart");
    expect(await charts.count()).toBe(4);
    for (let at = 0; at < 4; at += 1) expect(await charts.nth(at).locator("circle.point").count()).toBe(28);
    await page.locator("details#line-2 > summary").click();
    await page.screenshot({ path: join(OUTPUT, "explain-cdn-basic.png"), fullPage: true });
    await page.close();
  });

  it("says under the waterfall why a close's amount due is not its total less its credits", async () => {
    // Invoice 1 as of 10 March: 10.00 used - 30.00 refunded = -20.00, nothing due. The close: 60.00 -
    // 30.00 - (-20.00) = 50.00; less the wallet's 4.995 = 45.005; its rounding -0.005 = 45.00; less the
    // -20.00 never due, not given back = 25.00 due (the month: 30.00 - 4.995 = 25.005 → 25.00).
    const options = { creditBalances: { wallet: "4.995" } } as const;
    const contract = refundsContract({ lineDecimals: 3 });
    const first = rateProgressiveInvoice(contract, REFUND_USAGE, "2026-03", "2026-03-10T00:00:00Z", options);
    const closing = rateClosingInvoice(contract, REFUND_USAGE, "2026-03", { ...options, earlier: [first] });
    const { page, errors } = await visit(
      "explain-below-zero-close.html",
      explain(closing, { format: "html" }),
    );
    expect(errors).toEqual([]);
    const said = await page.locator("#waterfall .amount-due-why").allInnerTexts();
    expect(said).toEqual([
      "It bills the period's amount due so far, $25.00, less the $0.00 the earlier invoices made due, and an amount due starts from zero when a total is below zero: nothing was due on the total below zero of ctr_refunds:2026-03-01:progressive-1 (-$20.00), so this invoice does not give it back.",
      "From the total $50.00: less $4.995 (Wallet, after tax) = $45.005; less $0.005 (rounding of the amount due) = $45.00; less $20.00 (the earlier total below zero, not given back) = $25.00, the amount due.",
    ]);
    await page.close();
  });

  it("sets what the customer is owed apart under the waterfall, in bold, apart from why the amount due", async () => {
    // The close of closeAfterUse: total -30.00, due -15.00, owed 15.00 + 10.00 = 25.00 (owedWords.test.ts
    // checks the words). Until 7 December 2026 both paragraphs were plain text like any other, so the
    // sentence that says money goes back to the customer did not stand out on the page.
    const { closing } = closeAfterUse();
    const { page, errors } = await visit("explain-owed-close.html", explain(closing, { format: "html" }));
    expect(errors).toEqual([]);
    const styleOf = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => {
          const style = element.ownerDocument.defaultView!.getComputedStyle(element);
          return { border: style.borderLeftStyle, width: style.borderLeftWidth, weight: style.fontWeight };
        });
    expect(await page.locator("#waterfall .owed").allInnerTexts()).toHaveLength(1);
    expect(await styleOf("#waterfall .owed")).toEqual({ border: "solid", width: "3px", weight: "600" });
    expect(await styleOf("#waterfall .amount-due-why")).toEqual({
      border: "solid",
      width: "3px",
      weight: "400",
    });
    await page.close();
  });

  it("says so when the invoice has no daily data, and draws no chart", async () => {
    const { page, errors } = await visit(
      "explain-no-daily.html",
      explain(smallInvoice({ daily: false }), { format: "html" }),
    );
    expect(errors).toEqual([]);
    expect(await page.locator("svg.usage-chart").count()).toBe(0);
    expect(await page.locator(".no-daily").textContent()).toContain("no daily data");
    await page.close();
  });
});
