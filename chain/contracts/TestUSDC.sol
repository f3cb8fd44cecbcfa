// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice A test dollar for the local payment network: a plain ERC-20 with 6 decimals plus EIP-3009
/// transfers by signed authorization, under the EIP-712 domain (name, version "2", chainId, this contract)
/// that x402's `exact` scheme signs. Both `transferWithAuthorization` overloads exist because the official
/// facilitator sends the (v, r, s) one for a 65-byte wallet signature and the `bytes` one otherwise.
/// Revert reasons use the words the facilitator's error parser looks for (expired, not yet valid, used,
/// exceeds balance, invalid signature), so a failed settlement is reported with the right reason.
contract TestUSDC {
    string public name;
    string public symbol;
    string public constant version = "2";
    uint8 public constant decimals = 6;
    uint256 public totalSupply;
    address public immutable minter;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => mapping(bytes32 => bool)) private usedAuthorizations;

    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        "ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");
    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// secp256k1's n / 2: a larger s is the malleated twin of a valid signature (EIP-2).
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;
    bytes4 private constant ERC1271_MAGIC = 0x1626ba7e;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce);

    constructor(string memory tokenName, string memory tokenSymbol) {
        name = tokenName;
        symbol = tokenSymbol;
        minter = msg.sender;
    }

    /// Computed on every call, so the domain follows the chain id the node reports.
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), block.chainid,
            address(this)));
    }

    function mint(address to, uint256 value) external {
        require(msg.sender == minter, "TestUSDC: caller is not the minter");
        require(to != address(0), "TestUSDC: mint to the zero address");
        totalSupply += value;
        balanceOf[to] += value;
        emit Transfer(address(0), to, value);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= value, "TestUSDC: transfer amount exceeds allowance");
            allowance[from][msg.sender] = allowed - value;
        }
        _transfer(from, to, value);
        return true;
    }

    /// True once the authorizer's nonce has been used.
    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool) {
        return usedAuthorizations[authorizer][nonce];
    }

    function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore,
                                       bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        bytes32 digest = _authorizationDigest(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce);
        require(_recover(digest, v, r, s) == from, "TestUSDC: invalid signature");
        _useAuthorization(from, to, value, validAfter, validBefore, nonce);
    }

    function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore,
                                       bytes32 nonce, bytes memory signature) external {
        bytes32 digest = _authorizationDigest(TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce);
        require(_validSignature(from, digest, signature), "TestUSDC: invalid signature");
        _useAuthorization(from, to, value, validAfter, validBefore, nonce);
    }

    /// As transferWithAuthorization, but only the payee may submit it, so nobody can front-run the payee's call.
    function receiveWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore,
                                      bytes32 nonce, uint8 v, bytes32 r, bytes32 s) external {
        require(to == msg.sender, "TestUSDC: caller must be the payee");
        bytes32 digest = _authorizationDigest(RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce);
        require(_recover(digest, v, r, s) == from, "TestUSDC: invalid signature");
        _useAuthorization(from, to, value, validAfter, validBefore, nonce);
    }

    function _useAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore,
                               bytes32 nonce) private {
        require(from != address(0), "TestUSDC: invalid signature");
        require(block.timestamp > validAfter, "TestUSDC: authorization is not yet valid");
        require(block.timestamp < validBefore, "TestUSDC: authorization is expired");
        require(!usedAuthorizations[from][nonce], "TestUSDC: authorization is used");
        usedAuthorizations[from][nonce] = true;
        emit AuthorizationUsed(from, nonce);
        _transfer(from, to, value);
    }

    function _transfer(address from, address to, uint256 value) private {
        require(to != address(0), "TestUSDC: transfer to the zero address");
        uint256 balance = balanceOf[from];
        require(balance >= value, "TestUSDC: transfer amount exceeds balance");
        unchecked {
            balanceOf[from] = balance - value;
        }
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }

    function _authorizationDigest(bytes32 typeHash, address from, address to, uint256 value, uint256 validAfter,
                                  uint256 validBefore, bytes32 nonce) private view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(typeHash, from, to, value, validAfter, validBefore, nonce));
        return keccak256(abi.encodePacked(hex"1901", DOMAIN_SEPARATOR(), structHash));
    }

    /// A contract wallet answers for itself (ERC-1271); any other signer must have made a 65-byte ECDSA signature.
    function _validSignature(address signer, bytes32 digest, bytes memory signature) private view returns (bool) {
        if (signer.code.length > 0) {
            (bool ok, bytes memory answer) = signer.staticcall(
                abi.encodeWithSelector(ERC1271_MAGIC, digest, signature));
            return ok && answer.length >= 32 && abi.decode(answer, (bytes4)) == ERC1271_MAGIC;
        }
        if (signature.length != 65) {
            return false;
        }
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
        return _recover(digest, v, r, s) == signer;
    }

    /// The signer, or the zero address (never a valid `from`) for a malformed or malleable signature.
    function _recover(bytes32 digest, uint8 v, bytes32 r, bytes32 s) private pure returns (address) {
        if (v < 27) {
            v += 27;
        }
        if (v != 27 && v != 28 || uint256(s) > HALF_CURVE_ORDER) {
            return address(0);
        }
        return ecrecover(digest, v, r, s);
    }
}
