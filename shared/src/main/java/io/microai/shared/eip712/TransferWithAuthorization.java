package io.microai.shared.eip712;

/**
 * The EIP-3009 message the x402 "exact" scheme signs on EVM chains, in its wire form: addresses as
 * hex, uint256 values as decimal strings, the nonce as 0x + 32 bytes. Left unvalidated so a request
 * can be mapped onto it directly; {@link Eip3009TypedData} reports the first bad field precisely.
 */
public record TransferWithAuthorization(String from, String to, String value, String validAfter,
                                        String validBefore, String nonce) {
}
