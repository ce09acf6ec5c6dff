/**
 * A shopper's steps on the sandbox paysafecard page (design §4: a field "PIN", buttons "Pay" and
 * "Cancel") and with the widget's paysafecard window (design §2 "paysafecard popup in progress").
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { chooseMethod, STATUS_TIMEOUT_MS, statusText } from './shopper.ts';

/** The seed's deposit test PIN: it pays; any other well-formed 16-digit PIN is declined. */
export const TEST_PIN = '0000009021001201';
/** A well-formed PIN the sandbox declines. */
export const DECLINED_PIN = '1234567812345678';

/** Chooses paysafecard and waits until its Pay button can be used (the provider session is open). */
export async function choosePaysafecard(page: Page, payLabel: string): Promise<void> {
  await chooseMethod(page, 'paysafecard');
  const pay = page.getByRole('button', { name: payLabel, exact: true });
  await expect.poll(() => pay.isEnabled(), { timeout: STATUS_TIMEOUT_MS }).toBe(true);
}

/** Clicks Pay (or presses Enter with `viaKeyboard`) and answers the paysafecard window it opens. */
export async function payIntoPopup(
  page: Page,
  payLabel: string,
  { viaKeyboard = false }: { viaKeyboard?: boolean } = {},
): Promise<Page> {
  const opened = page.waitForEvent('popup', { timeout: STATUS_TIMEOUT_MS });
  if (viaKeyboard) await page.keyboard.press('Enter');
  else await page.getByRole('button', { name: payLabel, exact: true }).click();
  const popup = await opened;
  // The widget opens the window empty inside the click, then sends it to the paysafecard page.
  await popup.getByLabel('PIN', { exact: true }).waitFor({ timeout: STATUS_TIMEOUT_MS });
  await expect
    .poll(() => statusText(page), { timeout: STATUS_TIMEOUT_MS })
    .toBe('Continue in the paysafecard window');
  return popup;
}

/** Types a PIN on the paysafecard page and presses its "Pay". */
export async function enterPin(popup: Page, pin: string): Promise<void> {
  await popup.getByLabel('PIN', { exact: true }).fill(pin);
  await popup.getByRole('button', { name: 'Pay', exact: true }).click();
}

/** Waits until the window is closed (by the return page, or by the widget). */
export async function expectClosed(popup: Page): Promise<void> {
  await expect.poll(() => popup.isClosed(), { timeout: STATUS_TIMEOUT_MS }).toBe(true);
}
