package io.microai.cli.stack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment file {@code chain/deploy.mjs} writes once the token is deployed and the wallets are
 * funded: what the gateway must be told about the network, and the keys the clients pay with.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChainDeployment(
        @JsonProperty("rpc_url") String rpcUrl,
        @JsonProperty("chain_id") long chainId,
        @JsonProperty("network") String network,
        @JsonProperty("network_v1") String networkV1,
        @JsonProperty("token") Token token,
        @JsonProperty("pay_to") String payTo,
        @JsonProperty("facilitator") Account facilitator,
        @JsonProperty("wallets") List<Account> wallets,
        @JsonProperty("minted_per_wallet") String mintedPerWallet,
        @JsonProperty("unfunded_key") String unfundedKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ChainDeployment {
        wallets = wallets == null ? List.of() : List.copyOf(wallets);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Token(@JsonProperty("address") String address, @JsonProperty("name") String name,
                        @JsonProperty("symbol") String symbol, @JsonProperty("version") String version,
                        @JsonProperty("decimals") int decimals) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(@JsonProperty("address") String address, @JsonProperty("key") String key) {
    }

    public static ChainDeployment read(Path file) throws IOException {
        ChainDeployment d = JSON.readValue(Files.readString(file), ChainDeployment.class);
        if (d.rpcUrl() == null || d.token() == null || d.token().address() == null || d.payTo() == null || d.wallets().isEmpty()) {
            throw new IOException(file + " is not a deployment file of chain/deploy.mjs (rpc_url, token, pay_to or wallets missing)");
        }
        return d;
    }

    /** The funded wallets' private keys, in the file's order. */
    public List<String> walletKeys() {
        return wallets.stream().map(Account::key).toList();
    }

    /**
     * What a gateway needs to price in this token and settle through the facilitator: the chain and the
     * token's EIP-712 domain (the chain id's own table names another token), payTo, and the facilitator.
     */
    Map<String, String> gatewayEnv(String facilitatorUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHAIN_ID", Long.toString(chainId));
        env.put("X402_ASSET", token.address());
        env.put("X402_ASSET_NAME", token.name());
        env.put("X402_ASSET_VERSION", token.version());
        env.put("X402_ASSET_DECIMALS", Integer.toString(token.decimals()));
        env.put("RECIPIENT_ADDRESS", payTo);
        env.put("FACILITATOR_URL", facilitatorUrl);
        return env;
    }
}
