// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAssetOperations
/// @notice The two assets the exchange moves, the collateral (ERC-20) and the outcome tokens
/// (ERC-1155 positions of the conditional tokens), and the admin's way to return tokens sent to
/// it by mistake.
/// @dev Asset id 0 in events stands for the collateral; any other id is an outcome token.
interface IAssetOperations {
    /// @notice Tokens held by the exchange outside any settlement were sent out by the admin.
    /// @dev `id` is 0 for an ERC-20.
    event Rescued(address indexed token, uint256 indexed id, address indexed to, uint256 amount);

    /// @notice Sends ERC-20 tokens held by the exchange (mistaken deposits) to `to`. Admin only.
    /// @dev The exchange holds nothing between calls, so anything it holds was sent by mistake.
    function rescue(address token, address to, uint256 amount) external;

    /// @notice Sends ERC-1155 tokens held by the exchange (mistaken deposits) to `to`. Admin only.
    function rescueERC1155(address token, uint256 id, address to, uint256 amount) external;

    /// @notice The conditional tokens contract.
    function ctf() external view returns (address);

    /// @notice The collateral ERC-20.
    function collateral() external view returns (address);

    /// @notice The conditional tokens contract (Polymarket's CTF Exchange name for `ctf`).
    function getCtf() external view returns (address);

    /// @notice The collateral ERC-20 (Polymarket's CTF Exchange name for `collateral`).
    function getCollateral() external view returns (address);
}
