// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMarketFactory
/// @notice Creates order-book markets in one transaction: opens the oracle question (the creator
/// pays its reward), prepares the conditions, registers the outcome tokens with the exchange and
/// publishes the metadata. Binary markets are conditions whose oracle is this factory;
/// multi-outcome markets are prepared through the NegRiskAdapter. Resolution is pulled from the
/// oracle by the permissionless `resolveMarket`. See docs/markets.md.
/// @dev The market id is the oracle question id: keccak256(abi.encode(factory,
/// keccak256(ancillaryData), outcomeCount, endTime)), ancillaryData = abi.encode(question,
/// outcomeNames, rules, endTime). Category and image are display metadata outside the question.
interface IMarketFactory {
    /// @notice Binary (YES = outcome 0, NO = outcome 1) or multi-outcome (linked binaries).
    enum MarketKind {
        Binary,
        MultiOutcome
    }

    /// @notice What a creator supplies.
    /// @param question The question text; non-empty.
    /// @param outcomeNames Exactly 2 for binary markets (YES first), 2..MAX_QUESTIONS for multi-outcome.
    /// @param rules Resolution rules and source.
    /// @param category Display category.
    /// @param imageUri Optional image.
    /// @param endTime Proposals are accepted from this time; must be in the future.
    /// @param reward Oracle reward, pulled from the creator.
    /// @param bond Oracle bond for proposals and disputes.
    /// @param liveness Oracle liveness in seconds; 0 = the oracle's default (2 hours).
    struct MarketParams {
        string question;
        string[] outcomeNames;
        string rules;
        string category;
        string imageUri;
        uint256 endTime;
        uint256 reward;
        uint256 bond;
        uint256 liveness;
    }

    // ------------------------------------------------------------------ errors

    /// @notice The question text is empty.
    error EmptyQuestion();
    /// @notice The end time is not in the future.
    error EndTimeNotInFuture(uint256 endTime, uint256 nowTimestamp);
    /// @notice Wrong number of outcome names for this kind of market.
    error InvalidOutcomeNames(uint256 given, uint256 min, uint256 max);
    /// @notice An outcome name is empty.
    error EmptyOutcomeName(uint256 index);
    /// @notice A market with the same question, outcomes, rules and end time exists.
    error MarketExists(bytes32 marketId);
    /// @notice No market with this id.
    error UnknownMarket(bytes32 marketId);
    /// @notice The market is resolved already.
    error MarketAlreadyResolved(bytes32 marketId);

    // ------------------------------------------------------------------ events

    /// @notice A market was created. Everything an indexer needs to list it, without view calls.
    /// @param conditionIds One (binary) or N (multi-outcome) conditions.
    /// @param yesTokenIds ERC-1155 ids of YES per condition; `noTokenIds` likewise.
    /// @param negRiskAdapter Zero for binary markets, the adapter for multi-outcome ones.
    /// @param params As supplied (a liveness of 0 means the oracle's default).
    event MarketCreated(
        bytes32 indexed marketId,
        address indexed creator,
        MarketKind indexed kind,
        bytes32[] conditionIds,
        uint256[] yesTokenIds,
        uint256[] noTokenIds,
        address negRiskAdapter,
        uint256 convertFeeBps,
        MarketParams params
    );

    /// @notice The market's payouts were reported from the oracle's final answer.
    /// @param answer Outcome index or `Answers.INVALID`.
    event MarketResolved(bytes32 indexed marketId, MarketKind indexed kind, uint256 answer);

    // ------------------------------------------------------------------ functions

    /// @notice Creates a binary market (outcome 0 = YES, index set 1; outcome 1 = NO, index set 2).
    /// Pulls `params.reward` collateral from the caller (approve the factory first).
    function createMarket(MarketParams calldata params) external returns (bytes32 marketId);

    /// @notice Creates a multi-outcome market with one linked binary question per outcome name.
    /// @param convertFeeBps Fee on collateral paid out by conversions, paid to the creator.
    function createMultiOutcomeMarket(
        MarketParams calldata params,
        uint256 convertFeeBps
    ) external returns (bytes32 marketId);

    /// @notice Reports the market's payouts from the oracle's final answer (permissionless).
    /// Binary: YES wins [1, 0], NO wins [0, 1], invalid [1, 1]. Multi-outcome: see NegRiskAdapter.
    function resolveMarket(bytes32 marketId) external;

    /// @notice A market's kind, creator, end time, outcome count and whether it is resolved.
    function getMarket(
        bytes32 marketId
    ) external view returns (MarketKind kind, address creator, uint256 endTime, uint256 outcomeCount, bool resolved);

    /// @notice The binary condition of a market (ConditionalTokens, oracle = this factory).
    function binaryConditionId(bytes32 marketId) external view returns (bytes32);

    /// @notice The market id `createMarket` / `createMultiOutcomeMarket` would assign.
    function marketIdFor(MarketParams calldata params) external view returns (bytes32);
}
