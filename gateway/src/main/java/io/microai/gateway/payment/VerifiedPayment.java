package io.microai.gateway.payment;

import io.microai.gateway.payment.x402.PaymentProtocol;
import io.microai.shared.receipt.Receipt;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A payment the payment step accepted, in the terms its receipt records, whichever protocol carried it.
 *
 * @param payer      the EIP-55 address the signature recovered to
 * @param amount     exactly as signed: a decimal token amount for {@code legacy}, atomic units for x402
 * @param asset      the token contract for x402, the token symbol for {@code legacy}
 * @param network    as the protocol names the chain: {@code eip155:<chainId>}, or x402 version 1's word
 * @param nonce      what the signature made single-use: the gateway-issued nonce, or the EIP-3009 nonce
 * @param settlement whether funds moved: {@code none} (verified only), or {@code settled} once a facilitator settled it
 * @param transaction the settled transfer's hash; null unless settled
 */
public record VerifiedPayment(PaymentProtocol protocol, String payer, String recipient, String amount, String asset,
                              String network, BigInteger chainId, String nonce, String settlement, String transaction) {

    /** A payment not (yet) settled. */
    public VerifiedPayment(PaymentProtocol protocol, String payer, String recipient, String amount, String asset,
                           String network, BigInteger chainId, String nonce, String settlement) {
        this(protocol, payer, recipient, amount, asset, network, chainId, nonce, settlement, null);
    }

    /** This payment, settled by the transfer {@code transactionHash}. */
    public VerifiedPayment settled(String transactionHash) {
        return new VerifiedPayment(protocol, payer, recipient, amount, asset, network, chainId, nonce,
                Receipt.SETTLEMENT_SETTLED, Objects.requireNonNull(transactionHash, "transactionHash"));
    }

    public VerifiedPayment {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(settlement, "settlement");
    }
}
