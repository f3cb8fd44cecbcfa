#!/usr/bin/env node
// Pays one POST request with the official x402 client (@x402/fetch + @x402/evm), so the JVM tests
// can prove that a real third-party client, not our own CLI, gets through the gateway.
//
// The client answers whatever protocol version the server's 402 speaks; registering a scheme for
// only the requested version turns "the server answered in the other version" into a failure
// instead of a silent success over the wrong wire format.
//
// With --stream the paid answer is the stream route's event stream: it is read as it arrives
// (response.body.getReader()), its events parsed by sse.mjs, and the report says what came.
//
// Prints exactly one JSON object on stdout (see README.md) and exits 0 only when the request was
// paid (the last request carried a payment header) and answered 200 (with --stream: and the stream
// ended with its done event). The settlement header is
// reported, decoded, whatever it says: whether a verified payment must also be settled is for the
// caller to judge, and the official client itself does not require the header.
import { parseArgs } from "node:util";
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from "@x402/fetch";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { ExactEvmSchemeV1 } from "@x402/evm/exact/v1/client";
import { EVM_NETWORK_CHAIN_ID_MAP } from "@x402/evm/v1";
import { privateKeyToAccount } from "viem/accounts";
import { SseError, SseParser } from "./sse.mjs";

const EXIT_PAYMENT_FAILED = 1;
const EXIT_USAGE = 2;

const USAGE = `usage: node pay.mjs --url URL --protocol v2|v1 --network NETWORK --asset ADDRESS
                   [--key 0xHEX | env X402_PRIVATE_KEY] [--body JSON] [--max-amount ATOMIC]
                   [--timeout-ms MS] [--stream]
  NETWORK is a CAIP-2 id (eip155:84532) or a v1 name (base-sepolia); either form works for
  both protocols as long as the v1 table knows the chain.`;

function usage(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(EXIT_USAGE);
}

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        key: { type: "string" },
        protocol: { type: "string" },
        body: { type: "string", default: "{}" },
        network: { type: "string" },
        asset: { type: "string" },
        "max-amount": { type: "string" },
        "timeout-ms": { type: "string", default: "30000" },
        stream: { type: "boolean", default: false },
      },
      strict: true,
    }));
  } catch (e) {
    usage(e.message);
  }
  const key = values.key ?? process.env.X402_PRIVATE_KEY;
  for (const [name, value] of [["url", values.url], ["protocol", values.protocol],
    ["network", values.network], ["asset", values.asset], ["key", key]]) {
    if (!value) usage(`missing --${name}`);
  }
  if (values.protocol !== "v1" && values.protocol !== "v2") usage("--protocol must be v1 or v2");
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) usage("the private key must be 0x followed by 64 hex digits");
  if (!/^0x[0-9a-fA-F]{40}$/.test(values.asset)) usage("--asset must be 0x followed by 40 hex digits");
  if (values["max-amount"] !== undefined && !/^\d+$/.test(values["max-amount"])) {
    usage("--max-amount must be an atomic (integer) amount");
  }
  if (!/^\d+$/.test(values["timeout-ms"])) usage("--timeout-ms must be an integer");
  try {
    JSON.parse(values.body);
  } catch (e) {
    usage(`--body is not JSON: ${e.message}`);
  }
  return { ...values, key, network: networkForms(values.network) };
}

// v1 requirements name networks ("base-sepolia"), v2 ones use CAIP-2 ("eip155:84532"), and spend
// controls match the requirement's own spelling, so both spellings of the one chain are needed.
function networkForms(network) {
  const caip = /^eip155:(\d+)$/.exec(network);
  const chainId = caip ? Number(caip[1]) : EVM_NETWORK_CHAIN_ID_MAP[network];
  if (chainId === undefined) usage(`unknown network ${network}: use eip155:<chainId> or a v1 name`);
  const v1 = Object.keys(EVM_NETWORK_CHAIN_ID_MAP).find((name) => EVM_NETWORK_CHAIN_ID_MAP[name] === chainId);
  return { v2: `eip155:${chainId}`, v1 };
}

function buildClient(opts) {
  const account = privateKeyToAccount(opts.key);
  const client = new x402Client();
  const network = opts.protocol === "v2" ? opts.network.v2 : opts.network.v1;
  if (network === undefined) {
    usage(`chain ${opts.network.v2} has no v1 network name, so the official client cannot pay it over v1`);
  }
  if (opts.protocol === "v2") {
    client.register(network, new ExactEvmScheme(account));
  } else {
    client.registerV1(network, new ExactEvmSchemeV1(account));
  }
  const entry = { network, asset: opts.asset };
  if (opts["max-amount"] !== undefined) entry.maxAmountPerPayment = opts["max-amount"];
  // allowedAssets only adds to the built-in default assets (USDC on Base etc.); the policy below is
  // what narrows the choice to the one asset the caller named.
  client.setSpendControls({ allowedAssets: [entry] });
  client.registerPolicy((_version, requirements) => requirements.filter(
    (r) => r.network === network && r.asset.toLowerCase() === opts.asset.toLowerCase()));
  return { client, payer: account.address };
}

function decodePaymentHeader(headers) {
  for (const name of ["PAYMENT-SIGNATURE", "X-PAYMENT"]) {
    const raw = headers.get(name);
    if (raw) {
      try {
        return { name, decoded: JSON.parse(Buffer.from(raw, "base64").toString("utf8")) };
      } catch (e) {
        return { name, raw, error: e.message };
      }
    }
  }
  return undefined;
}

// Wraps the transport so the report shows every request that actually left the process,
// including the header the client attached, whatever the wrapper decided internally.
function recordingFetch(log) {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const entry = { method: request.method, url: request.url };
    const payment = decodePaymentHeader(request.headers);
    if (payment) entry.paymentHeader = payment;
    log.push(entry);
    const response = await fetch(request);
    entry.status = response.status;
    return response;
  };
}

function settlementOf(headers) {
  for (const name of ["PAYMENT-RESPONSE", "X-PAYMENT-RESPONSE"]) {
    const raw = headers.get(name);
    if (raw) {
      try {
        return { header: name, ...decodePaymentResponseHeader(raw) };
      } catch (e) {
        return { header: name, raw, decodeError: e.message };
      }
    }
  }
  return null;
}

async function readBody(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// The whole text is kept for the report; a server that never ends must not exhaust the heap.
const MAX_TEXT_BYTES = 16 << 20;
// After the last event the body is read on to its end, so the server finishes its response instead
// of seeing the client leave mid-answer; one that keeps writing or stays open is left after this.
const MAX_TRAILING_BYTES = 64 * 1024;
const TRAILING_WAIT_MS = 2000;

function isEventStream(response) {
  return (response.headers.get("Content-Type") ?? "").trim().toLowerCase().startsWith("text/event-stream");
}

function eventData(event, field, expected) {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    data = null;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data) || typeof data[field] !== "string") {
    throw new SseError(`${expected}; it was ${JSON.stringify(event.data.slice(0, 120))}`);
  }
  return data;
}

async function drain(reader) {
  let trailing = 0;
  try {
    while (trailing <= MAX_TRAILING_BYTES) {
      let timer;
      const quiet = new Promise((resolve) => {
        timer = setTimeout(() => resolve({ done: true }), TRAILING_WAIT_MS);
      });
      const { value, done } = await Promise.race([reader.read(), quiet]).finally(() => clearTimeout(timer));
      if (done) return;
      trailing += value.length;
    }
  } catch {
    // The answer was complete at its last event; how the connection ends after it changes nothing.
  }
}

// Reads chunk events until done or error. "reads" counts the body reads; firstChunkBeforeEnd is
// true when the first chunk was complete in an earlier read than the event that ended the stream,
// i.e. the text really arrived in pieces rather than all at once at the end.
async function readStream(response, stream) {
  const started = performance.now();
  let firstChunkRead = null;
  let endRead = null;
  let textBytes = 0;
  const parser = new SseParser((event) => {
    if (endRead !== null) return;
    if (event.name === "chunk") {
      const { text } = eventData(event, "text", 'a chunk event\'s data must be {"text":"…"}');
      textBytes += Buffer.byteLength(text, "utf8");
      if (textBytes > MAX_TEXT_BYTES) throw new SseError(`the streamed text is longer than ${MAX_TEXT_BYTES} bytes`);
      if (firstChunkRead === null) {
        firstChunkRead = stream.reads;
        stream.firstChunkMs = performance.now() - started;
      }
      stream.chunks++;
      stream.text += text;
    } else if (event.name === "done" || event.name === "error") {
      const data = event.name === "done"
        ? eventData(event, "result", 'a done event\'s data must be {"result":…, "receipt":{…}}')
        : eventData(event, "error", 'an error event\'s data must be {"error":"<code>", "message":…}');
      if (event.name === "done" && (typeof data.receipt !== "object" || data.receipt === null)) {
        throw new SseError('a done event\'s data must be {"result":…, "receipt":{…}}');
      }
      stream[event.name] = data;
      endRead = stream.reads;
      stream.endMs = performance.now() - started;
    }
    // Events of other names carry nothing this client needs; event-stream clients skip them.
  });
  const reader = response.body.getReader();
  try {
    while (endRead === null) {
      const { value, done } = await reader.read();
      if (done) {
        throw new SseError(`${parser.midEvent ? "the event stream was cut off inside an event"
          : "the event stream ended without a done or error event"} after ${stream.chunks} chunks`);
      }
      stream.reads++;
      parser.feed(value);
    }
    await drain(reader);
  } finally {
    stream.firstChunkBeforeEnd = firstChunkRead !== null && endRead !== null && firstChunkRead < endRead;
    await reader.cancel().catch(() => {});
  }
}

async function main() {
  const opts = parseCli(process.argv.slice(2));
  const { client, payer } = buildClient(opts);
  const fetched = [];
  const pay = wrapFetchWithPayment(recordingFetch(fetched), client);
  const report = { protocol: opts.protocol, payer, status: null, body: null, settlement: null,
    receipt: null, fetched, error: null };
  if (opts.stream) {
    report.stream = { chunks: 0, text: "", done: null, error: null, firstChunkBeforeEnd: false,
      firstChunkMs: null, endMs: null, reads: 0 };
  }
  try {
    const response = await pay(opts.url, {
      method: "POST",
      headers: opts.stream ? { "Content-Type": "application/json", Accept: "text/event-stream" }
        : { "Content-Type": "application/json" },
      body: opts.body,
      signal: AbortSignal.timeout(Number(opts["timeout-ms"])),
    });
    report.status = response.status;
    report.settlement = settlementOf(response.headers);
    report.receipt = response.headers.get("X-402-Receipt");
    const streamed = opts.stream && response.status === 200 && isEventStream(response);
    if (streamed) {
      await readStream(response, report.stream);
    } else {
      report.body = await readBody(response);
    }
    const last = fetched[fetched.length - 1];
    if (last === undefined || last.paymentHeader === undefined) {
      report.error = `the request was never paid: the server answered ${response.status} without asking for payment`;
    } else if (response.status !== 200) {
      report.error = `the paid request was answered ${response.status}`;
    } else if (opts.stream && !streamed) {
      report.error = `the paid request was answered 200 with ${response.headers.get("Content-Type")}, not text/event-stream`;
    } else if (report.stream?.error) {
      const { error, message, correlation_id: id } = report.stream.error;
      report.error = `the stream ended with error ${error}${message ? `: ${message}` : ""}${id ? ` (correlation id ${id})` : ""}`;
    }
  } catch (e) {
    // undici reports connection failures as "fetch failed" with the useful part in the cause.
    const cause = e?.cause?.message ?? e?.cause?.code;
    report.error = (e instanceof Error ? e.message : String(e)) + (cause ? ` (${cause})` : "");
  }
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exitCode = report.error === null ? 0 : EXIT_PAYMENT_FAILED;
}

await main();
