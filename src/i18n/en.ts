/**
 * English messages needed before a method is chosen (picker, loading and error texts): the default and
 * fallback locale. The accessible names here are a contract (design §2 "Accessible names") that tests
 * outside the project rely on; change them only with the design. The rest of English is en-more.ts.
 */
export const en = {
  payment_method: 'Payment method',
  payout_method: 'Payout method',
  no_methods: 'No payment methods are available for this order.',
  loading: 'Loading payment methods…',
  loading_method: 'Loading…',
  try_again: 'Try again',
  // One line under each method, by the method's kind (design §2 Methods); payouts say where money goes.
  hint_card: 'Credit or debit card',
  hint_cash: 'Pay in cash at a store',
  hint_bank: 'Pay from your bank account',
  hint_wallet: 'Pay with your wallet app',
  hint_prepaid: 'Pay with a prepaid PIN',
  hint_qr: 'Scan a QR code to pay',
  payout_hint_card: 'Paid out to your card',
  payout_hint_cash: 'Collect the cash at a store',
  payout_hint_bank: 'Paid out to your bank account',
  payout_hint_wallet: 'Paid out to your wallet',
  payout_hint_prepaid: 'Paid out to your prepaid account',
  payout_hint_qr: 'Receive the money with a QR code',
  // Many methods (design §2): the picker's "Show all" button, then the search of the full list.
  show_all: 'Show all {count} methods',
  search_payment: 'Search payment methods',
  search_payout: 'Search payout methods',
  found_none: 'No methods found',
  found_one: '{count} method found',
  found_other: '{count} methods found',
  error_network: 'We could not reach the payment server. Check your connection and try again.',
  error_provider: 'The payment provider is not responding. Please try again.',
  error_internal: 'Something went wrong. Please try again.',
  error_configuration: 'This checkout is not set up correctly. Please contact the shop.',
  error_token_invalid: 'This checkout link is not valid. Please start the checkout again from the shop.',
  error_token_expired: 'This checkout session has expired. Please start the checkout again from the shop.',
};

/** A key of the initial English messages. */
export type CoreKey = keyof typeof en;
