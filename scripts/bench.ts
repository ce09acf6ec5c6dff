/**
 * `npm run bench`: the size of every built file, then the picker's time to interactive in headless
 * Chromium (median of 20 cold loads) beside a plain page with a four-radio list and beside two floors
 * (test/browser/floor-widget.ts): the contract floor, the least a script-tag widget can do under
 * design §2 and §3 before its picker is usable, and the script floor, one script that renders at once
 * from data in the page. Timings are reported, not asserted (design §5). Uses the real server with
 * an order made through the API.
 */
import type { Browser } from 'playwright-core';
import type { KassaServer, MerchantSite, PageKind } from '../test/browser/harness.ts';
import { createOrder, launchBrowser, startMerchantSite, startServer } from '../test/browser/harness.ts';
import { budgetLines, sizeTable, table } from './lib/report.ts';
import { checkBudgets, measureDir } from './lib/sizes.ts';
import { type Milestones, pageCall, readMilestones, TTI_MESSAGE, TTI_PROBE_SOURCE } from './lib/tti-probe.ts';

// 20 cold loads each: on a 2-core machine one load varies by tens of ms, 10 left the median noisy.
const RUNS = 20;
const DIST = 'dist/widget';

interface Sample {
  ttiMs: number;
  keyboardOk: boolean;
  milestones: Milestones;
}

/** One cold load (fresh context, empty cache) of a page; `verifyKeyboard` presses Space on the radio. */
async function measureOnce(browser: Browser, url: string, verifyKeyboard: boolean): Promise<Sample> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: TTI_PROBE_SOURCE });
    const page = await context.newPage();
    // The probe's console message, not polling: see installTtiProbe.
    const reported = page.waitForEvent('console', {
      predicate: (message) => message.text().startsWith(TTI_MESSAGE),
      timeout: 20_000,
    });
    await page.goto(url, { waitUntil: 'commit' });
    const ttiMs = Number((await reported).text().slice(TTI_MESSAGE.length));
    const milestones = (await page.evaluate(pageCall(readMilestones, ttiMs))) as Milestones;
    let keyboardOk = true;
    if (verifyKeyboard) {
      await page.keyboard.press('Space');
      keyboardOk = await page.evaluate(() => {
        const radio = (window as unknown as { kassaTtiRadio?: Element }).kassaTtiRadio;
        return radio instanceof HTMLInputElement
          ? radio.checked
          : radio?.getAttribute('aria-checked') === 'true';
      });
    }
    return { ttiMs, keyboardOk, milestones };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function pageUrl(server: KassaServer, site: MerchantSite, kind: PageKind): Promise<string> {
  // A fresh order per load, so no run sees a method chosen by an earlier one.
  const session = kind === 'radios' ? 'none' : (await createOrder(server)).clientToken;
  if (kind !== 'script-floor') return site.page(kind, { server: server.url, session });
  // The script floor gets the checkout answer with the page, asked for here as the widget would.
  const answer = await fetch(`${server.url}/api/checkout`, {
    headers: { authorization: `Bearer ${session}` },
  });
  if (!answer.ok) throw new Error(`GET /api/checkout answered ${answer.status}`);
  return site.page(kind, { server: server.url, session, options: { checkout: await answer.json() } });
}

async function bench(): Promise<void> {
  console.log(`Widget files in ${DIST}:\n${sizeTable(measureDir(DIST))}\n`);
  for (const line of budgetLines(checkBudgets(DIST))) console.log(line);

  const [server, site, browser] = await Promise.all([startServer(), startMerchantSite(), launchBrowser()]);
  try {
    const kinds = ['radios', 'script-floor', 'floor', 'mount'] as const;
    const samples: Record<(typeof kinds)[number], Sample[]> = {
      radios: [],
      'script-floor': [],
      floor: [],
      mount: [],
    };
    // One unrecorded warm-up each (first start of the renderer, disk caches), then take turns so
    // drift on a busy machine affects every page alike.
    for (let run = -1; run < RUNS; run++) {
      for (const kind of kinds) {
        const sample = await measureOnce(browser, await pageUrl(server, site, kind), run === 0);
        if (run >= 0) samples[kind].push(sample);
      }
    }
    const row = (label: string, s: Sample[]) => {
      const t = s.map((x) => x.ttiMs);
      const fmt = (n: number) => `${n.toFixed(1)} ms`;
      return [
        label,
        fmt(median(t)),
        fmt(Math.min(...t)),
        fmt(Math.max(...t)),
        s[0]?.keyboardOk ? 'yes' : 'NO',
      ];
    };
    console.log(
      `\nTime to interactive of the "Payment method" picker, ${RUNS} cold loads each (headless Chromium):`,
    );
    console.log(
      table(
        ['page', 'median', 'min', 'max', 'Space checks a radio'],
        [
          row('plain page, four radios', samples.radios),
          row('script floor: one script, data in the page', samples['script-floor']),
          row('contract floor: loader, chunk, API', samples.floor),
          row('Kassa widget (kassa.js + Kassa.mount)', samples.mount),
        ],
      ),
    );
    const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
    const at = (pick: (m: Milestones) => number) => ms(samples.mount.map((x) => pick(x.milestones)));
    console.log(
      `\nWidget load, medians from navigation start: page HTML ${at((m) => m.html)}, last widget script ` +
        `${at((m) => m.scripts)}, GET /api/checkout ${at((m) => m.api)}, interactive ${ms(samples.mount.map((x) => x.ttiMs))}`,
    );
    const tti = (kind: keyof typeof samples) => median(samples[kind].map((s) => s.ttiMs));
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(`\nratio widget / plain page: ${ratio(tti('mount'), tti('radios'))} (aim ≤ 1.30×)`);
    console.log(
      `ratio script floor / plain page: ${ratio(tti('script-floor'), tti('radios'))}; ` +
        `contract floor / plain page: ${ratio(tti('floor'), tti('radios'))}; ` +
        `widget / contract floor: ${ratio(tti('mount'), tti('floor'))} (the widget's own cost)`,
    );
  } finally {
    await Promise.all([browser.close(), site.stop(), server.stop()]);
  }
}

bench().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
