/**
 * The APM catalogue against the seed's table (issue 11 item 1): every row's type id, name, country and
 * "Link" / "APM Payout" marks, both ways (nothing missing, nothing extra). The table is read from
 * `seed-apm-table.fixture.txt`, a verbatim excerpt of odeonpay-api.txt ("Alternative Payment Methods"
 * up to the first request example); where the seed itself is at hand (`../shared/seeds/`, beside the
 * repository) the excerpt is checked to be in it, unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCurrency } from '../../../../src/contract/money.ts';
import { APM_CATALOGUE, type ApmType, apmFields, apmType, CNIC_PATTERN } from './catalogue.ts';

const excerpt = readFileSync(new URL('./seed-apm-table.fixture.txt', import.meta.url), 'utf8');
const seedFile = new URL('../../../../../shared/seeds/odeonpay-api.txt', import.meta.url);

/** The seed's country names as ISO 3166-1 alpha-2; "EU" and "Worldwide" name no single country. */
const COUNTRY: Record<string, string | null> = {
  Russia: 'RU',
  Brazil: 'BR',
  India: 'IN',
  Vietnam: 'VN',
  Thailand: 'TH',
  Indonesia: 'ID',
  EU: null,
  Worldwide: null,
  'South Korea': 'KR',
  Pakistan: 'PK',
};
const MARKS = ['Link', 'APM Payout', 'Link / APM Payout'];

interface SeedRow {
  typeId: number;
  name: string;
  mark: string;
  /** The seed's country cell; null when the row has none (the test types). */
  country: string | null;
}

/**
 * The table's cells, one a line: name, type id, mark, then the country and the request example when
 * the row has them (the test types have no country; a few rows name their request example).
 */
function parseSeedTable(text: string): SeedRow[] {
  const cells = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const start = cells.indexOf('Request example');
  if (start < 0) throw new Error('no table header');
  const rows: SeedRow[] = [];
  let i = start + 1;
  while (i < cells.length) {
    const [name, id, mark] = [cells[i], cells[i + 1], cells[i + 2]];
    if (!name || !id || !mark || !/^\d+$/.test(id) || !MARKS.includes(mark))
      throw new Error(`unexpected cells at ${i}: ${name} | ${id} | ${mark}`);
    i += 3;
    let country: string | null = null;
    // A country cell is followed by the next row's name and numeric type id (or by the table's end).
    const next = cells[i];
    if (next !== undefined && !/^\d+$/.test(cells[i + 1] ?? '') && !/example/i.test(next)) {
      country = next;
      i += 1;
    }
    if (/request example/i.test(cells[i] ?? '')) i += 1;
    rows.push({ typeId: Number(id), name, mark, country });
  }
  return rows;
}

const seedRows = parseSeedTable(excerpt);
const markOf = (t: ApmType) => (t.link && t.payout ? 'Link / APM Payout' : t.link ? 'Link' : 'APM Payout');

describe('the APM catalogue against the seed table', () => {
  it('the excerpt is the seed text, unchanged (its SHA-256 recorded from the seed; the seed itself where at hand)', () => {
    // The hash of the excerpt as it was cut from odeonpay-api.txt: an edit of the fixture fails here
    // even where the seeds are not beside the repository (a fresh clone in CI).
    expect(createHash('sha256').update(excerpt.trimEnd()).digest('hex')).toBe(
      '21d7efd470411db04d0e7ea2ec1c2609e7493c5c9afb23c568d8a09566a40900',
    );
    if (existsSync(seedFile)) expect(readFileSync(seedFile, 'utf8')).toContain(excerpt.trimEnd());
  });

  it('reads the whole table', () => {
    expect(seedRows).toHaveLength(151);
    expect(seedRows[0]).toEqual({ typeId: 1, name: 'APM Test Payment', mark: 'Link', country: null });
    expect(seedRows.at(-1)).toEqual({
      typeId: 56501,
      name: 'JazzCash',
      mark: 'Link / APM Payout',
      country: 'Pakistan',
    });
  });

  it('has every seed row with its name, country and marks', () => {
    for (const row of seedRows) {
      const type = apmType(row.typeId);
      expect(type, `type ${row.typeId}`).toBeDefined();
      if (!type) continue;
      expect(type.name).toBe(row.name);
      expect(markOf(type), `marks of ${row.typeId}`).toBe(row.mark);
      const country = row.country === null ? null : COUNTRY[row.country];
      expect(country, `known country ${row.country}`).not.toBeUndefined();
      expect(type.country, `country of ${row.typeId}`).toBe(country);
    }
  });

  it('has nothing the seed does not list, each type id once, in the seed order', () => {
    expect(APM_CATALOGUE.map((t) => t.typeId)).toEqual(seedRows.map((r) => r.typeId));
    expect(new Set(APM_CATALOGUE.map((t) => t.typeId)).size).toBe(APM_CATALOGUE.length);
    expect(apmType(9999)).toBeUndefined();
  });
});

describe('what the seed does not give (design §3 "Odeon APMs")', () => {
  it('pays in the country’s currency; EU rows in EUR; no single country → any currency', () => {
    const currencies = (country: string) => [
      ...new Set(APM_CATALOGUE.filter((t) => t.country === country).map((t) => t.currency)),
    ];
    expect(currencies('BR')).toEqual(['BRL']);
    expect(currencies('IN')).toEqual(['INR']);
    expect(currencies('KR')).toEqual(['KRW']);
    expect(currencies('PK')).toEqual(['PKR']);
    expect(currencies('RU')).toEqual(['RUB']);
    expect(currencies('VN').sort()).toEqual(['USDT', 'VND']);
    expect(currencies('TH').sort()).toEqual(['THB', 'USDT']);
    expect(currencies('ID').sort()).toEqual(['IDR', 'USDT']);
    expect(apmType(6000)?.currency).toBe('EUR');
    expect(apmType(6001)?.currency).toBe('EUR');
    expect(apmType(2041)).toMatchObject({ country: null, currency: null });
    expect(apmType(10100)).toMatchObject({ country: null, currency: 'BTC' });
  });

  it('keeps non-ISO currencies as written: the USDT rows and BTC', () => {
    const nonIso = APM_CATALOGUE.filter((t) => t.currency !== null && !isCurrency(t.currency));
    expect(nonIso.map((t) => t.typeId)).toEqual([7009, 7010, 7072, 7073, 7082, 7083, 10100]);
  });

  it('marks the test types sandbox-only and no other', () => {
    expect(APM_CATALOGUE.filter((t) => t.sandboxOnly).map((t) => t.typeId)).toEqual([1, 2]);
    expect(apmType(1)).toMatchObject({ country: null, currency: null, link: true, payout: false });
    expect(apmType(2)).toMatchObject({ country: null, currency: null, link: false, payout: true });
  });

  it('tells rows with one name apart by their type id', () => {
    expect(apmType(1004)?.label).toBe('Bradesco Pague Facil (1004)');
    expect(apmType(1005)?.label).toBe('Bradesco Pague Facil (1005)');
    expect(apmType(7072)?.label).toBe('USDT Crypto ERC20 (7072)');
    expect(apmType(2000)?.label).toBe('UPI');
    const labels = APM_CATALOGUE.map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const t of APM_CATALOGUE) expect([t.name, `${t.name} (${t.typeId})`]).toContain(t.label);
  });

  it('gives each type a generic icon of its kind', () => {
    expect(apmType(2000)?.icon).toBe('wallet');
    expect(apmType(2080)?.icon).toBe('qr');
    expect(apmType(4012)?.icon).toBe('qr');
    expect(apmType(4011)?.icon).toBe('cash');
    expect(apmType(2041)?.icon).toBe('card');
    expect(apmType(2025)?.icon).toBe('bank');
    expect(apmType(7028)?.icon).toBe('bank');
    expect(apmType(56500)?.icon).toBe('wallet');
    expect(apmType(50033)?.icon).toBe('bank');
  });
});

describe('the fields each type needs (the seed’s request examples)', () => {
  const names = (id: number, kind: 'payment' | 'payout') => {
    const type = apmType(id);
    if (!type) throw new Error(`no type ${id}`);
    return apmFields(type, kind).map((f) => f.name);
  };

  it('EasyPaisa and JazzCash: account, phone and a 13-digit CNIC, for payments and payouts', () => {
    for (const id of [56500, 56501]) {
      expect(names(id, 'payment')).toEqual(['personId', 'phone', 'documentId']);
      expect(names(id, 'payout')).toEqual(['personId', 'phone', 'documentId']);
    }
    const type = apmType(56500);
    const documentId = type && apmFields(type, 'payment').find((f) => f.name === 'documentId');
    expect(documentId?.pattern).toBe(CNIC_PATTERN);
    const cnic = new RegExp(CNIC_PATTERN);
    expect(cnic.test('3440289238550')).toBe(true);
    expect(cnic.test('344028923855')).toBe(false);
    expect(cnic.test('34402892385500')).toBe(false);
  });

  it('Virtual Banking: account and phone to pay; bank name, account and holder to be paid', () => {
    expect(names(50033, 'payment')).toEqual(['personId', 'phone']);
    expect(names(50033, 'payout')).toEqual([
      'personId',
      'bankName',
      'bankAccountNumber',
      'bankAccountHolder',
    ]);
  });

  it('India: IFSC for bank transfer payouts (3021), the UPI id for UPI', () => {
    expect(names(3021, 'payout')).toEqual(['personId', 'phone', 'ifsc']);
    expect(names(3020, 'payout')).toEqual(['personId', 'phone']);
    expect(names(2000, 'payment')).toEqual(['personId', 'phone']);
    expect(names(2006, 'payment')).toEqual(['phone']);
    expect(names(2014, 'payment')).toEqual(['phone']);
  });

  it('"certain methods": nothing to type to pay, the bank account to be paid', () => {
    for (const id of [7022, 7000, 7024, 2081, 22011]) expect(names(id, 'payment')).toEqual([]);
    for (const id of [7022, 7000, 7024, 2081, 7088])
      expect(names(id, 'payout')).toEqual(['bankAccountNumber']);
    expect(names(6000, 'payout')).toEqual(['bankAccountNumber']);
  });

  it('types without an example of their own: personId and phone', () => {
    expect(names(1000, 'payment')).toEqual(['personId', 'phone']);
    expect(names(201, 'payment')).toEqual(['personId', 'phone']);
    expect(names(2, 'payout')).toEqual(['personId', 'phone']);
  });
});
