/**
 * English messages needed before a method is chosen (picker, loading and error texts): the default and
 * fallback locale. The accessible names here are a contract (design §2 "Accessible names") that tests
 * outside the project rely on; change them only with the design. The rest of English is en-more.ts.
 */
export const en = {
  payment_method: 'Payment method',
  no_methods: 'No payment methods are available for this order.',
  loading: 'Loading payment methods…',
  try_again: 'Try again',
  error_network: 'We could not reach the payment server. Check your connection and try again.',
  error_provider: 'The payment provider is not responding. Please try again.',
  error_internal: 'Something went wrong. Please try again.',
  error_configuration: 'This checkout is not set up correctly. Please contact the shop.',
  error_token_expired: 'This checkout session has expired. Please go back to the shop and start again.',
};

/** A key of the initial English messages. */
export type CoreKey = keyof typeof en;
