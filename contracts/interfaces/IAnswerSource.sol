// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IAnswerSource
/// @notice The one interface through which final answers reach markets of both kinds.
/// @dev Markets pull: an order-book market adapter or the betting pool reads `finalAnswer` in a
/// permissionless `resolve` function (the keeper calls it as soon as an answer is final).
/// Pulling keeps a faulty market from ever blocking the oracle's own settlement and bonds.
interface IAnswerSource {
    /// @notice The question has no final answer yet.
    error AnswerNotFinal(bytes32 questionId);

    /// @notice The final answer: the winning outcome's index, or `Answers.INVALID`.
    /// @dev Reverts with `AnswerNotFinal` until the question is settled.
    function finalAnswer(bytes32 questionId) external view returns (uint256 answer);

    /// @notice Whether the question has a final answer.
    function isAnswerFinal(bytes32 questionId) external view returns (bool);

    /// @notice The number of outcomes the question was asked with (0 if unknown).
    function outcomeCount(bytes32 questionId) external view returns (uint256);
}
