// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title BetToken
/// @notice The bet NFT: every single bet and every parlay placed on a BettingPool is one token of
/// the pool itself; whoever holds it claims, cashes out or receives the parlay's settlement.
/// @dev Kept inside the pool (rather than a second contract) so that placing and claiming a bet
/// needs no external call: ownership checks and mint/burn are internal.
abstract contract BetToken is ERC721 {
    constructor() ERC721("Forkcast Pool Bet", "FCBET") {}

    /// @dev Holder of a live bet NFT, or address(0) if it does not exist (never minted or burnt).
    function _betHolder(uint256 betId) internal view returns (address) {
        return _ownerOf(betId);
    }
}
