// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Answers
/// @notice Encoding of oracle answers shared by the oracle and every market kind.
library Answers {
    /// @notice "Invalid / cannot be determined": order-book markets pay every outcome equally,
    /// pool conditions are cancelled and refund stakes.
    uint256 internal constant INVALID = type(uint256).max;
}
