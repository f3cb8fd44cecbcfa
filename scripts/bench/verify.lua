-- wrk script: a valid POST /verify, signed by Hardhat/Anvil account #0
-- (0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266), so every request runs one full signer recovery.
wrk.method = "POST"
wrk.body = '{"context":{"recipient":"0x2cF2C4A5b0b3b05A0b5c1D3E5f7a9B1c3D5e7F90","token":"USDC","amount":"0.001",'
  .. '"nonce":"6f1c1b0e-4c47-4a8e-9a51-2f0d6a1b7c3e","chainId":8453},'
  .. '"signature":"0x00bd7bac4c7000b3afe4f8b86f674489aecf962e74bee5f0e5f1734456c5546828ab125977c8e29bf90692f6a1ca34e2a06972ff3c168946d5a70300a92f2d051c"}'
wrk.headers["Content-Type"] = "application/json"
