#!/usr/bin/env node
// Compiles contracts/*.sol with the pinned npm solc and writes one artifact per contract to
// artifacts/<Contract>.json (ABI, creation bytecode, runtime bytecode, the compiler that made them).
// `--check` compiles in memory and exits 1 when a committed artifact differs from a fresh compile, so
// the checked-in bytecode is provably the bytecode of the checked-in source.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import solc from "solc";

const here = dirname(fileURLToPath(import.meta.url));
const contractsDir = join(here, "contracts");
const artifactsDir = join(here, "artifacts");

export function compile() {
  const sources = {};
  for (const file of readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort()) {
    sources[file] = { content: readFileSync(join(contractsDir, file), "utf8") };
  }
  const input = {
    language: "Solidity",
    sources,
    settings: {
      // Fixed, not the compiler's default, so a solc upgrade cannot silently change the target EVM.
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  }
  const artifacts = {};
  for (const [file, contracts] of Object.entries(output.contracts)) {
    for (const [contractName, c] of Object.entries(contracts)) {
      artifacts[contractName] = JSON.stringify({
        contractName,
        sourceFile: `contracts/${file}`,
        compiler: `solc ${solc.version()}`,
        settings: { evmVersion: input.settings.evmVersion, optimizer: input.settings.optimizer },
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      }, null, 2) + "\n";
    }
  }
  return artifacts;
}

function main(args) {
  const check = args.includes("--check");
  const artifacts = compile();
  const stale = [];
  for (const [name, text] of Object.entries(artifacts)) {
    const path = join(artifactsDir, `${name}.json`);
    if (check) {
      if (!existsSync(path) || readFileSync(path, "utf8") !== text) stale.push(`artifacts/${name}.json`);
    } else {
      mkdirSync(artifactsDir, { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (check) {
    const known = new Set(Object.keys(artifacts).map((n) => `${n}.json`));
    const extra = existsSync(artifactsDir) ? readdirSync(artifactsDir).filter((f) => !known.has(f)) : [];
    if (stale.length > 0 || extra.length > 0) {
      process.stderr.write(`compile --check: ${[...stale.map((s) => `${s} differs from a fresh compile`),
        ...extra.map((f) => `artifacts/${f} has no contract`)].join("; ")}; run node chain/compile.mjs and commit\n`);
      process.exit(1);
    }
    process.stdout.write(`compile --check: ${Object.keys(artifacts).length} artifacts equal a fresh compile with solc ${solc.version()}\n`);
  } else {
    process.stdout.write(`wrote ${Object.keys(artifacts).map((n) => `artifacts/${n}.json`).join(", ")}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
