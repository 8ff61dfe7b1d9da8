// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

/// @title IPoolLPToken
/// @notice The transferable ERC-721 a betting pool mints per liquidity deposit; its id is the
/// deposit's leaf index in the pool's liquidity tree, and whoever holds it may withdraw.
interface IPoolLPToken is IERC721 {
    /// @notice Only the pool that deployed this token may mint or burn.
    error NotPool(address caller);

    /// @notice The pool that deployed this token and alone mints and burns it.
    function pool() external view returns (address);

    /// @notice Mints LP token `tokenId` to `to`. Pool only.
    function mint(address to, uint256 tokenId) external;

    /// @notice Burns LP token `tokenId` after a full withdrawal. Pool only.
    function burn(uint256 tokenId) external;
}
