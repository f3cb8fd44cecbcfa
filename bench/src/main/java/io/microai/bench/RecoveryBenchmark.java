package io.microai.bench;

import io.microai.shared.eip712.Address;
import io.microai.shared.eip712.PaymentContext;
import io.microai.shared.eip712.PaymentTypedData;
import io.microai.shared.eip712.Secp256k1;
import io.microai.shared.eip712.Signature;
import java.math.BigInteger;
import java.util.Arrays;
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
 * Signer recovery for one pre-signed payment, single-threaded. Target: ≥ 4,000 recoveries/s.
 * {@link #recoverSigner} is the curve work alone; {@link #verifyRequest} is everything the verifier's
 * handler does per request between JSON parsing and the response.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// 10 s of warm-up: BouncyCastle's field arithmetic and the text writer take 5-8 s of JIT work to
// settle on a 2-core machine (with 2 s they measured 2-4x slow). Whole suite: about 2.5 minutes.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class RecoveryBenchmark {
    /** A well-known throwaway test key (Hardhat/Anvil account #0); never holds value. */
    static final BigInteger PRIVATE_KEY =
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
    static final String SIGNER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private PaymentContext context;
    private String signatureHex;
    private byte[] digest;
    private Signature signature;
    private byte[] signer;

    @Setup
    public void setUp() {
        context = new PaymentContext("0x2cF2C4A5b0b3b05A0b5c1D3E5f7a9B1c3D5e7F90", "USDC", "0.001",
                "6f1c1b0e-4c47-4a8e-9a51-2f0d6a1b7c3e", BigInteger.valueOf(8453));
        digest = PaymentTypedData.digest(context);
        signatureHex = Secp256k1.sign(digest, PRIVATE_KEY).toHex();
        signature = Signature.parse(signatureHex);
        signer = Address.parse(SIGNER);
        // Fail fast rather than time a path that throws.
        if (!Arrays.equals(Secp256k1.recoverAddress(digest, signature), signer) || !SIGNER.equals(verify())) {
            throw new IllegalStateException("recovered signer does not match " + SIGNER);
        }
    }

    /** Recovery alone: digest and signature already decoded. */
    @Benchmark
    public byte[] recoverSigner() {
        return Secp256k1.recoverAddress(digest, signature);
    }

    /** Typed-data digest + signature parsing + recovery + EIP-55 checksum, as VerifyHandler does. */
    @Benchmark
    public String verifyRequest() {
        return verify();
    }

    private String verify() {
        byte[] d = PaymentTypedData.digest(context);
        Signature sig = Signature.parse(signatureHex);
        return Address.toChecksum(Secp256k1.recoverAddress(d, sig));
    }
}
