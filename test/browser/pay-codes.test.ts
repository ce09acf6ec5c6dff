import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/index.ts';
import { decodeSymbols, digitsOf } from './barcode.ts';
import {
  clickButton,
  createOrder,
  expectStatus,
  fillFields,
  orderBody,
  payCodeImage,
  readPayCode,
  settleAtPos,
} from './harness.ts';
import { openCheckout, useSuite } from './suite.ts';

// Issue 7, item 1: pay codes a till's scanner reads from the shopper's screen (design §2 "Accessible
// names", OKTO pay code): whole device pixels per module, quiet zones, the whole code readable.
const SCREENS = [
  { name: '360 px at ratio 1', viewport: { width: 360, height: 900 }, deviceScaleFactor: 1 },
  { name: '320 px at ratio 2', viewport: { width: 320, height: 900 }, deviceScaleFactor: 2 },
  { name: '1280 px at ratio 1', viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
] as const;

const RO_CUSTOMER = { id: 'shopper-ro', firstName: 'Ana', lastName: 'Popescu', email: 'ana@example.com' };
const ORDERS = {
  IT: orderBody({ country: 'IT', currency: 'EUR', amount: '150.00' }),
  RO: orderBody({ country: 'RO', currency: 'RON', amount: '4500.00', customer: RO_CUSTOMER }),
  GR: orderBody({ country: 'GR', currency: 'EUR', amount: '10.00' }),
} as const;

/** A screenshot of the drawn code (the image's box, quiet zones included, a little margin around). */
async function screenshotCode(page: Page, kind: 'barcode' | 'QR code'): Promise<Buffer> {
  const image = payCodeImage(page, kind);
  await image.scrollIntoViewIfNeeded();
  const box = await image.boundingBox();
  if (!box) throw new Error(`no ${kind} on the page`);
  const clip = {
    x: Math.max(0, box.x - 8),
    y: Math.max(0, box.y - 8),
    width: box.width + 16,
    height: box.height + 16,
  };
  return page.screenshot({ clip });
}

/** Pays with OKTO Cash and waits for the voucher; in any locale (the brand name is the same in all). */
async function showVoucher(page: Page, country: keyof typeof ORDERS): Promise<void> {
  await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).check();
  if (country === 'RO') {
    await fillFields(page, {
      'Date of birth': '1990-04-12',
      Phone: '+40712345678',
      'ID number': '1900412123456',
    });
  }
  await page.locator('form button[type=submit]').click();
  await page.locator('#kassa-paycode').waitFor();
}

describe('pay codes at the till', () => {
  const suite = useSuite();

  for (const screen of SCREENS) {
    for (const country of ['IT', 'RO', 'GR'] as const) {
      it(`${country}: the ${country === 'GR' ? 'QR code and the barcode decode' : 'barcode decodes'} from a screenshot at ${screen.name}, and the whole code is visible`, async () => {
        const order = await createOrder(suite.server, ORDERS[country]);
        const { page } = await openCheckout(suite, order, 'mount', {}, screen);
        await showVoucher(page, country);
        const shown = await readPayCode(page);

        if (country === 'GR') {
          // GR and CY show the QR code first (design §3): it decodes to the pay code itself.
          expect(await decodeSymbols(await screenshotCode(page, 'QR code'))).toEqual([
            shown.replace(/ /g, ''),
          ]);
          await clickButton(page, 'Show barcode');
        }
        const decoded = await decodeSymbols(await screenshotCode(page, 'barcode'));
        expect(decoded, 'one GS1-128 symbol read').toHaveLength(1);
        expect(digitsOf(decoded[0] ?? '')).toBe(digitsOf(shown));

        // The whole code is readable: nothing scrolled away or clipped in the "Pay code" field…
        const field = page.getByLabel('Pay code', { exact: true });
        const fits = await field.evaluate(
          (el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1,
        );
        expect(fits, 'the pay code field shows all of the code').toBe(true);
        // …and the field is inside the viewport's width.
        const box = await field.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= screen.viewport.width).toBe(true);
      });
    }
  }

  it('"Copy code" copies the code exactly as shown, keeps its size, and the till accepts the copy', async () => {
    const order = await createOrder(suite.server, ORDERS.IT);
    const { page, context } = await openCheckout(
      suite,
      order,
      'mount',
      {},
      {
        viewport: { width: 360, height: 900 },
        permissions: ['clipboard-read', 'clipboard-write'],
      },
    );
    await showVoucher(page, 'IT');
    const copy = page.getByRole('button', { name: 'Copy code', exact: true });
    const before = await copy.boundingBox();
    await copy.click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe(await readPayCode(page));
    // The confirmation swaps an icon: the button (and so the row) does not move or resize.
    expect(await copy.boundingBox()).toEqual(before);
    await copy.waitFor();

    await settleAtPos(context, suite.server, await page.evaluate(() => navigator.clipboard.readText()));
    await expectStatus(page, 'Payment successful');
  });

  for (const width of [320, 600, 1280]) {
    it(`lays the voucher's buttons out evenly at ${width} px, in every locale`, async () => {
      for (const locale of LOCALES) {
        const order = await createOrder(suite.server, ORDERS.IT);
        const { page } = await openCheckout(
          suite,
          order,
          'mount',
          { locale },
          { viewport: { width, height: 900 } },
        );
        await showVoucher(page, 'IT');
        await expectEvenButtons(page, locale);
        await page.context().close();
      }
    });
  }
});

/** The voucher's three tools (by position: the locale names them) in one even row or one column. */
async function expectEvenButtons(page: Page, locale: string): Promise<void> {
  const boxes = await page.locator('.kassa-actions > *').evaluateAll((elements) =>
    elements.map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    }),
  );
  expect(boxes, locale).toHaveLength(3);
  const [first] = boxes;
  const row = boxes.every((box) => Math.abs(box.y - (first?.y ?? 0)) < 1);
  const column = boxes.every((box) => Math.abs(box.x - (first?.x ?? 0)) < 1);
  expect(row || column, `${locale}: one row or one column`).toBe(true);
  for (const box of boxes) {
    expect(Math.abs(box.width - (first?.width ?? 0)), `${locale}: equal widths`).toBeLessThan(1);
    expect(Math.abs(box.height - (first?.height ?? 0)), `${locale}: equal heights`).toBeLessThan(1);
  }
}
