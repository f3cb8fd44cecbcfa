package io.microai.gateway.receipt;

import io.microai.shared.receipt.SignedReceipt;
import java.util.Objects;

/** A receipt that has been signed and stored, with its {@value SignedReceipt#HEADER} header value ready to send. */
public record IssuedReceipt(SignedReceipt receipt, String headerValue) {
    public IssuedReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(headerValue, "headerValue");
    }
}
