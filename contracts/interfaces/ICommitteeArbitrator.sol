// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICommitteeArbitrator
/// @notice An m-of-n committee that rules on escalated oracle disputes: each member votes an answer;
/// the first answer to reach `threshold` votes is sent to the oracle's `rule`. On a real network the
/// committee is several independent signers; on the local chain it is 1-of-1 with one dev account.
/// @dev Any change of members or threshold starts a new epoch: votes cast before it no longer count.
interface ICommitteeArbitrator {
    /// @notice The caller is not a committee member.
    error NotMember(address caller);
    /// @notice The member already voted on this question in this epoch.
    error AlreadyVoted(address member, bytes32 questionId);
    /// @notice The ruling for this question was already sent.
    error AlreadyRuled(address oracle, bytes32 questionId);
    /// @notice The threshold is zero or above the member count.
    error InvalidThreshold(uint256 threshold, uint256 memberCount);
    /// @notice The account already has the requested membership status.
    error MembershipUnchanged(address account, bool isMember);

    /// @notice A member voted.
    event VoteCast(
        address indexed oracle,
        bytes32 indexed questionId,
        address indexed member,
        uint256 answer,
        uint256 votes
    );
    /// @notice The ruling reached the threshold and was sent to the oracle.
    event RulingSubmitted(address indexed oracle, bytes32 indexed questionId, uint256 answer);
    /// @notice Membership changed; a new epoch started.
    event MemberSet(address indexed account, bool isMember, uint256 epoch);
    /// @notice The threshold changed; a new epoch started.
    event ThresholdSet(uint256 threshold, uint256 epoch);

    /// @notice Votes `answer` for an escalated question of `oracle`; sends the ruling when the threshold is reached.
    function vote(address oracle, bytes32 questionId, uint256 answer) external;

    /// @notice Adds or removes a member (owner only). Starts a new epoch.
    function setMember(address account, bool isMember) external;

    /// @notice Sets the number of matching votes a ruling needs (owner only). Starts a new epoch.
    function setThreshold(uint256 threshold) external;

    /// @notice Whether `account` is a member.
    function isMember(address account) external view returns (bool);

    /// @notice Member count, threshold and current epoch.
    function committee() external view returns (uint256 memberCount, uint256 threshold, uint256 epoch);

    /// @notice Votes for `answer` on a question in the current epoch.
    function votesFor(address oracle, bytes32 questionId, uint256 answer) external view returns (uint256);
}
