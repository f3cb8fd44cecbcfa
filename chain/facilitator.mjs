#!/usr/bin/env node
// An x402 facilitator for the local payment network: the official x402Facilitator (@x402/core) with
// the official `exact` EVM scheme (@x402/evm) registered for this chain only — v2 as eip155:<chainId>,
// v1 under the chain's v1 name when it has one — holding the settling account's key and talking to
// the local node through viem. It verifies (signature, balance, nonce state, simulation) and settles
// (sends transferWithAuthorization and waits for the receipt) for real on that node.
//
// HTTP, on loopback, one line of log per call:
//   GET  /supported  the kinds, extensions and signers, as x402Facilitator.getSupported() says
//   POST /verify     {x402Version, paymentPayload, paymentRequirements} → 200 VerifyResponse
//   POST /settle     {x402Version, paymentPayload, paymentRequirements} → 200 SettleResponse
//   GET  /health     200 when the node answers, else 503
// A refusal is a 200 with isValid:false / success:false. A request that is not a payment this
// facilitator can judge (bad JSON, a payload or requirements the x402 schemas refuse, an unsupported
// scheme or network) is a 400 whose body carries the refusal too (isValid:false or success:false), as
// the official HTTPFacilitatorClient reads it. Anything else is a non-2xx {error, message} without
// isValid/success: an outage, not a refusal. With FACILITATOR_AUTH_HEADER="Name: value" set, every
// call but /health must carry that header (else 401).
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { timingSafeEqual } from "node:crypto";
import { x402Facilitator } from "@x402/core/facilitator";
import { parsePaymentPayload, parsePaymentRequirements } from "@x402/core/schemas";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/facilitator";
import { ExactEvmSchemeV1 } from "@x402/evm/exact/v1/facilitator";
import { createWalletClient, http, nonceManager, publicActions } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { localChain, readDeployment, v1NetworkName, POLLING_INTERVAL_MS } from "./network.mjs";

const MAX_BODY_BYTES = 64 * 1024;
const USAGE = "usage: node facilitator.mjs --deployment FILE --port PORT [--host 127.0.0.1]";

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { deployment: { type: "string" }, port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
      strict: true,
    }));
  } catch (e) {
    fail(2, e.message);
  }
  if (!values.deployment) fail(2, "missing --deployment");
  if (!/^\d+$/.test(values.port ?? "") || Number(values.port) < 1 || Number(values.port) > 65535) fail(2, "--port must be a port number");
  return { ...values, port: Number(values.port) };
}

function fail(code, message) {
  process.stderr.write(`facilitator: ${message}${code === 2 ? `\n${USAGE}` : ""}\n`);
  process.exit(code);
}

/** "Name: value" → {name (lower case), value}; null when unset. */
export function parseAuthHeader(setting) {
  if (setting === undefined || setting.trim() === "") return null;
  const colon = setting.indexOf(":");
  const name = colon > 0 ? setting.slice(0, colon).trim() : "";
  const value = colon > 0 ? setting.slice(colon + 1).trim() : "";
  if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || value === "") {
    throw new Error("FACILITATOR_AUTH_HEADER must be 'Name: value'");
  }
  return { name: name.toLowerCase(), value };
}

function buildFacilitator(deployment) {
  const chain = localChain(deployment.chain_id, deployment.rpc_url);
  // The nonce manager hands out nonces locally, so concurrent settlements never reuse one.
  const account = privateKeyToAccount(deployment.facilitator.key, { nonceManager });
  const client = createWalletClient({ account, chain, transport: http(deployment.rpc_url), pollingInterval: POLLING_INTERVAL_MS })
    .extend(publicActions);
  const signer = toFacilitatorEvmSigner({ ...client, address: account.address });
  const facilitator = new x402Facilitator();
  facilitator.register([`eip155:${deployment.chain_id}`], new ExactEvmScheme(signer));
  const v1Name = v1NetworkName(deployment.chain_id);
  if (v1Name) {
    facilitator.registerV1([v1Name], new ExactEvmSchemeV1(signer));
  }
  return { facilitator, client, account };
}

class BadRequest extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest("body_too_large", `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (e) {
    throw new BadRequest("invalid_json", `the body is not JSON: ${e.message}`);
  }
}

/** The payload and requirements of a /verify or /settle body, checked with the official x402 schemas. */
function paymentOf(body, supported) {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new BadRequest("invalid_request", "the body must be {x402Version, paymentPayload, paymentRequirements}");
  }
  const payload = parsePaymentPayload(body.paymentPayload);
  if (!payload.success) throw new BadRequest("invalid_payload", `paymentPayload: ${issues(payload.error)}`);
  const requirements = parsePaymentRequirements(body.paymentRequirements);
  if (!requirements.success) {
    throw new BadRequest("invalid_payment_requirements", `paymentRequirements: ${issues(requirements.error)}`);
  }
  const version = payload.data.x402Version;
  if (body.x402Version !== undefined && body.x402Version !== version) {
    throw new BadRequest("invalid_request", `x402Version ${body.x402Version} differs from the payload's ${version}`);
  }
  const kinds = supported.kinds.filter((k) => k.x402Version === version);
  if (!kinds.some((k) => k.scheme === requirements.data.scheme)) {
    throw new BadRequest("unsupported_scheme", `scheme '${requirements.data.scheme}' is not supported over x402 v${version}`);
  }
  if (!kinds.some((k) => k.scheme === requirements.data.scheme && k.network === requirements.data.network)) {
    throw new BadRequest("invalid_network", `network '${requirements.data.network}' is not supported over x402 v${version}`
      + ` (this facilitator settles on ${kinds.map((k) => k.network).join(", ") || "nothing"})`);
  }
  const inner = payload.data.payload;
  const auth = inner?.authorization;
  const fields = ["from", "to", "value", "validAfter", "validBefore", "nonce"];
  if (typeof inner?.signature !== "string" || !/^0x[0-9a-fA-F]*$/.test(inner.signature) || auth === null || typeof auth !== "object"
    || !fields.every((f) => typeof auth[f] === "string")
    || ![auth.value, auth.validAfter, auth.validBefore].every((n) => /^\d{1,78}$/.test(n))
    || ![auth.from, auth.to].every((a) => /^0x[0-9a-fA-F]{40}$/.test(a)) || !/^0x[0-9a-fA-F]{64}$/.test(auth.nonce)) {
    throw new BadRequest("invalid_payload", "paymentPayload.payload must be an EIP-3009 authorization"
      + " {authorization:{from,to,value,validAfter,validBefore,nonce}, signature} with hex addresses, a 32-byte nonce and decimal numbers");
  }
  return { payload: payload.data, requirements: requirements.data };
}

function issues(error) {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ");
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function authorized(req, auth) {
  if (!auth) return true;
  const given = req.headers[auth.name];
  if (typeof given !== "string") return false;
  const a = Buffer.from(given.trim());
  const b = Buffer.from(auth.value);
  return a.length === b.length && timingSafeEqual(a, b);
}

function log(line) {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

function describe(payment) {
  const auth = payment?.payload?.payload?.authorization;
  return auth ? ` v${payment.payload.x402Version} ${payment.requirements.network} from ${auth.from} value ${auth.value}` : "";
}

export function startFacilitator({ deployment, host, port, authSetting }) {
  const { facilitator, client, account } = buildFacilitator(deployment);
  const auth = parseAuthHeader(authSetting);
  const supported = facilitator.getSupported();

  async function handle(req, res) {
    const path = new URL(req.url, "http://localhost").pathname;
    const started = process.hrtime.bigint();
    const ms = () => Number((process.hrtime.bigint() - started) / 1000000n);
    if (path === "/health") {
      if (req.method !== "GET") return send(res, 405, { error: "method_not_allowed", message: "use GET" });
      try {
        const block = await client.getBlockNumber({ cacheTime: 0 });
        return send(res, 200, { status: "ok", chain_id: deployment.chain_id, block: Number(block), signer: account.address });
      } catch (e) {
        log(`GET /health 503 node unreachable: ${oneLine(e)}`);
        return send(res, 503, { error: "node_unreachable", message: `the node at ${deployment.rpc_url} does not answer` });
      }
    }
    const routes = { "/supported": "GET", "/verify": "POST", "/settle": "POST" };
    if (!routes[path]) return send(res, 404, { error: "not_found", message: `no route ${path}; try /supported, /verify, /settle, /health` });
    if (req.method !== routes[path]) return send(res, 405, { error: "method_not_allowed", message: `use ${routes[path]} ${path}` });
    if (!authorized(req, auth)) {
      log(`${req.method} ${path} 401 missing or wrong ${auth.name} header`);
      return send(res, 401, { error: "unauthorized", message: `the ${auth.name} header is missing or wrong` });
    }
    if (path === "/supported") {
      log(`GET /supported 200 ${supported.kinds.map((k) => `v${k.x402Version}:${k.network}`).join(",")}`);
      return send(res, 200, supported);
    }
    const verifying = path === "/verify";
    let payment;
    try {
      payment = paymentOf(await readJson(req), supported);
    } catch (e) {
      if (!(e instanceof BadRequest)) throw e;
      log(`POST ${path} 400 ${e.code}: ${e.message}`);
      const refusal = verifying
        ? { isValid: false, invalidReason: e.code, invalidMessage: e.message }
        : { success: false, errorReason: e.code, errorMessage: e.message, transaction: "", network: "" };
      return send(res, 400, { error: e.code, message: e.message, ...refusal });
    }
    try {
      if (verifying) {
        const result = await facilitator.verify(payment.payload, payment.requirements);
        log(`POST /verify 200 ${result.isValid ? "valid" : `invalid ${result.invalidReason}`}${describe(payment)} ${ms()} ms`);
        return send(res, 200, result);
      }
      const result = await facilitator.settle(payment.payload, payment.requirements);
      log(`POST /settle 200 ${result.success ? `settled ${result.transaction}` : `failed ${result.errorReason}`}${describe(payment)} ${ms()} ms`);
      return send(res, 200, result);
    } catch (e) {
      log(`POST ${path} 500 ${oneLine(e)}${describe(payment)} ${ms()} ms`);
      return send(res, 500, { error: "facilitator_error", message: oneLine(e) });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      log(`${req.method} ${req.url} 500 ${oneLine(e)}`);
      if (!res.headersSent) send(res, 500, { error: "facilitator_error", message: oneLine(e) });
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve({ server, supported, address: account.address }));
  });
}

function oneLine(e) {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").slice(0, 300);
}

async function main() {
  const opts = parseCli(process.argv.slice(2));
  let deployment;
  try {
    deployment = readDeployment(opts.deployment);
  } catch (e) {
    fail(1, `cannot read the deployment: ${e.message}`);
  }
  let started;
  try {
    started = await startFacilitator({ deployment, host: opts.host, port: opts.port, authSetting: process.env.FACILITATOR_AUTH_HEADER });
  } catch (e) {
    fail(1, `cannot start: ${oneLine(e)}`);
  }
  log(`facilitator listening on http://${opts.host}:${opts.port} for ${started.supported.kinds.map((k) => `v${k.x402Version} ${k.scheme} ${k.network}`).join(", ")};`
    + ` settling from ${started.address} on ${deployment.rpc_url}; token ${deployment.token.address}`
    + `${process.env.FACILITATOR_AUTH_HEADER ? "; auth header required" : ""}`);
  const stop = () => started.server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && (await import("node:url")).fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
