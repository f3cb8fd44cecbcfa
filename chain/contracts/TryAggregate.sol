// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice The one Multicall3 function the x402 facilitator uses (`tryAggregate`), to diagnose a refused
/// authorization (balance, name, version, nonce state) in one call. A public chain has Multicall3 at
/// 0xcA11bde05977b3631167028862bE2a173976CA11; the local node gets this code placed at that address.
contract TryAggregate {
    struct Call {
        address target;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function tryAggregate(bool requireSuccess, Call[] calldata calls) external payable returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool success, bytes memory data) = calls[i].target.call(calls[i].callData);
            require(success || !requireSuccess, "TryAggregate: call failed");
            results[i] = Result(success, data);
        }
    }
}
