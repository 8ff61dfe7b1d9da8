import { marketFactoryAbi } from "@forkcast/deployments";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { useConnection } from "wagmi";

import { Button } from "../components/Button.tsx";
import { TextField } from "../components/TextField.tsx";
import { usePoolCreatorRole } from "../data/pool.ts";
import { useCreatePoolMarket } from "../hooks/useCreatePoolMarket.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { shortAddress } from "../lib/address.ts";
import {
  type MarketDraft,
  type PoolDraftErrors,
  type PoolFields,
  MARKET_CATEGORIES,
  evenProbabilities,
  firstProblem,
  parseEndTime,
  previewAmounts,
  toMarketParams,
  toPoolParams,
  validateDraft,
  validatePoolDraft,
} from "../lib/marketForm.ts";
import { isBusy } from "../lib/tx.ts";
import { formatUtc } from "../lib/time.ts";

export default function CreateMarketPage() {
  const { address } = useDeployment();
  const { address: account, isConnected } = useConnection();
  const { run, state } = useTx();
  const poolTx = useCreatePoolMarket();
  const navigate = useNavigate();
  // Validate against the chain's clock (the contracts check end and start times against it).
  const chainTime = useChainTime();
  const now = chainTime ?? 0;
  const [draft, setDraft] = useState<MarketDraft>({
    kind: "binary",
    question: "",
    outcomes: ["", ""],
    endTime: "",
    rules: "",
    resolutionSource: "",
    category: "",
    reward: "10",
    bond: "100",
  });
  const [poolFields, setPoolFields] = useState<PoolFields>({
    probabilities: evenProbabilities(2),
    margin: "5",
    reinforcement: "1000",
    closesAt: "",
  });
  const isPool = draft.kind === "pool";
  const role = usePoolCreatorRole(account, isPool);
  const [touched, setTouched] = useState(false);
  const errors: PoolDraftErrors = useMemo(
    () =>
      isPool
        ? validatePoolDraft(draft, poolFields, now, { reinforcementAvailable: role.data?.capLeft })
        : validateDraft(draft, now),
    [draft, poolFields, now, isPool, role.data?.capLeft],
  );
  const valid = Object.keys(errors).length === 0;
  const set = <K extends keyof MarketDraft>(key: K, value: MarketDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setPool = <K extends keyof PoolFields>(key: K, value: PoolFields[K]) =>
    setPoolFields((p) => ({ ...p, [key]: value }));
  const show = (key: keyof PoolDraftErrors) => touched && errors[key] && <small className="error">{errors[key]}</small>;
  /** A text field's value, setter and message, bound to the draft (`field`) or to the pool fields (`poolField`). */
  const field = (key: "question" | "endTime" | "resolutionSource" | "reward" | "bond") => ({
    value: draft[key],
    onChange: (v: string) => set(key, v),
    error: show(key),
  });
  const poolField = (key: "margin" | "reinforcement" | "closesAt") => ({
    value: poolFields[key],
    onChange: (v: string) => setPool(key, v),
    error: show(key),
  });
  const addOutcome = () => {
    set("outcomes", [...draft.outcomes, ""]);
    setPool("probabilities", [...poolFields.probabilities, ""]);
  };
  const removeOutcome = (i: number) => {
    set(
      "outcomes",
      draft.outcomes.filter((_, j) => j !== i),
    );
    setPool(
      "probabilities",
      poolFields.probabilities.filter((_, j) => j !== i),
    );
  };
  const target = address(isPool ? "pool" : "marketFactory");
  const collateral = address("collateral");
  const busy = isBusy(state) || isBusy(poolTx.state);
  const notCreator = isPool && isConnected && role.data !== undefined && !role.data.isCreator;
  const reason = !target
    ? isPool
      ? "The betting pool is not deployed on this chain yet."
      : "The market factory is not deployed on this chain yet."
    : !isConnected
      ? "Connect a wallet first."
      : isPool && role.data === undefined
        ? role.error
          ? `Could not read the pool's market-creator role: ${role.error.message}`
          : "Checking your market-creator role…"
        : notCreator
          ? "Only holders of the pool's market-creator role can create pool markets."
          : chainTime === undefined
            ? "Reading the chain's time…"
            : !valid
              ? firstProblem(errors)
              : busy
                ? "Creating the market…"
                : undefined;
  const submit = async () => {
    setTouched(true);
    if (isPool) {
      const params = toPoolParams(draft, poolFields, now, { reinforcementAvailable: role.data?.capLeft });
      if (!params || notCreator) return;
      const result = await poolTx.create(params);
      if (result.ok) void navigate("/pool");
      return;
    }
    const params = toMarketParams(draft, now);
    if (!params || !target || !collateral) return;
    const result = await run({
      label: `Create market "${params.question}"`,
      call:
        draft.kind === "multi"
          ? { address: target, abi: marketFactoryAbi, functionName: "createMultiOutcomeMarket", args: [params, 0n] }
          : { address: target, abi: marketFactoryAbi, functionName: "createMarket", args: [params] },
      approval: params.reward > 0n ? { token: collateral, spender: target, amount: params.reward } : undefined,
    });
    if (result.ok) void navigate("/");
  };
  const end = parseEndTime(draft.endTime);
  const closes = parseEndTime(poolFields.closesAt);
  const preview = previewAmounts(draft);
  const outcomes = draft.kind === "binary" ? ["Yes", "No"] : draft.outcomes;
  const share = (i: number) =>
    isPool ? `${poolFields.probabilities[i] || "?"}%` : `${Math.round(100 / outcomes.length)}%`;
  return (
    <section data-testid="create-page" className="grid">
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onBlur={() => setTouched(true)}
      >
        <h1>Create a market</h1>
        <div className="row tabs">
          {(["binary", "multi", "pool"] as const).map((k) => (
            <button type="button" key={k} className={draft.kind === k ? "active" : ""} onClick={() => set("kind", k)}>
              {k === "binary" ? "Order book: Yes / No" : k === "multi" ? "Order book: multi-outcome" : "Pool market"}
            </button>
          ))}
        </div>
        {notCreator && role.data && (
          <p className="panel" data-testid="pool-creator-notice">
            Pool markets can only be created by accounts with the betting pool's market-creator role
            {role.data.holders.length > 0
              ? `, currently held by ${role.data.holders.map(shortAddress).join(", ")}`
              : " (no account holds it yet)"}
            . Your account {account ? shortAddress(account) : ""} does not have it; the pool's admin can grant it.
            Order-book markets are open to everyone.
          </p>
        )}
        <TextField label="Question" {...field("question")} placeholder="Will it rain in Paris on 1 June?" />
        {draft.kind !== "binary" && (
          <div className="field">
            {isPool ? "Outcomes and initial probabilities (%)" : "Outcomes"}
            {draft.outcomes.map((o, i) => (
              <div className="row" key={i}>
                <input
                  value={o}
                  aria-label={`Outcome ${i + 1}`}
                  onChange={(e) =>
                    set(
                      "outcomes",
                      draft.outcomes.map((x, j) => (j === i ? e.target.value : x)),
                    )
                  }
                />
                {isPool && (
                  <input
                    value={poolFields.probabilities[i] ?? ""}
                    aria-label={`Probability of outcome ${i + 1} (%)`}
                    inputMode="decimal"
                    size={6}
                    onChange={(e) =>
                      setPool(
                        "probabilities",
                        draft.outcomes.map((_, j) => (j === i ? e.target.value : (poolFields.probabilities[j] ?? ""))),
                      )
                    }
                  />
                )}
                <Button
                  type="button"
                  className="secondary"
                  disabledReason={draft.outcomes.length <= 2 ? "At least two outcomes" : undefined}
                  onClick={() => removeOutcome(i)}
                >
                  Remove
                </Button>
              </div>
            ))}
            <div className="row">
              <button type="button" className="secondary" onClick={addOutcome}>
                Add outcome
              </button>
              {isPool && (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setPool("probabilities", evenProbabilities(draft.outcomes.length))}
                >
                  Split 100% evenly
                </button>
              )}
            </div>
            {show("outcomes")}
            {isPool && show("probabilities")}
          </div>
        )}
        <TextField label="End time (UTC)" type="datetime-local" {...field("endTime")}>
          {chainTime !== undefined && (
            <small className="muted" data-testid="chain-time">
              Chain time now: {formatUtc(chainTime)} (the contracts check times against the chain&apos;s clock)
            </small>
          )}
        </TextField>
        <label className="field">
          Rules
          <textarea rows={4} value={draft.rules} onChange={(e) => set("rules", e.target.value)} />
          {show("rules")}
        </label>
        <TextField label="Resolution source" {...field("resolutionSource")} />
        <label className="field">
          Category
          <select value={draft.category} onChange={(e) => set("category", e.target.value)}>
            <option value="">Choose…</option>
            {MARKET_CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {show("category")}
        </label>
        {isPool && (
          <div className="row">
            <TextField label="Margin (%)" {...poolField("margin")} inputMode="decimal" />
            <TextField label="Reinforcement (tUSD)" {...poolField("reinforcement")} inputMode="decimal">
              {role.data?.capLeft !== undefined && (
                <small className="muted">Your cap left: {formatAmount(role.data.capLeft, { unit: "tUSD" })}</small>
              )}
            </TextField>
            <TextField
              label="Betting closes at (UTC)"
              type="datetime-local"
              aria-label="Betting closes at (UTC)"
              {...poolField("closesAt")}
            />
          </div>
        )}
        <div className="row">
          <TextField label="Oracle reward (tUSD, paid by you)" {...field("reward")} inputMode="decimal" />
          <TextField label="Proposal / dispute bond (tUSD)" {...field("bond")} inputMode="decimal" />
        </div>
        {isPool && poolTx.openedQuestionId && (
          <p className="muted" data-testid="pool-question-opened">
            The oracle question is open ({shortAddress(poolTx.openedQuestionId)}); submitting again only creates the
            pool condition.
          </p>
        )}
        <Button type="submit" disabledReason={reason}>
          {isPool ? "Create pool market" : "Create market"}
        </Button>
      </form>
      <aside className="panel" data-testid="market-preview">
        <h2>Preview</h2>
        <p className="muted">{draft.category || "Category"}</p>
        <h3>{draft.question || "Your question?"}</h3>
        <div className="row">
          {outcomes.map((o, i) => (
            <span key={i} className="panel">
              {o || `Outcome ${i + 1}`} · {share(i)}
            </span>
          ))}
        </div>
        <p className="muted">{end ? `Ends ${formatUtc(end)}` : "No end time yet"}</p>
        {isPool && <p className="muted">{closes ? `Betting closes ${formatUtc(closes)}` : "No closing time yet"}</p>}
        <p>{draft.rules}</p>
        <p className="muted">Source: {draft.resolutionSource || "—"}</p>
        <p className="muted">
          Reward {preview.reward !== undefined ? formatAmount(preview.reward, { unit: "tUSD" }) : "—"}, bond{" "}
          {preview.bond !== undefined ? formatAmount(preview.bond, { unit: "tUSD" }) : "—"}
        </p>
      </aside>
    </section>
  );
}
