/**
 * The seed's Timezones dictionary ("Dictionaries", Timezones): the only values `/payments/list` takes
 * for `timezone` (without one, Odeon answers in UTC).
 */
export const ODEON_TIMEZONES = [
  'Pacific/Samoa',
  'US/Hawaii',
  'US/Alaska',
  'America/Los_Angeles',
  'US/Arizona',
  'America/Mexico_City',
  'US/East-Indiana',
  'Atlantic/Bermuda',
  'America/Santiago',
  'America/Noronha',
  'Atlantic/Azores',
  'Europe/London',
  'Europe/Paris',
  'Europe/Riga',
  'Europe/Moscow',
  'Asia/Tbilisi',
  'Asia/Yekaterinburg',
  'Asia/Omsk',
  'Asia/Tomsk',
  'Singapore',
  'Asia/Chita',
  'Asia/Vladivostok',
  'Australia/Sydney',
] as const;

export type OdeonTimezone = (typeof ODEON_TIMEZONES)[number];

/** True for a timezone of the seed's dictionary. */
export function isOdeonTimezone(value: string): value is OdeonTimezone {
  return (ODEON_TIMEZONES as readonly string[]).includes(value);
}
