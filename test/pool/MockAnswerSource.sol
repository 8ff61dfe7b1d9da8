// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAnswerSource} from "../../contracts/interfaces/IAnswerSource.sol";

/// @title MockAnswerSource
/// @notice Test oracle: questions are registered with an outcome count and answered by anyone.
/// @dev Only for tests and the gas bench; the real optimistic oracle lives in contracts/oracle.
contract MockAnswerSource is IAnswerSource {
    mapping(bytes32 questionId => uint256 count) private _outcomeCounts;
    mapping(bytes32 questionId => uint256 answer) private _answers;
    mapping(bytes32 questionId => bool final_) private _final;

    /// @notice Registers `questionId` with `count` outcomes.
    function ask(bytes32 questionId, uint256 count) external {
        _outcomeCounts[questionId] = count;
    }

    /// @notice Makes `answer` the final answer of `questionId`.
    function settle(bytes32 questionId, uint256 answer) external {
        _answers[questionId] = answer;
        _final[questionId] = true;
    }

    /// @inheritdoc IAnswerSource
    function finalAnswer(bytes32 questionId) external view returns (uint256) {
        if (!_final[questionId]) revert AnswerNotFinal(questionId);
        return _answers[questionId];
    }

    /// @inheritdoc IAnswerSource
    function isAnswerFinal(bytes32 questionId) external view returns (bool) {
        return _final[questionId];
    }

    /// @inheritdoc IAnswerSource
    function outcomeCount(bytes32 questionId) external view returns (uint256) {
        return _outcomeCounts[questionId];
    }
}
