/**
 * Formats a normalised decimal string (`"12.50"`, `"1.234"`, `"60000"`, as the API answers amounts)
 * for shoppers with Intl.NumberFormat. Its decimals are the currency's ISO 4217 exponent, so no
 * table is needed. A module of its own: the picker formats the order's amount with it, and a module
 * shared by the initial load and a lazy chunk is bundled whole into the initial load (money.ts is not
 * needed before a method is chosen).
 */
export function displayDecimal(amount: string, currency: string, locale: string): string {
  const digits = amount.split('.')[1]?.length ?? 0;
  // Intl takes a decimal string exactly (ES2023 "string as decimal"), so no float rounding happens.
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(amount as unknown as number);
}
