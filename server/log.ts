/**
 * A JSON-lines logger. Callers never pass secrets, dates of birth or ID numbers (design §3 Rules);
 * as a second line of defence, known sensitive keys are redacted.
 */
import type { Logger } from './types.ts';

// Card data too (design §3 Rules: card numbers and CVCs are never logged): any key naming one.
const SENSITIVE =
  /secret|password|checksum|dateofbirth|birthdate|identification|pin|token|authorization|cardnumber|card_number|^pan$|cvv|cvc|cvn|securitycode/i;

function redact(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return data;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, SENSITIVE.test(key) ? '[redacted]' : value]),
  );
}

/** Creates a logger writing JSON lines; `silent` for tests. */
export function createLogger(options: { silent?: boolean; write?: (line: string) => void } = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: string) => (message: string, data?: Record<string, unknown>) => {
    if (options.silent) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...redact(data) }));
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}
