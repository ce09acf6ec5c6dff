/**
 * What a shopper does with the widget, through the accessible names of design §2 only
 * (Playwright's role and label locators pierce the widget's open shadow root).
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { closePage, STEP_TIMEOUT_MS, withTimeout } from './browser.ts';
import type { KassaServer } from './server.ts';

export const STATUS_TIMEOUT_MS = 20_000;

/** The widget's host element (it carries `data-kassa-state`). */
export function widgetHost(page: Page): Locator {
  return page.locator('[data-kassa-state]');
}

/** Waits until the host's `data-kassa-state` is `state`. */
export async function expectState(page: Page, state: string, timeout = STATUS_TIMEOUT_MS): Promise<void> {
  await expect
    .poll(() => widgetHost(page).getAttribute('data-kassa-state'), { timeout, interval: 100 })
    .toBe(state);
}

/**
 * Waits for the picker and checks the radio named `method` in the "Payment method" group ("Payout
 * method" for payout orders, design §2).
 */
export async function chooseMethod(
  page: Page,
  method: string,
  group: 'Payment method' | 'Payout method' = 'Payment method',
): Promise<void> {
  const picker = page.getByRole('radiogroup', { name: group, exact: true });
  await picker.waitFor({ timeout: STATUS_TIMEOUT_MS });
  await picker.getByRole('radio', { name: method, exact: true }).check();
}

/** Fills form fields by their labels (design §2 Accessible names). */
export async function fillFields(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Clicks the primary button, e.g. "Pay €10.00". */
export async function clickButton(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}

/** The pay-code image ("Pay code QR code" or "Pay code barcode"). */
export function payCodeImage(page: Page, kind: 'QR code' | 'barcode'): Locator {
  return page.getByRole('img', { name: `Pay code ${kind}`, exact: true });
}

/** The pay code as the widget shows it in the element labelled "Pay code". */
export async function readPayCode(page: Page): Promise<string> {
  const field = page.getByLabel('Pay code', { exact: true });
  await field.waitFor({ timeout: STATUS_TIMEOUT_MS });
  const code = await withTimeout(
    STEP_TIMEOUT_MS,
    'reading the pay code',
    field.evaluate((el) => ('value' in el ? String(el.value) : (el.textContent ?? ''))),
  );
  expect(code.trim()).not.toBe('');
  return code.trim();
}

/** Pays the code in cash at the sandbox point-of-sale simulator page, in a new tab. */
export async function settleAtPos(
  context: BrowserContext,
  server: KassaServer,
  payCode: string,
): Promise<void> {
  const pos = await withTimeout(STEP_TIMEOUT_MS, 'opening the POS simulator tab', context.newPage());
  try {
    await pos.goto(`${server.url}/sandbox/okto/pos`);
    await pos.getByLabel('Pay code', { exact: true }).fill(payCode);
    const answer = pos.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().includes('/sandbox/okto/pos'),
    );
    await pos.getByRole('button', { name: 'Accept cash', exact: true }).click();
    expect((await answer).status(), 'the POS simulator accepted the pay code').toBe(200);
    // The till answers the form post with a new page, and the click returns as soon as that
    // navigation commits. Closing the tab at that moment could leave it open for good (closePage),
    // so wait until the answer page shows.
    await pos
      .getByRole('status')
      .filter({ hasText: /^Cash accepted$/ })
      .waitFor();
  } finally {
    await closePage(pos, 'closing the POS simulator tab');
  }
}

/** The text of the widget's one `role="status"` element ('' while there is none). */
export async function statusText(page: Page): Promise<string> {
  const status = page.getByRole('status');
  const count = await withTimeout(STEP_TIMEOUT_MS, 'counting role="status" elements', status.count());
  // Design §2 Outcome: exactly one role="status" element (countdowns use a separate live region).
  if (count > 1) throw new Error(`expected exactly one role="status" element, found ${count}`);
  return count === 0 ? '' : ((await status.textContent({ timeout: 2_000 })) ?? '').trim();
}

/** Waits until the status text starts with `prefix` (e.g. "Payment successful"). */
export async function expectStatus(page: Page, prefix: string, timeout = STATUS_TIMEOUT_MS): Promise<void> {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect.poll(() => statusText(page), { timeout, interval: 200 }).toMatch(new RegExp(`^${escaped}`));
}

/** Types of the events the page recorded (`window.kassaEvents`). */
export function eventTypes(page: Page): Promise<string[]> {
  return withTimeout(
    STEP_TIMEOUT_MS,
    'reading window.kassaEvents',
    page.evaluate(() =>
      ((window as unknown as { kassaEvents?: { type: string }[] }).kassaEvents ?? []).map((e) => e.type),
    ),
  );
}
