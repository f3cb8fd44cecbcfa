#!/usr/bin/env node
// Deploys the test token to a local node and funds the test wallets, then writes the deployment file
// every other part of the local payment network reads (the facilitator, the stack's gateway settings,
// `microai pay` / `microai load`, check-settlement.mjs). One-shot: it exits 0 once the file is written.
//
// Accounts: the node's first development account deploys and mints (it is the token's minter); the
// second pays the facilitator's gas. payTo and the K test wallets are fresh keys made here, so payTo
// starts at a zero token balance and every balance change is a payment. The node must be a
// development node (anvil): its unlocked, funded first accounts and anvil_setCode are used.
import { parseArgs } from "node:util";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createWalletClient, formatUnits, getAddress, http, parseEther, parseUnits } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { localChain, publicClient, v1NetworkName, POLLING_INTERVAL_MS } from "./network.mjs";

const here = dirname(fileURLToPath(import.meta.url));
/** The development mnemonic anvil derives its funded accounts from (public: it guards nothing). */
const DEV_MNEMONIC = "test test test test test test test test test test test junk";
/** Where public chains keep Multicall3; the facilitator reads diagnostics through it. */
const MULTICALL3_ADDRESS = "0xcA11bde05977b3631167028862bE2a173976CA11";
const USAGE = `usage: node deploy.mjs --rpc URL --out FILE [--wallets K] [--mint TOKENS] [--eth ETH]
                        [--name NAME] [--symbol SYMBOL]`;

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rpc: { type: "string" },
        out: { type: "string" },
        wallets: { type: "string", default: "8" },
        mint: { type: "string", default: "1000" },
        eth: { type: "string", default: "1" },
        name: { type: "string", default: "MicroAI Test USD" },
        symbol: { type: "string", default: "tUSD" },
      },
      strict: true,
    }));
  } catch (e) {
    usage(e.message);
  }
  if (!values.rpc || !/^https?:\/\//.test(values.rpc)) usage("--rpc must be the node's http URL");
  if (!values.out) usage("missing --out");
  if (!/^[1-9]\d{0,3}$/.test(values.wallets)) usage("--wallets must be between 1 and 9999");
  if (!/^\d+(\.\d{1,6})?$/.test(values.mint)) usage("--mint must be a token amount with at most 6 decimals");
  if (!/^\d+(\.\d+)?$/.test(values.eth)) usage("--eth must be an ether amount");
  return { ...values, wallets: Number(values.wallets) };
}

function usage(message) {
  process.stderr.write(`deploy: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function artifact(name) {
  return JSON.parse(readFileSync(join(here, "artifacts", `${name}.json`), "utf8"));
}

function wallet(chain, rpc, account) {
  return createWalletClient({ account, chain, transport: http(rpc), pollingInterval: POLLING_INTERVAL_MS });
}

async function main() {
  const opts = parseCli(process.argv.slice(2));
  const probe = publicClient(1, opts.rpc);
  const chainId = await probe.getChainId();
  const chain = localChain(chainId, opts.rpc);
  const client = publicClient(chainId, opts.rpc);
  const deployer = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 });
  const facilitator = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 });
  const facilitatorKey = `0x${Buffer.from(facilitator.getHdKey().privateKey).toString("hex")}`;
  const deployerWallet = wallet(chain, opts.rpc, deployer);

  const token = artifact("TestUSDC");
  const deployHash = await deployerWallet.deployContract({ abi: token.abi, bytecode: token.bytecode, args: [opts.name, opts.symbol] });
  const deployed = await client.waitForTransactionReceipt({ hash: deployHash });
  if (deployed.status !== "success" || !deployed.contractAddress) throw new Error(`token deployment ${deployHash} failed`);
  const tokenAddress = getAddress(deployed.contractAddress);
  await client.request({ method: "anvil_setCode", params: [MULTICALL3_ADDRESS, artifact("TryAggregate").deployedBytecode] });

  const decimals = Number(await client.readContract({ address: tokenAddress, abi: token.abi, functionName: "decimals" }));
  const version = await client.readContract({ address: tokenAddress, abi: token.abi, functionName: "version" });
  const perWallet = parseUnits(opts.mint, decimals);
  const payToKey = generatePrivateKey();
  const wallets = Array.from({ length: opts.wallets }, () => {
    const key = generatePrivateKey();
    return { address: privateKeyToAccount(key).address, key };
  });
  // Sent back to back and awaited together: the node mines each one as it arrives, in nonce order.
  const hashes = [];
  for (const w of wallets) {
    hashes.push(await deployerWallet.writeContract({ address: tokenAddress, abi: token.abi, functionName: "mint", args: [w.address, perWallet] }));
    hashes.push(await deployerWallet.sendTransaction({ to: w.address, value: parseEther(opts.eth) }));
  }
  for (const hash of hashes) {
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`funding transaction ${hash} failed`);
  }
  for (const w of wallets) {
    const balance = await client.readContract({ address: tokenAddress, abi: token.abi, functionName: "balanceOf", args: [w.address] });
    if (balance !== perWallet) throw new Error(`wallet ${w.address} holds ${balance}, not ${perWallet}`);
    w.balance = balance.toString();
  }

  const deployment = {
    rpc_url: opts.rpc,
    chain_id: chainId,
    network: `eip155:${chainId}`,
    network_v1: v1NetworkName(chainId),
    token: { address: tokenAddress, name: opts.name, symbol: opts.symbol, version, decimals, deploy_transaction: deployHash },
    pay_to: privateKeyToAccount(payToKey).address,
    pay_to_key: payToKey,
    facilitator: { address: facilitator.address, key: facilitatorKey },
    minter: deployer.address,
    minted_per_wallet: perWallet.toString(),
    wallets,
    unfunded_key: generatePrivateKey(),
    multicall3: MULTICALL3_ADDRESS,
    deployed_at: new Date().toISOString(),
  };
  // Written whole or not at all (the stack waits for this file), and readable only by its owner: it holds keys.
  mkdirSync(dirname(opts.out), { recursive: true });
  const tmp = `${opts.out}.tmp`;
  writeFileSync(tmp, JSON.stringify(deployment, null, 2) + "\n", { mode: 0o600 });
  renameSync(tmp, opts.out);
  process.stdout.write(`deployed ${opts.name} (${opts.symbol}, version ${version}, ${decimals} decimals) at ${tokenAddress}`
    + ` on chain ${chainId}; ${wallets.length} wallets hold ${formatUnits(perWallet, decimals)} each; payTo ${deployment.pay_to};`
    + ` facilitator ${facilitator.address}; wrote ${opts.out}\n`);
}

main().catch((e) => {
  process.stderr.write(`deploy failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
