// What the chain's programs share: the viem chain for a local node, and the deployment file's shape.
import { readFileSync } from "node:fs";
import { createPublicClient, defineChain, http } from "viem";
import { EVM_NETWORK_CHAIN_ID_MAP } from "@x402/evm/v1";

/** Local blocks are mined on each transaction, so a receipt is there at once: poll often. */
export const POLLING_INTERVAL_MS = 100;

export function localChain(chainId, rpcUrl) {
  return defineChain({
    id: chainId,
    name: `local chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export function publicClient(chainId, rpcUrl) {
  return createPublicClient({ chain: localChain(chainId, rpcUrl), transport: http(rpcUrl), pollingInterval: POLLING_INTERVAL_MS });
}

/** The x402 v1 name of a chain id ("base-sepolia" for 84532), or null when v1 has none. */
export function v1NetworkName(chainId) {
  return Object.keys(EVM_NETWORK_CHAIN_ID_MAP).find((name) => EVM_NETWORK_CHAIN_ID_MAP[name] === chainId) ?? null;
}

export function readDeployment(path) {
  const deployment = JSON.parse(readFileSync(path, "utf8"));
  for (const field of ["rpc_url", "chain_id", "token", "pay_to", "facilitator", "wallets"]) {
    if (deployment[field] === undefined) throw new Error(`${path} has no ${field}: not a deployment file of chain/deploy.mjs`);
  }
  return deployment;
}

/** The anvil binary the pinned @foundry-rs/anvil package installed for this platform. */
export function anvilBinary() {
  const os = { linux: "linux", darwin: "darwin", win32: "win32" }[process.platform];
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch];
  const dir = new URL(`./node_modules/@foundry-rs/anvil-${os}-${arch}/bin/`, import.meta.url);
  return new URL(process.platform === "win32" ? "anvil.exe" : "anvil", dir).pathname;
}
