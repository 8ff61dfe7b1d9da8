// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

import {IPoolLPToken} from "../interfaces/IPoolLPToken.sol";

/// @title PoolLPToken
/// @notice One NFT per liquidity deposit into a BettingPool. Deployed by the pool's constructor.
contract PoolLPToken is ERC721, IPoolLPToken {
    address private immutable _pool;

    constructor() ERC721("Forkcast Pool Liquidity", "FCLP") {
        _pool = msg.sender;
    }

    modifier onlyPool() {
        if (msg.sender != _pool) revert NotPool(msg.sender);
        _;
    }

    /// @inheritdoc IPoolLPToken
    function pool() external view returns (address) {
        return _pool;
    }

    /// @inheritdoc IPoolLPToken
    function mint(address to, uint256 tokenId) external onlyPool {
        _mint(to, tokenId);
    }

    /// @inheritdoc IPoolLPToken
    function burn(uint256 tokenId) external onlyPool {
        _burn(tokenId);
    }
}
