// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

import {IConditionalTokens} from "../../contracts/interfaces/IConditionalTokens.sol";
import {INegRiskSplitter} from "../../contracts/interfaces/INegRiskSplitter.sol";

/// @title MockNegRiskSplitter
/// @notice A small stand-in for a multi-outcome adapter: it wraps the collateral 1:1 into its own
/// ERC-20 and splits/merges binary CTF conditions over that wrapped token, so its positions are
/// CTF tokens distinct from the plain positions over the collateral (as with Polymarket's adapter).
contract MockNegRiskSplitter is INegRiskSplitter, ERC20, ERC1155Holder {
    IConditionalTokens public immutable ctf;
    IERC20 public immutable collateral;

    constructor(IConditionalTokens ctf_, IERC20 collateral_) ERC20("Wrapped collateral", "wCOL") {
        ctf = ctf_;
        collateral = collateral_;
        _approve(address(this), address(ctf_), type(uint256).max);
    }

    /// @notice The position id of an index set of a condition over the wrapped collateral.
    function positionId(bytes32 conditionId, uint256 indexSet) public view returns (uint256) {
        return ctf.getPositionId(IERC20(address(this)), ctf.getCollectionId(bytes32(0), conditionId, indexSet));
    }

    /// @inheritdoc INegRiskSplitter
    function splitPosition(bytes32 conditionId, uint256 amount) external {
        collateral.transferFrom(msg.sender, address(this), amount);
        _mint(address(this), amount);
        ctf.splitPosition(IERC20(address(this)), bytes32(0), conditionId, _partition(), amount);
        uint256[] memory ids = _ids(conditionId);
        uint256[] memory amounts = _amounts(amount);
        ctf.safeBatchTransferFrom(address(this), msg.sender, ids, amounts, "");
    }

    /// @inheritdoc INegRiskSplitter
    function mergePositions(bytes32 conditionId, uint256 amount) external {
        ctf.safeBatchTransferFrom(msg.sender, address(this), _ids(conditionId), _amounts(amount), "");
        ctf.mergePositions(IERC20(address(this)), bytes32(0), conditionId, _partition(), amount);
        _burn(address(this), amount);
        collateral.transfer(msg.sender, amount);
    }

    function _partition() private pure returns (uint256[] memory partition) {
        partition = new uint256[](2);
        partition[0] = 1;
        partition[1] = 2;
    }

    function _ids(bytes32 conditionId) private view returns (uint256[] memory ids) {
        ids = new uint256[](2);
        ids[0] = positionId(conditionId, 1);
        ids[1] = positionId(conditionId, 2);
    }

    function _amounts(uint256 amount) private pure returns (uint256[] memory amounts) {
        amounts = new uint256[](2);
        amounts[0] = amount;
        amounts[1] = amount;
    }
}
