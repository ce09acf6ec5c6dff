import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.ts';

const good = { server: 'https://pay.example/kassa', session: 'token' };

describe('mount options', () => {
  it('accepts the documented options and resolves the server URL to a directory', () => {
    const onEvent = () => {};
    const result = parseOptions({ ...good, locale: 'el', theme: { accent: '#172650' }, onEvent });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.server.href).toBe('https://pay.example/kassa/');
    expect(result.value).toMatchObject({
      session: 'token',
      locale: 'el',
      theme: { accent: '#172650' },
      onEvent,
    });
  });

  it.each([
    [{ session: 'token' }, 'server'],
    [{ ...good, server: 'ftp://pay.example' }, 'server'],
    [{ ...good, server: 'not a url' }, 'server'],
    [{ ...good, session: '' }, 'session'],
    [{ ...good, session: 42 }, 'session'],
    [{ ...good, locale: 7 }, 'locale'],
    [{ ...good, theme: 'dark' }, 'theme'],
    [{ ...good, theme: { accent: 'red;}' } }, 'theme.accent'],
    [{ ...good, theme: { colour: 'red' } }, 'theme.colour'],
    [{ ...good, onEvent: 'log' }, 'onEvent'],
    [null, 'options'],
  ])('names the bad option: %j → %s', (input, option) => {
    expect(parseOptions(input)).toEqual({ ok: false, option });
  });

  it('keeps an unsupported locale string (the widget falls back to English, it is not an error)', () => {
    expect(parseOptions({ ...good, locale: 'de-DE' }).ok).toBe(true);
  });
});
