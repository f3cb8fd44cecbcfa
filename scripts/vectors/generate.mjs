// Generates EIP-712 "Payment" vectors with ethers.js, an implementation independent of ours,
// so the JVM tests can prove byte-for-byte agreement without ever needing node at test time.
// Everything is derived from a fixed seed: re-running produces the same file, so a diff means
// ethers (or this script) changed behaviour, not that randomness moved.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { TypedDataEncoder, Wallet, keccak256, toUtf8Bytes, getAddress, Signature } from "ethers";

const OUT = resolve(dirname(fileURLToPath(import.meta.url)),
  "../../shared/src/test/resources/eip712/ethers-vectors.json");

const TYPES = {
  Payment: [
    { name: "recipient", type: "address" },
    { name: "token", type: "string" },
    { name: "amount", type: "string" },
    { name: "nonce", type: "string" },
  ],
};
const ZERO = "0x0000000000000000000000000000000000000000";
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// keccak-chained stream: deterministic, and good enough to spread keys over the curve.
let state = keccak256(toUtf8Bytes("microai-paygate/eip712-vectors/v1"));
function nextBytes32() { state = keccak256(state); return state; }
function nextInt(bound) { return Number(BigInt(nextBytes32()) % BigInt(bound)); }
function nextKey() {
  for (;;) {
    const k = BigInt(nextBytes32());
    if (k > 0n && k < N) return "0x" + k.toString(16).padStart(64, "0");
  }
}

const CHAIN_IDS = [1n, 8453n, 84532n, 11155111n, 137n, (1n << 63n) + 5n, 10n, 42161n, (1n << 256n) - 1n];

const long = (unit, min) => unit.repeat(Math.ceil(min / unit.length));
// Each pool entry is chosen for a reason: encoding edge cases the JVM side must hash identically.
const TOKENS = [
  "USDC", "ETH", "", "usdc-on-base", "支付代币", "🪙 coin 👩‍💻", "e\u0301toile", "\u00e9toile",
  "quote\"back\\slash\nnewline\ttab", "nul\u0000byte", long("TOKEN-ÄÖÜ-", 2100), "Ωμέγα",
];
const AMOUNTS = [
  "100", "0", "0.000001", "1000000000000000000000000", "-1", "1e18", "１００", "٣٤٥",
  long("9", 2500), "100 💸", "cent\u0327imes", " 42 ",
];
const NONCES = [
  "unique-nonce-123", "", "00000000-0000-4000-8000-000000000000", "日本語のノンス", "🔁🔁🔁",
  "a\u0300\u0301\u0302\u0303", long("n0nce-漢字-🙂-", 2048), "0x" + "ab".repeat(32),
  "\u202Ertl-override", "tab\tnonce", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "line1\r\nline2",
];

function recipientForm(address, form) {
  const hex = address.slice(2);
  switch (form) {
    case 0: return getAddress(address);                 // EIP-55 checksummed
    case 1: return "0x" + hex.toLowerCase();            // all lower
    default: return "0x" + hex.toUpperCase();           // all upper (valid: no checksum implied)
  }
}

async function vector(name, privateKey, ctx) {
  const wallet = new Wallet(privateKey);
  const domain = { name: "MicroAI Paygate", version: "1", chainId: ctx.chainId, verifyingContract: ZERO };
  const value = { recipient: ctx.recipient, token: ctx.token, amount: ctx.amount, nonce: ctx.nonce };
  const signature = await wallet.signTypedData(domain, TYPES, value);
  // Guard the fixture itself: ethers must emit canonical low-s 27/28 signatures, or comparing to it proves nothing.
  const sig = Signature.from(signature);
  if (BigInt(sig.s) > N / 2n || (sig.v !== 27 && sig.v !== 28)) throw new Error("non-canonical signature from ethers");
  return {
    name,
    privateKey,
    signerAddress: wallet.address,
    context: { ...value, chainId: ctx.chainId.toString(10) },
    domainSeparator: TypedDataEncoder.hashDomain(domain),
    structHash: TypedDataEncoder.from(TYPES).hash(value),
    digest: TypedDataEncoder.hash(domain, TYPES, value),
    signature,
  };
}

const vectors = [];

// Upstream's golden key and message (its Rust verifier test), on the Payment type we implement.
vectors.push(await vector("upstream-golden", "0x380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc", {
  recipient: "0x1234567890123456789012345678901234567890", token: "USDC", amount: "100",
  nonce: "unique-nonce-123", chainId: 1n,
}));

// Extreme but valid private keys: exercise scalar edges in our signer.
vectors.push(await vector("key-one", "0x" + "1".padStart(64, "0"), {
  recipient: ZERO, token: "USDC", amount: "1", nonce: "edge-key-1", chainId: 8453n,
}));
vectors.push(await vector("key-n-minus-one", "0x" + (N - 1n).toString(16), {
  recipient: recipientForm(new Wallet(nextKey()).address, 0), token: "USDC", amount: "1", nonce: "edge-key-n-1", chainId: 1n,
}));

for (let i = 0; i < 72; i++) {
  const key = nextKey();
  const recipient = recipientForm(new Wallet(nextKey()).address, i % 3);
  const ctx = {
    recipient,
    token: TOKENS[(i + nextInt(TOKENS.length)) % TOKENS.length],
    amount: AMOUNTS[(i + nextInt(AMOUNTS.length)) % AMOUNTS.length],
    nonce: NONCES[(i + nextInt(NONCES.length)) % NONCES.length],
    chainId: CHAIN_IDS[i % CHAIN_IDS.length],
  };
  vectors.push(await vector(`random-${String(i).padStart(2, "0")}`, key, ctx));
}

const doc = {
  generator: `scripts/vectors/generate.mjs with ethers ${(await import("ethers")).version}`,
  types: TYPES,
  vectors,
};
writeFileSync(OUT, JSON.stringify(doc, null, 2) + "\n");
console.log(`wrote ${vectors.length} vectors to ${OUT}`);
