// The local payment network end to end, with the official x402 pieces on both sides: a real anvil,
// the token deployed by deploy.mjs, facilitator.mjs, the official HTTPFacilitatorClient calling it and
// the official exact-scheme clients signing. Proves that the token satisfies what the official
// facilitator simulates and sends, and that refusals (replay, no funds, bad input) move nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { HTTPFacilitatorClient } from "@x402/core/http";
import { x402Client } from "@x402/core/client";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { ExactEvmSchemeV1 } from "@x402/evm/exact/v1/client";
import { privateKeyToAccount } from "viem/accounts";
import { anvilBinary, publicClient, readDeployment } from "../network.mjs";
import { startFacilitator } from "../facilitator.mjs";
import { checkSettlements } from "../check-settlement.mjs";

const chainDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const PRICE = "1000";
let anvil;
let dir;
let deployment;
let facilitator;
let url;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForNode(rpc) {
  const client = publicClient(84532, rpc);
  for (let i = 0; i < 100; i++) {
    try {
      return await client.getChainId();
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`anvil did not answer at ${rpc}`);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "microai-chain-test-"));
  const port = await freePort();
  anvil = spawn(anvilBinary(), ["--port", String(port), "--host", "127.0.0.1", "--chain-id", "84532", "--silent"], { stdio: "ignore" });
  const rpc = `http://127.0.0.1:${port}`;
  await waitForNode(rpc);
  execFileSync(process.execPath, [join(chainDir, "deploy.mjs"), "--rpc", rpc, "--out", join(dir, "deployment.json"), "--wallets", "2"],
    { stdio: ["ignore", "ignore", "inherit"] });
  deployment = readDeployment(join(dir, "deployment.json"));
  const fport = await freePort();
  facilitator = await startFacilitator({ deployment, host: "127.0.0.1", port: fport, authSetting: undefined });
  url = `http://127.0.0.1:${fport}`;
});

after(() => {
  facilitator?.server.close();
  anvil?.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function requirementsV2() {
  return {
    scheme: "exact", network: deployment.network, amount: PRICE, asset: deployment.token.address, payTo: deployment.pay_to,
    maxTimeoutSeconds: 60, extra: { name: deployment.token.name, version: deployment.token.version },
  };
}

function requirementsV1() {
  return {
    scheme: "exact", network: deployment.network_v1, maxAmountRequired: PRICE, resource: "http://127.0.0.1/api/ai/summarize",
    description: "summary", mimeType: "application/json", payTo: deployment.pay_to, maxTimeoutSeconds: 60,
    asset: deployment.token.address, extra: { name: deployment.token.name, version: deployment.token.version },
  };
}

async function signV2(key, requirements = requirementsV2()) {
  const client = new x402Client().register(deployment.network, new ExactEvmScheme(privateKeyToAccount(key)));
  client.setSpendControls({ allowedAssets: [{ network: deployment.network, asset: deployment.token.address }] });
  return client.createPaymentPayload({ x402Version: 2, resource: { url: "http://127.0.0.1/api/ai/summarize", description: "summary",
    mimeType: "application/json" }, accepts: [requirements] });
}

async function balances() {
  return (await checkSettlements(deployment, [], [])).balances;
}

test("GET /supported lists v2 eip155:84532 and v1 base-sepolia with the settling account, as the official client parses it", async () => {
  const supported = await new HTTPFacilitatorClient({ url }).getSupported();
  assert.deepEqual(supported.kinds.map((k) => [k.x402Version, k.scheme, k.network]),
    [[2, "exact", "eip155:84532"], [1, "exact", "base-sepolia"]]);
  assert.deepEqual(supported.signers["eip155:*"], [deployment.facilitator.address]);
});

test("the deployment funds each wallet, leaves payTo empty and gives the facilitator gas", async () => {
  const report = await checkSettlements(deployment, [], []);
  assert.equal(report.pay_to_balance, "0");
  for (const w of deployment.wallets) assert.equal(report.balances[w.address], deployment.minted_per_wallet);
  const gas = await publicClient(deployment.chain_id, deployment.rpc_url).getBalance({ address: deployment.facilitator.address });
  assert.ok(gas > 0n);
});

test("a v2 payment verifies, settles in a mined successful transaction, and moves exactly the price once; its replay is refused", async () => {
  const http = new HTTPFacilitatorClient({ url });
  const payer = deployment.wallets[0];
  const payload = await signV2(payer.key);
  const before = await checkSettlements(deployment, [], []);
  const verified = await http.verify(payload, requirementsV2());
  assert.equal(verified.isValid, true, JSON.stringify(verified));
  assert.equal(verified.payer, payer.address);
  const settled = await http.settle(payload, requirementsV2());
  assert.equal(settled.success, true, JSON.stringify(settled));
  assert.equal(settled.network, "eip155:84532");
  const after = await checkSettlements(deployment, [settled.transaction], []);
  assert.equal(after.all_settled, true, JSON.stringify(after));
  assert.deepEqual(after.transactions[0].transfers, [{ from: payer.address, to: deployment.pay_to, value: PRICE }]);
  assert.equal(BigInt(after.pay_to_balance) - BigInt(before.pay_to_balance), BigInt(PRICE));
  assert.equal(BigInt(before.balances[payer.address]) - BigInt(after.balances[payer.address]), BigInt(PRICE));

  const again = await http.verify(payload, requirementsV2());
  assert.deepEqual([again.isValid, again.invalidReason], [false, "invalid_exact_evm_nonce_already_used"]);
  const replay = await http.settle(payload, requirementsV2());
  assert.deepEqual([replay.success, replay.errorReason], [false, "invalid_exact_evm_nonce_already_used"]);
  assert.equal((await checkSettlements(deployment, [], [])).pay_to_balance, after.pay_to_balance);
});

test("a key without tokens is refused as insufficient balance and nothing moves", async () => {
  const http = new HTTPFacilitatorClient({ url });
  const before = await balances();
  const payload = await signV2(deployment.unfunded_key);
  const verified = await http.verify(payload, requirementsV2());
  assert.deepEqual([verified.isValid, verified.invalidReason], [false, "invalid_exact_evm_insufficient_balance"]);
  const settled = await http.settle(payload, requirementsV2());
  assert.equal(settled.success, false);
  assert.equal(settled.transaction, "");
  assert.deepEqual(await balances(), before);
});

test("a v1 payment on base-sepolia verifies and settles", async () => {
  const http = new HTTPFacilitatorClient({ url });
  const payer = deployment.wallets[1];
  const client = new x402Client().registerV1(deployment.network_v1, new ExactEvmSchemeV1(privateKeyToAccount(payer.key)));
  client.setSpendControls({ allowedAssets: [{ network: deployment.network_v1, asset: deployment.token.address }] });
  const payload = await client.createPaymentPayload({ x402Version: 1, accepts: [requirementsV1()] });
  const verified = await http.verify(payload, requirementsV1());
  assert.equal(verified.isValid, true, JSON.stringify(verified));
  const settled = await http.settle(payload, requirementsV1());
  assert.equal(settled.success, true, JSON.stringify(settled));
  assert.equal((await checkSettlements(deployment, [settled.transaction], [])).all_settled, true);
});

test("a wrong recipient and a wrong amount are refused with the official reasons", async () => {
  const http = new HTTPFacilitatorClient({ url });
  const payload = await signV2(deployment.wallets[0].key);
  const otherPayTo = { ...requirementsV2(), payTo: deployment.facilitator.address };
  const r1 = await http.verify({ ...payload, accepted: otherPayTo }, otherPayTo);
  assert.deepEqual([r1.isValid, r1.invalidReason], [false, "invalid_exact_evm_recipient_mismatch"]);
  const dearer = { ...requirementsV2(), amount: "2000" };
  const r2 = await http.verify({ ...payload, accepted: dearer }, dearer);
  assert.deepEqual([r2.isValid, r2.invalidReason], [false, "invalid_exact_evm_payload_authorization_value_mismatch"]);
});

test("bad input is a 400 whose JSON carries the refusal, an unknown network included; unknown paths are 404", async () => {
  const post = async (path, body) => {
    const res = await fetch(`${url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    return [res.status, await res.json()];
  };
  const [s1, b1] = await post("/verify", "{not json");
  assert.deepEqual([s1, b1.error, b1.isValid], [400, "invalid_json", false]);
  const [s2, b2] = await post("/settle", JSON.stringify({ paymentPayload: { x402Version: 2 }, paymentRequirements: requirementsV2() }));
  assert.deepEqual([s2, b2.error, b2.success, b2.errorReason], [400, "invalid_payload", false, "invalid_payload"]);
  const payload = await signV2(deployment.wallets[0].key);
  const mainnet = { ...requirementsV2(), network: "eip155:8453" };
  const [s3, b3] = await post("/verify", JSON.stringify({ x402Version: 2, paymentPayload: { ...payload, accepted: mainnet }, paymentRequirements: mainnet }));
  assert.deepEqual([s3, b3.invalidReason], [400, "invalid_network"]);
  const broken = { ...payload, payload: { signature: "0x12", authorization: { from: "nope" } } };
  const [s4, b4] = await post("/verify", JSON.stringify({ x402Version: 2, paymentPayload: broken, paymentRequirements: requirementsV2() }));
  assert.deepEqual([s4, b4.invalidReason], [400, "invalid_payload"]);
  const missing = await fetch(`${url}/nothing`);
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error, "not_found");
});

test("with an auth header configured, calls without it are 401 and calls with it are served; /health stays open", async () => {
  const port = await freePort();
  const guarded = await startFacilitator({ deployment, host: "127.0.0.1", port, authSetting: "X-Facilitator-Key: s3cret" });
  try {
    const base = `http://127.0.0.1:${port}`;
    const denied = await fetch(`${base}/supported`);
    assert.equal(denied.status, 401);
    assert.equal((await denied.json()).error, "unauthorized");
    const wrong = await fetch(`${base}/supported`, { headers: { "X-Facilitator-Key": "guess" } });
    assert.equal(wrong.status, 401);
    const allowed = await fetch(`${base}/supported`, { headers: { "x-facilitator-key": "s3cret" } });
    assert.equal(allowed.status, 200);
    assert.equal((await fetch(`${base}/health`)).status, 200);
  } finally {
    guarded.server.close();
  }
});
