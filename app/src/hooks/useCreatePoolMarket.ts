/**
 * Creating a pool market: tx 1 opens the oracle question (ancillary data in the shared question
 * encoding, reward approved first), tx 2 creates the pool condition on the question id from tx 1's
 * QuestionOpened log. Both go through useTx. When tx 2 fails, the opened question is remembered so a
 * retry of the same draft only sends tx 2.
 */
import { iBettingPoolAbi, iOptimisticOracleAbi } from "@forkcast/deployments";
import { encodeQuestionData } from "@forkcast/shared";
import { useCallback, useState } from "react";
import { type Hex, parseEventLogs } from "viem";
import { useConfig } from "wagmi";
import { getTransactionReceipt } from "wagmi/actions";

import type { PoolMarketParams } from "../lib/marketForm.ts";
import { useDeployment } from "./useDeployment.ts";
import { type TxResult, useTx } from "./useTx.ts";

interface OpenedQuestion {
  /** Ancillary data, outcome count and end time: what the question id commits to. */
  key: string;
  questionId: Hex;
}

export function useCreatePoolMarket() {
  const config = useConfig();
  const { run, state } = useTx();
  const { address } = useDeployment();
  const pool = address("pool");
  const oracle = address("oracle");
  const collateral = address("collateral");
  const [opened, setOpened] = useState<OpenedQuestion | undefined>(undefined);

  const create = useCallback(
    async (params: PoolMarketParams): Promise<TxResult & { conditionId?: bigint }> => {
      if (!pool || !oracle || !collateral)
        return { ok: false, error: "The betting pool or the oracle is not deployed on this chain." };
      const ancillaryData = encodeQuestionData(params.questionData);
      const key = `${ancillaryData}:${params.outcomeCount}:${params.endTime}`;
      let questionId = opened?.key === key ? opened.questionId : undefined;
      if (!questionId) {
        const first = await run({
          label: `Open the oracle question "${params.questionData.question}"`,
          call: {
            address: oracle,
            abi: iOptimisticOracleAbi,
            functionName: "openQuestion",
            args: [ancillaryData, params.outcomeCount, params.endTime, params.reward, params.bond, 0n],
          },
          approval: params.reward > 0n ? { token: collateral, spender: oracle, amount: params.reward } : undefined,
        });
        if (!first.ok || !first.hash) return first;
        const receipt = await getTransactionReceipt(config, { hash: first.hash });
        const [log] = parseEventLogs({ abi: iOptimisticOracleAbi, eventName: "QuestionOpened", logs: receipt.logs });
        if (!log)
          return { ok: false, error: "The question transaction succeeded but emitted no QuestionOpened event." };
        questionId = log.args.questionId;
        setOpened({ key, questionId });
      }
      const second = await run({
        label: `Create pool market "${params.questionData.question}"`,
        call: {
          address: pool,
          abi: iBettingPoolAbi,
          functionName: "createCondition",
          args: [questionId, params.probabilities, params.reinforcement, params.marginBps, params.startsAt],
        },
      });
      if (!second.ok || !second.hash) return second;
      setOpened(undefined);
      const receipt = await getTransactionReceipt(config, { hash: second.hash });
      const [created] = parseEventLogs({ abi: iBettingPoolAbi, eventName: "ConditionCreated", logs: receipt.logs });
      return { ...second, conditionId: created?.args.conditionId };
    },
    [config, run, pool, oracle, collateral, opened],
  );

  return { create, state, openedQuestionId: opened?.questionId };
}
