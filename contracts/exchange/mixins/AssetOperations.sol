// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";
import {ERC1155Holder} from "@openzeppelin/contracts/token/ERC1155/utils/ERC1155Holder.sol";

import {IConditionalTokens} from "../../interfaces/IConditionalTokens.sol";
import {IAssetOperations} from "../../interfaces/exchange/IAssetOperations.sol";
import {PositionIds} from "../../libraries/PositionIds.sol";
import {ExchangeRoles} from "./ExchangeRoles.sol";

/// @title AssetOperations
/// @notice The exchange's two assets and every primitive that moves them: the collateral
/// (ERC-20, through SafeERC20), outcome tokens (ERC-1155 transfers on the conditional tokens),
/// and full sets of a plain binary condition split from or merged into collateral (the token
/// registry routes other pairs to their neg-risk adapter). Plus the admin's rescue of mistaken
/// deposits.
abstract contract AssetOperations is ExchangeRoles, ERC1155Holder, IAssetOperations {
    using SafeERC20 for IERC20;

    /// @dev Asset id of the collateral in events.
    uint256 internal constant COLLATERAL_ASSET_ID = 0;

    IConditionalTokens internal immutable _ctf;
    IERC20 internal immutable _collateral;

    /// @param ctf_ The conditional tokens contract.
    /// @param collateral_ The ERC-20 collateral of every plain condition traded here.
    constructor(IConditionalTokens ctf_, IERC20 collateral_) {
        if (address(ctf_) == address(0) || address(collateral_) == address(0)) revert ZeroAddress();
        _ctf = ctf_;
        _collateral = collateral_;
        collateral_.forceApprove(address(ctf_), type(uint256).max);
    }

    /// @inheritdoc IAssetOperations
    function rescue(address token, address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        emit Rescued(token, 0, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc IAssetOperations
    function rescueERC1155(address token, uint256 id, address to, uint256 amount) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        emit Rescued(token, id, to, amount);
        IERC1155(token).safeTransferFrom(address(this), to, id, amount, "");
    }

    /// @inheritdoc IAssetOperations
    function ctf() public view returns (address) {
        return address(_ctf);
    }

    /// @inheritdoc IAssetOperations
    function collateral() public view returns (address) {
        return address(_collateral);
    }

    /// @inheritdoc IAssetOperations
    function getCtf() external view returns (address) {
        return ctf();
    }

    /// @inheritdoc IAssetOperations
    function getCollateral() external view returns (address) {
        return collateral();
    }

    /// @dev `ctf.safeTransferFrom(from, to, id, amount, "")` without the generic call encoding; the
    /// conditional tokens contract is a known immutable, so no code-size check is needed.
    function _transferPosition(address from, address to, uint256 id, uint256 amount) internal {
        address ctf_ = address(_ctf);
        bytes4 selector = IERC1155.safeTransferFrom.selector;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 0x04), from)
            mstore(add(ptr, 0x24), to)
            mstore(add(ptr, 0x44), id)
            mstore(add(ptr, 0x64), amount)
            mstore(add(ptr, 0x84), 0xa0)
            mstore(add(ptr, 0xa4), 0)
            if iszero(call(gas(), ctf_, 0, ptr, 0xc4, 0, 0)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
        }
    }

    /// @dev Splits `amount` collateral into full sets of a plain binary `conditionId` over the collateral.
    function _splitPlain(bytes32 conditionId, uint256 amount) internal {
        _ctf.splitPosition(_collateral, bytes32(0), conditionId, PositionIds.binaryPartition(), amount);
    }

    /// @dev Merges `amount` full sets of a plain binary `conditionId` into collateral.
    function _mergePlain(bytes32 conditionId, uint256 amount) internal {
        _ctf.mergePositions(_collateral, bytes32(0), conditionId, PositionIds.binaryPartition(), amount);
    }

    /// @dev Lets a neg-risk adapter take the exchange's collateral and outcome tokens to split and merge.
    function _approveAdapter(address adapter) internal {
        _collateral.forceApprove(adapter, type(uint256).max);
        if (!_ctf.isApprovedForAll(address(this), adapter)) _ctf.setApprovalForAll(adapter, true);
    }

    /// @dev Whether `tokenId` is one of the two positions of `conditionId` over the collateral.
    function _isPlainPosition(uint256 tokenId, bytes32 conditionId) internal view returns (bool) {
        address collateral_ = address(_collateral);
        return
            tokenId ==
                PositionIds.positionId(collateral_, PositionIds.collectionId(conditionId, PositionIds.YES_INDEX_SET)) ||
            tokenId ==
                PositionIds.positionId(collateral_, PositionIds.collectionId(conditionId, PositionIds.NO_INDEX_SET));
    }
}
