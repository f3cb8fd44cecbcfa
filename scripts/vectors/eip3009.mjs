// Generates EIP-3009 TransferWithAuthorization vectors with viem, the library the official x402
// client signs with, so the JVM tests can prove byte-for-byte agreement on the x402 "exact" EVM
// message without ever running node at test time. Everything derives from a fixed seed: re-running
// writes the same file, so a diff means viem (or this script) changed behaviour.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import {
  hashDomain, hashStruct, hashTypedData, keccak256, toHex, getAddress, parseSignature,
  recoverTypedDataAddress, getTypesForEIP712Domain,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

const OUT = resolve(dirname(fileURLToPath(import.meta.url)),
  "../../shared/src/test/resources/eip712/viem-eip3009-vectors.json");

const PRIMARY = "TransferWithAuthorization";
const TYPES = {
  [PRIMARY]: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "nonce", type: "bytes32" },
  ],
};
// EIP-712 encodeType for a struct without dependencies; viem does not export its own encoder, and
// every hash below comes from viem, which would disagree with the JVM if this string were wrong.
const TYPE_STRING = `${PRIMARY}(${TYPES[PRIMARY].map((f) => `${f.type} ${f.name}`).join(",")})`;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const MAX_UINT256 = (1n << 256n) - 1n;

let state = keccak256(toHex("microai-paygate/eip3009-vectors/v1"));
function nextBytes32() { state = keccak256(state); return state; }
function nextBig() { return BigInt(nextBytes32()); }
function nextInt(bound) { return Number(nextBig() % BigInt(bound)); }
function pick(list) { return list[nextInt(list.length)]; }
function nextKey() {
  for (;;) {
    const k = nextBig();
    if (k > 0n && k < N) return toHex(k, { size: 32 });
  }
}
function nextAddress() { return privateKeyToAccount(nextKey()).address; }

const long = (unit, min) => unit.repeat(Math.ceil(min / unit.length));
// Token names and versions go through keccak256(utf8) unnormalised; each entry probes one encoding edge.
const NAMES = [
  "USDC", "USD Coin", "", "支付代币", "🪙 coin 👩‍💻", "e\u0301toile", "\u00e9toile", "USD\u20AE0",
  "quote\"back\\slash\nnewline\ttab", "nul\u0000byte", long("TOKEN-ÄÖÜ-", 2100), "Ωμέγα Dollar",
];
const VERSIONS = ["1", "2", "", "10", "v2.0-β", "２", long("9", 300)];
const CHAIN_IDS = [1n, 8453n, 84532n, 31337n, 11155111n, 137n, 324705682n, (1n << 63n) + 5n, MAX_UINT256];
const SPECIAL_UINTS = [0n, 1n, 1000n, MAX_UINT256, MAX_UINT256 - 1n, 1n << 255n, (1n << 64n) - 1n];

// viem accepts a lowercase or a correctly checksummed address; the JVM side must accept both too.
function spelled(address, form) {
  return form === 0 ? getAddress(address) : address.toLowerCase();
}

async function vector(name, key, domain, message) {
  const account = privateKeyToAccount(key);
  const fullMessage = { from: account.address, ...message };
  const typed = { domain, types: TYPES, primaryType: PRIMARY, message: fullMessage };
  const signature = await account.signTypedData(typed);
  const parsed = parseSignature(signature);
  // Guard the fixture: only canonical low-s, v=27/28 signatures make the comparison meaningful.
  if (BigInt(parsed.s) > N / 2n || (parsed.v !== 27n && parsed.v !== 28n)) {
    throw new Error(`non-canonical signature from viem in ${name}`);
  }
  const recovered = await recoverTypedDataAddress({ ...typed, signature });
  if (recovered !== account.address) throw new Error(`viem does not recover its own signer in ${name}`);
  const str = (v) => (typeof v === "bigint" ? v.toString(10) : v);
  return {
    name,
    key,
    address: account.address,
    domain: { ...domain, chainId: str(domain.chainId) },
    message: Object.fromEntries(Object.entries(fullMessage).map(([k, v]) => [k, str(v)])),
    typeHash: keccak256(toHex(TYPE_STRING)),
    domainSeparator: hashDomain({ domain, types: { EIP712Domain: getTypesForEIP712Domain({ domain }) } }),
    structHash: hashStruct({ data: fullMessage, primaryType: PRIMARY, types: TYPES }),
    digest: hashTypedData(typed),
    signature,
  };
}

const vectors = [];

// The x402 reference case: USDC on Base Sepolia, a well-known development key.
vectors.push(await vector("x402-reference-usdc-base-sepolia",
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  { name: "USDC", version: "2", chainId: 84532n, verifyingContract: "0x036CbD53842c5426634e7929541eC2318f3dCF7e" },
  { to: "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", value: 1000n, validAfter: 0n, validBefore: 1800000000n,
    nonce: "0x" + "11".repeat(32) }));

vectors.push(await vector("usdc-base-mainnet", nextKey(),
  { name: "USD Coin", version: "2", chainId: 8453n, verifyingContract: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913" },
  { to: nextAddress(), value: 1000000n, validAfter: 1700000000n, validBefore: 1700000600n, nonce: nextBytes32() }));

// Scalar edges of the signer, and the extremes of every uint256 field and the nonce.
vectors.push(await vector("key-one", toHex(1n, { size: 32 }),
  { name: "USDC", version: "2", chainId: 31337n, verifyingContract: nextAddress() },
  { to: nextAddress(), value: 1n, validAfter: 0n, validBefore: 1n, nonce: "0x" + "00".repeat(32) }));
vectors.push(await vector("key-n-minus-one", toHex(N - 1n, { size: 32 }),
  { name: "USDC", version: "2", chainId: 1n, verifyingContract: nextAddress() },
  { to: nextAddress(), value: 2n, validAfter: 0n, validBefore: 2n, nonce: "0x" + "ff".repeat(32) }));
vectors.push(await vector("all-uint256-max", nextKey(),
  { name: "USDC", version: "2", chainId: MAX_UINT256, verifyingContract: nextAddress() },
  { to: nextAddress(), value: MAX_UINT256, validAfter: MAX_UINT256, validBefore: MAX_UINT256, nonce: "0x" + "ff".repeat(32) }));
vectors.push(await vector("all-zero", nextKey(),
  { name: "", version: "", chainId: 1n, verifyingContract: "0x0000000000000000000000000000000000000000" },
  { to: "0x0000000000000000000000000000000000000000", value: 0n, validAfter: 0n, validBefore: 0n,
    nonce: "0x" + "00".repeat(32) }));
vectors.push(await vector("uppercase-hex-nonce", nextKey(),
  { name: "USDC", version: "2", chainId: 84532n, verifyingContract: "0x036CbD53842c5426634e7929541eC2318f3dCF7e" },
  { to: nextAddress(), value: 1000n, validAfter: 0n, validBefore: 1800000000n, nonce: "0x" + "AB".repeat(32) }));

for (let i = 0; i < 34; i++) {
  const uint = () => (nextInt(3) === 0 ? pick(SPECIAL_UINTS) : nextBig() >> BigInt(nextInt(256)));
  const domain = {
    name: NAMES[(i + nextInt(NAMES.length)) % NAMES.length],
    version: VERSIONS[(i + nextInt(VERSIONS.length)) % VERSIONS.length],
    chainId: CHAIN_IDS[i % CHAIN_IDS.length],
    verifyingContract: spelled(nextAddress(), i % 2),
  };
  const message = {
    to: spelled(nextAddress(), (i >> 1) % 2),
    value: uint(),
    validAfter: uint(),
    validBefore: uint(),
    nonce: nextBytes32(),
  };
  vectors.push(await vector(`random-${String(i).padStart(2, "0")}`, nextKey(), domain, message));
}

// viem exports no version constant; its package.json is the source of truth.
const { version } = createRequire(import.meta.url)("viem/package.json");
const doc = {
  generator: `scripts/vectors/eip3009.mjs with viem ${version}`,
  primaryType: PRIMARY,
  typeString: TYPE_STRING,
  types: TYPES,
  vectors,
};
writeFileSync(OUT, JSON.stringify(doc, null, 2) + "\n");
console.log(`wrote ${vectors.length} vectors to ${OUT}`);
