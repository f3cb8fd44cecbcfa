/**
 * The signed receipt as a client and the gateway both see it: the model ({@link io.microai.shared.receipt.Receipt},
 * {@link io.microai.shared.receipt.SignedReceipt}), the one canonical JSON form that is signed, the digest the
 * signature covers, the body hashes it binds, and verification against a trusted server address. Issuing,
 * signing and storing receipts stay in the gateway; only what a verifying party needs lives here.
 */
package io.microai.shared.receipt;
