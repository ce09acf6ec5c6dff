/** How a failed provider call reaches the widget: one error it can show and retry from. */
import { HttpError } from '../http-error.ts';

/** Maps a provider failure (timeout, HTTP error, malformed answer, rejection) to the widget-facing error. */
export function providerHttpError(error: unknown): HttpError {
  const kind = (error as { kind?: string }).kind;
  if (kind === 'timeout') {
    return new HttpError(
      504,
      'PROVIDER_TIMEOUT',
      'The payment provider did not answer in time. Please try again.',
    );
  }
  return new HttpError(
    502,
    'PROVIDER_ERROR',
    'The payment provider could not process the request. Please try again.',
  );
}
