/**
 * The seed's own answer examples (odeonpay-api.txt), kept as JSON text so amounts such as `2873.00`
 * reach the parser exactly as Odeon writes them.
 */

/** Seed "Test". */
export const TEST_OK = '{"success": true, "message": "Test message success"}';

/** Seed "API": the generic error answer, with capitalised keys as the seed writes it. */
export const INVALID_AMOUNT = '{ "Success": false, "Message": "Invalid Amount value" }';

/** Seed "Payment", "Response: transaction success" (also the post3ds answer). */
export const CHARGE_COMPLETED = `{
  "success": true, "message": null,
  "model": { "transactionId": 524, "amount": 40.11, "currency": "EUR", "invoiceId": "9276334",
    "accountId": "john@doe.com", "description": "Payment for products", "name": "John Doe",
    "token": "8163-KS17-JV29-KF28", "statusCode": 4, "status": "Completed", "reasonCode": 0, "reason": "Approved" }
}`;

/** Seed "Payment", "Response: transaction failure". */
export const CHARGE_DECLINED = `{
  "success": false, "message": "Insufficient funds to process the transaction",
  "model": { "transactionId": 524, "amount": 2873.00, "currency": "EUR", "invoiceId": "9276334",
    "accountId": "john@doe.com", "description": "Payment", "name": "John Doe", "token": null,
    "statusCode": 99, "status": "Declined", "reasonCode": 5051, "reason": "Insufficient Funds" }
}`;

/** Seed "Payment", Redirect 3-DS. */
export const CHARGE_3DS_REDIRECT = `{
  "success": false, "message": "Requires 3DS authentication",
  "threeDsRedirectModel": { "url": "https://api.odeonpay.com/redirect/?link_reference=437b2e80220a11bc8b532f4e2aa8c471",
    "transactionId": 525, "statusCode": 1, "status": "AwaitingAuthentication" }
}`;

/** Seed "Payment", Advanced 3-DS (paReq shortened). */
export const CHARGE_3DS_ADVANCED = `{
  "success": false, "message": "Requires 3DS authentication",
  "threeDsModel": { "transactionId": 529, "method": "post", "paReq": "eNpdU8tymzAU3ecrvMumYz1AgD2yZnDsTpMZx06TRdudLK5skhiIgNjust",
    "acsUrl": "http://ascbank.redisecure.com/ascpage/cap?id=8276844", "statusCode": 1, "status": "AwaitingAuthentication" }
}`;

/** Seed "Status". */
export const STATUS_COMPLETED = `{
  "model": { "transactionId": 144221, "amount": 12.30, "currency": "EUR", "invoiceId": "11928485",
    "accountId": "john@doe.com", "name": "John Doe", "statusCode": 4, "status": "Completed", "reasonCode": 0,
    "reason": "Approved", "operationTypeCode": 1, "operationType": "Payment" },
  "success": true, "message": null
}`;

/** Seed "Status Invoice": one Completed and one Declined (duplicate invoice) payment. */
export const STATUS_INVOICE = `{
  "success": true, "message": null,
  "transactions": [
    { "transactionId": 501166, "amount": 2.54, "currency": "EUR", "invoiceId": "1781", "accountId": "john@deer.com",
      "name": "John Deer", "statusCode": 4, "status": "Completed", "reasonCode": 0, "reason": "Approved",
      "operationTypeCode": 1, "operationType": "Payment" },
    { "transactionId": 501167, "amount": 2.54, "currency": "EUR", "invoiceId": "1781", "accountId": "john@deer.com",
      "name": "John Deer", "statusCode": 99, "status": "Declined", "reasonCode": 6002, "reason": "Duplicate invoice ID",
      "operationTypeCode": 1, "operationType": "Payment" }
  ]
}`;

/** Seed "Checkout". */
export const CHECKOUT_LINK = `{
  "success": true, "message": null, "model": {},
  "link": { "method": "get", "action": "https://api.odeonpay.com/aaa-bbb-ccc-123" }
}`;

/** Seed "Link". */
export const PAYMENT_LINK = `{
  "success": true, "message": null,
  "model": { "transactionId": 356244, "amount": 10.66, "currency": "USD", "invoiceId": "990022",
    "accountId": "john@doe.com", "description": "Payment for products", "statusCode": 10, "status": "Created",
    "reasonCode": 0, "reason": "Approved" },
  "link": { "method": "get", "action": "https://checkout.odeonpay.com/?f8927-3928f-2398-3939" }
}`;
