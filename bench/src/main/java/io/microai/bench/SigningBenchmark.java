package io.microai.bench;

import io.microai.shared.api.GatewayApi;
import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import io.microai.shared.receipt.Receipt;
import io.microai.shared.receipt.ReceiptDigest;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Receipt signing, single-threaded, as the gateway does it once per paid request.
 * {@link #signDigest} is the ECDSA work alone; {@link #signReceipt} adds the canonical JSON, the
 * EIP-191 digest and the hex encoding, which is all of the gateway's receipt signer's work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class SigningBenchmark {
    /** A well-known throwaway test key (Hardhat/Anvil account #0); never holds value. */
    static final BigInteger PRIVATE_KEY = RecoveryBenchmark.PRIVATE_KEY;

    private Receipt receipt;
    private byte[] digest;

    @Setup
    public void setUp() {
        String empty = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        receipt = new Receipt("rcpt_0123456789ac", Receipt.VERSION, "2025-01-02T03:04:05.1234Z",
                new Receipt.Payment(RecoveryBenchmark.SIGNER, "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", "1000",
                        "0x036CbD53842c5426634e7929541eC2318f3dCF7e", BigInteger.valueOf(84532), "0x" + "11".repeat(32),
                        "x402", "0x036CbD53842c5426634e7929541eC2318f3dCF7e", "eip155:84532", Receipt.SETTLEMENT_NONE, null),
                new Receipt.Service(GatewayApi.SUMMARIZE_PATH, empty, empty));
        digest = ReceiptDigest.of(receipt);
        // Fail fast rather than time a signer whose signatures do not recover to its own key.
        Signature signature = Secp256k1.sign(digest, PRIVATE_KEY);
        if (!RecoveryBenchmark.SIGNER.equals(Address.toChecksum(Secp256k1.recoverAddress(digest, signature)))) {
            throw new IllegalStateException("signature does not recover to " + RecoveryBenchmark.SIGNER);
        }
    }

    /** ECDSA alone: RFC 6979 nonce, k·G, s, low-s and the recovery id. */
    @Benchmark
    public Signature signDigest() {
        return Secp256k1.sign(digest, PRIVATE_KEY);
    }

    /** Canonical JSON + EIP-191 digest + signature + hex, as the gateway's receipt signer does. */
    @Benchmark
    public String signReceipt() {
        return Secp256k1.sign(ReceiptDigest.of(receipt), PRIVATE_KEY).toHex();
    }
}
