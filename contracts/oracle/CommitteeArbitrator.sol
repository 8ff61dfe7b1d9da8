// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {ICommitteeArbitrator} from "../interfaces/ICommitteeArbitrator.sol";
import {IOptimisticOracle} from "../interfaces/IOptimisticOracle.sol";

/// @title CommitteeArbitrator
/// @notice m-of-n committee arbitration for OptimisticOracle disputes. See ICommitteeArbitrator.
contract CommitteeArbitrator is Ownable2Step, ICommitteeArbitrator {
    uint256 private _memberCount;
    uint256 private _threshold;
    uint256 private _epoch;

    mapping(address account => bool) private _members;
    /// @dev ballot = keccak256(oracle, questionId, epoch).
    mapping(bytes32 ballot => mapping(address member => bool)) private _voted;
    mapping(bytes32 ballot => mapping(uint256 answer => uint256 votes)) private _tally;
    /// @dev keccak256(oracle, questionId): a ruling is sent once, whatever the epoch.
    mapping(bytes32 dispute => bool) private _ruled;

    /// @param owner_ Manages membership and threshold.
    /// @param members Initial members (no duplicates).
    /// @param threshold_ Matching votes needed, 1..members.length.
    constructor(address owner_, address[] memory members, uint256 threshold_) Ownable(owner_) {
        for (uint256 i; i < members.length; ++i) {
            _setMember(members[i], true);
        }
        _setThreshold(threshold_);
    }

    /// @inheritdoc ICommitteeArbitrator
    function vote(address oracle, bytes32 questionId, uint256 answer) external {
        // Checks.
        if (!_members[msg.sender]) revert NotMember(msg.sender);
        bytes32 dispute = keccak256(abi.encode(oracle, questionId));
        if (_ruled[dispute]) revert AlreadyRuled(oracle, questionId);
        bytes32 ballot = keccak256(abi.encode(oracle, questionId, _epoch));
        if (_voted[ballot][msg.sender]) revert AlreadyVoted(msg.sender, questionId);

        // Effects.
        _voted[ballot][msg.sender] = true;
        uint256 votes = ++_tally[ballot][answer];
        emit VoteCast(oracle, questionId, msg.sender, answer, votes);
        if (votes < _threshold) return;
        _ruled[dispute] = true;
        emit RulingSubmitted(oracle, questionId, answer);

        // Interactions.
        IOptimisticOracle(oracle).rule(questionId, answer);
    }

    /// @inheritdoc ICommitteeArbitrator
    function setMember(address account, bool isMember_) external onlyOwner {
        _setMember(account, isMember_);
        if (_threshold > _memberCount) revert InvalidThreshold(_threshold, _memberCount);
    }

    /// @inheritdoc ICommitteeArbitrator
    function setThreshold(uint256 threshold_) external onlyOwner {
        _setThreshold(threshold_);
    }

    /// @inheritdoc ICommitteeArbitrator
    function isMember(address account) external view returns (bool) {
        return _members[account];
    }

    /// @inheritdoc ICommitteeArbitrator
    function committee() external view returns (uint256 memberCount, uint256 threshold, uint256 epoch) {
        return (_memberCount, _threshold, _epoch);
    }

    /// @inheritdoc ICommitteeArbitrator
    function votesFor(address oracle, bytes32 questionId, uint256 answer) external view returns (uint256) {
        return _tally[keccak256(abi.encode(oracle, questionId, _epoch))][answer];
    }

    function _setMember(address account, bool isMember_) private {
        if (_members[account] == isMember_) revert MembershipUnchanged(account, isMember_);
        _members[account] = isMember_;
        if (isMember_) ++_memberCount;
        else --_memberCount;
        uint256 epoch = ++_epoch;
        emit MemberSet(account, isMember_, epoch);
    }

    function _setThreshold(uint256 threshold_) private {
        if (threshold_ == 0 || threshold_ > _memberCount) revert InvalidThreshold(threshold_, _memberCount);
        _threshold = threshold_;
        uint256 epoch = ++_epoch;
        emit ThresholdSet(threshold_, epoch);
    }
}
