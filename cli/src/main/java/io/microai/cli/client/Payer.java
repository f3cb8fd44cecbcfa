package io.microai.cli.client;

import java.net.http.HttpResponse;
import java.util.Map;

/** One payment format, seen from the payer: how a 402 is answered. */
interface Payer {
    /**
     * The headers of the paid retry that answers {@code challenge}, in sending order.
     *
     * @param withPayer whether to name the payer where the format lets the client choose (legacy only; x402's
     *                  authorization always names it)
     * @param tamper    what to do to the signature and nonce, for load runs that send bad payments on purpose
     */
    Map<String, String> paymentHeaders(HttpResponse<String> challenge, Wallet wallet, boolean withPayer, Tamper tamper)
            throws UnpayableChallenge;
}
