package io.microai.shared.receipt;

import io.microai.shared.api.GatewayApi;
import java.math.BigInteger;

/** Receipt fixtures, shared with the gateway's tests of issuing, signing and storing receipts. */
public final class Receipts {

    public static final String EMPTY_SHA256 =
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** A well-known test key; ethers.js's signature of {@link #sample()} with it is pinned below. */
    public static final String TEST_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    public static final String TEST_ADDRESS = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
    /**
     * ethers 6.17 {@code new Wallet(TEST_KEY).signMessageSync(getBytes(keccak256(toUtf8Bytes(JSON.stringify(r)))))}
     * for the sample receipt: pins the EIP-191 digest and the byte-exact compatibility with JavaScript clients.
     */
    public static final String ETHERS_SIGNATURE = "0x3af15eeb6ffca81de1b288607492e1907ddc0c61700715ae746891f75578"
            + "9fb5111676f40d3b7c5c51b715b01638ac54da865ea27cd729dd8eee8ad2a0d7e3cb1c";
    public static final String ETHERS_PUBLIC_KEY = "0x044e3b81af9c2234cad09d679ce6035ed1392347ce64ce405f5dcd3622"
            + "8a25de6e47fd35c4215d1edf53e6f83de344615ce719bdb0fd878f6ed76f06dd277956de";

    /** USDC on Base Sepolia. */
    public static final String X402_ASSET = "0x036CbD53842c5426634e7929541eC2318f3dCF7e";

    private Receipts() {
    }

    /**
     * A version 1.0 receipt (without the payment's protocol, asset, network and settlement) whose JSON also
     * exercises {@code <>&}, non-ASCII and U+2028.
     */
    public static Receipt sample() {
        return sample("rcpt_0123456789ab");
    }

    public static Receipt sample(String id) {
        return new Receipt(id, "1.0", "2025-01-02T03:04:05.1234Z",
                new Receipt.Payment("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
                        "0x2e988A386a799F506693793c6A5AF6B54dfAaBfB", "0.001", "USDC", BigInteger.valueOf(8453),
                        "n<>&\u00e9\u2028", null, null, null, null),
                new Receipt.Service(GatewayApi.SUMMARIZE_PATH, EMPTY_SHA256, EMPTY_SHA256));
    }

    /** A receipt of the current version for an x402 version 2 payment of 0.001 USDC on Base Sepolia. */
    public static Receipt x402Sample() {
        return new Receipt("rcpt_0123456789ac", Receipt.VERSION, "2025-01-02T03:04:05.1234Z",
                new Receipt.Payment("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                        "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "1000", X402_ASSET, BigInteger.valueOf(84532),
                        "0x" + "11".repeat(32), "x402", X402_ASSET, "eip155:84532", Receipt.SETTLEMENT_NONE),
                new Receipt.Service(GatewayApi.SUMMARIZE_PATH, EMPTY_SHA256, EMPTY_SHA256));
    }

    public static Receipt withPayer(Receipt r, String payer) {
        Receipt.Payment p = r.payment();
        return new Receipt(r.id(), r.version(), r.timestamp(), new Receipt.Payment(payer, p.recipient(), p.amount(),
                p.token(), p.chainId(), p.nonce(), p.protocol(), p.asset(), p.network(), p.settlement(), p.transaction()), r.service());
    }

    public static Receipt withAmount(Receipt r, String amount) {
        Receipt.Payment p = r.payment();
        return new Receipt(r.id(), r.version(), r.timestamp(), new Receipt.Payment(p.payer(), p.recipient(), amount,
                p.token(), p.chainId(), p.nonce(), p.protocol(), p.asset(), p.network(), p.settlement(), p.transaction()), r.service());
    }

    public static Receipt withNetwork(Receipt r, String network) {
        Receipt.Payment p = r.payment();
        return new Receipt(r.id(), r.version(), r.timestamp(), new Receipt.Payment(p.payer(), p.recipient(), p.amount(),
                p.token(), p.chainId(), p.nonce(), p.protocol(), p.asset(), network, p.settlement(), p.transaction()), r.service());
    }

    public static Receipt withResponseHash(Receipt r, String hash) {
        Receipt.Service s = r.service();
        return new Receipt(r.id(), r.version(), r.timestamp(), r.payment(),
                new Receipt.Service(s.endpoint(), s.requestHash(), hash));
    }

    public static SignedReceipt withReceipt(SignedReceipt s, Receipt r) {
        return new SignedReceipt(r, s.signature(), s.serverPublicKey(), s.serverAddress());
    }
}
