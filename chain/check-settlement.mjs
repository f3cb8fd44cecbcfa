#!/usr/bin/env node
// Reads, from the local chain, what settlements did: for each transaction hash, whether it is mined
// and successful and which token transfers it made; and the token balances of payTo and of every
// funded wallet (or of the addresses given). Prints one JSON object; exits 0 only when every
// transaction given is mined, successful and moved tokens to payTo.
//
//   node check-settlement.mjs (--deployment FILE | --status FILE) [--tx HASH]... [--address ADDR]...
// --status takes the output of `microai stack status --json` (its chain.keys_file names the
// deployment file); "-" reads either from standard input.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { getAddress, parseEventLogs } from "viem";
import { publicClient, readDeployment } from "./network.mjs";

const USAGE = "usage: node check-settlement.mjs (--deployment FILE | --status FILE) [--tx HASH]... [--address ADDR]...";
const transferAbi = [{
  type: "event", name: "Transfer", anonymous: false,
  inputs: [{ name: "from", type: "address", indexed: true }, { name: "to", type: "address", indexed: true },
    { name: "value", type: "uint256", indexed: false }],
}];
const balanceOfAbi = [{ type: "function", name: "balanceOf", stateMutability: "view", inputs: [{ name: "a", type: "address" }],
  outputs: [{ type: "uint256" }] }];

function usage(message) {
  process.stderr.write(`check-settlement: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function deploymentFrom(values) {
  if (!!values.deployment === !!values.status) usage("give --deployment or --status");
  if (values.deployment) return readDeployment(values.deployment);
  const status = JSON.parse(readFileSync(values.status === "-" ? 0 : values.status, "utf8"));
  const keysFile = status?.chain?.keys_file;
  if (!keysFile) usage("the status JSON has no chain.keys_file: was the stack started with --with-chain?");
  return readDeployment(keysFile);
}

export async function checkSettlements(deployment, hashes, addresses) {
  const client = publicClient(deployment.chain_id, deployment.rpc_url);
  const token = getAddress(deployment.token.address);
  const payTo = getAddress(deployment.pay_to);
  const transactions = [];
  for (const hash of hashes) {
    let receipt = null;
    try {
      receipt = await client.getTransactionReceipt({ hash });
    } catch {
      // not mined (or unknown): reported as such
    }
    const transfers = receipt
      ? parseEventLogs({ abi: transferAbi, eventName: "Transfer", logs: receipt.logs.filter((l) => getAddress(l.address) === token) })
        .map((l) => ({ from: l.args.from, to: l.args.to, value: l.args.value.toString() }))
      : [];
    transactions.push({
      hash,
      mined: receipt !== null,
      success: receipt?.status === "success",
      block: receipt ? Number(receipt.blockNumber) : null,
      transfers,
      paid_to_pay_to: transfers.some((t) => getAddress(t.to) === payTo),
    });
  }
  const watched = addresses.length > 0 ? addresses.map((a) => getAddress(a)) : deployment.wallets.map((w) => getAddress(w.address));
  const balanceOf = async (address) => (await client.readContract({ address: token, abi: balanceOfAbi, functionName: "balanceOf",
    args: [address] })).toString();
  const balances = {};
  for (const address of watched) balances[address] = await balanceOf(address);
  return {
    chain_id: deployment.chain_id,
    token,
    pay_to: payTo,
    pay_to_balance: await balanceOf(payTo),
    balances,
    transactions,
    all_settled: transactions.every((t) => t.mined && t.success && t.paid_to_pay_to),
  };
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { deployment: { type: "string" }, status: { type: "string" }, tx: { type: "string", multiple: true, default: [] },
        address: { type: "string", multiple: true, default: [] } },
      strict: true,
    }));
  } catch (e) {
    usage(e.message);
  }
  for (const hash of values.tx) if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) usage(`--tx ${hash} is not a transaction hash`);
  for (const a of values.address) if (!/^0x[0-9a-fA-F]{40}$/.test(a)) usage(`--address ${a} is not an address`);
  const report = await checkSettlements(deploymentFrom(values), values.tx, values.address);
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exit(report.all_settled ? 0 : 1);
}

if (process.argv[1] && (await import("node:url")).fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    process.stderr.write(`check-settlement failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
