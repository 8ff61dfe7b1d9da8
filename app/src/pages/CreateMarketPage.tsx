import { marketFactoryAbi } from "@forkcast/deployments";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { useConnection } from "wagmi";

import { Button } from "../components/Button.tsx";
import { useDeployment } from "../hooks/useDeployment.ts";
import { useTx } from "../hooks/useTx.ts";
import { formatAmount } from "../lib/amount.ts";
import { type MarketDraft, parseEndTime, toMarketParams, validateDraft } from "../lib/marketForm.ts";
import { isBusy } from "../lib/tx.ts";
import { formatUtc } from "../lib/time.ts";

const CATEGORIES = ["Politics", "Sports", "Crypto", "Science", "Culture", "Other"];

export default function CreateMarketPage() {
  const { address } = useDeployment();
  const { isConnected } = useConnection();
  const { run, state } = useTx();
  const navigate = useNavigate();
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
  const [touched, setTouched] = useState(false);
  const errors = useMemo(() => validateDraft(draft, Math.floor(Date.now() / 1000)), [draft]);
  const valid = Object.keys(errors).length === 0;
  const set = <K extends keyof MarketDraft>(key: K, value: MarketDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const show = (key: keyof MarketDraft) => touched && errors[key] && <small className="error">{errors[key]}</small>;
  const factory = address(draft.kind === "pool" ? "bettingPool" : "marketFactory");
  const collateral = address("collateral");
  const reason =
    draft.kind === "pool" && factory
      ? "Creating pool markets from the app is not wired yet (the pool's createCondition needs the market-creator role)."
      : !factory
        ? draft.kind === "pool"
          ? "The betting pool is not deployed on this chain yet (pool markets are for the market-creator role)."
          : "The market factory is not deployed on this chain yet."
        : !isConnected
          ? "Connect a wallet first."
          : !valid
            ? "Fix the highlighted fields first."
            : isBusy(state)
              ? "Creating the market…"
              : undefined;
  const submit = async () => {
    setTouched(true);
    const params = toMarketParams(draft, Math.floor(Date.now() / 1000));
    if (!params || !factory || !collateral || draft.kind === "pool") return;
    const result = await run({
      label: `Create market "${params.question}"`,
      call:
        draft.kind === "multi"
          ? { address: factory, abi: marketFactoryAbi, functionName: "createMultiOutcomeMarket", args: [params, 0n] }
          : { address: factory, abi: marketFactoryAbi, functionName: "createMarket", args: [params] },
      approval: params.reward > 0n ? { token: collateral, spender: factory, amount: params.reward } : undefined,
    });
    if (result.ok) void navigate("/");
  };
  const end = parseEndTime(draft.endTime);
  const preview = toMarketParams(draft, Math.floor(Date.now() / 1000));
  const outcomes = draft.kind === "binary" ? ["Yes", "No"] : draft.outcomes;
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
        <label className="field">
          Question
          <input
            value={draft.question}
            onChange={(e) => set("question", e.target.value)}
            placeholder="Will it rain in Paris on 1 June?"
          />
          {show("question")}
        </label>
        {draft.kind !== "binary" && (
          <div className="field">
            Outcomes
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
                <Button
                  type="button"
                  className="secondary"
                  disabledReason={draft.outcomes.length <= 2 ? "At least two outcomes" : undefined}
                  onClick={() =>
                    set(
                      "outcomes",
                      draft.outcomes.filter((_, j) => j !== i),
                    )
                  }
                >
                  Remove
                </Button>
              </div>
            ))}
            <button type="button" className="secondary" onClick={() => set("outcomes", [...draft.outcomes, ""])}>
              Add outcome
            </button>
            {show("outcomes")}
          </div>
        )}
        <label className="field">
          End time (UTC)
          <input type="datetime-local" value={draft.endTime} onChange={(e) => set("endTime", e.target.value)} />
          {show("endTime")}
        </label>
        <label className="field">
          Rules
          <textarea rows={4} value={draft.rules} onChange={(e) => set("rules", e.target.value)} />
          {show("rules")}
        </label>
        <label className="field">
          Resolution source
          <input value={draft.resolutionSource} onChange={(e) => set("resolutionSource", e.target.value)} />
          {show("resolutionSource")}
        </label>
        <label className="field">
          Category
          <select value={draft.category} onChange={(e) => set("category", e.target.value)}>
            <option value="">Choose…</option>
            {CATEGORIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          {show("category")}
        </label>
        <div className="row">
          <label className="field">
            Oracle reward (tUSD, paid by you)
            <input value={draft.reward} onChange={(e) => set("reward", e.target.value)} inputMode="decimal" />
            {show("reward")}
          </label>
          <label className="field">
            Proposal / dispute bond (tUSD)
            <input value={draft.bond} onChange={(e) => set("bond", e.target.value)} inputMode="decimal" />
            {show("bond")}
          </label>
        </div>
        <Button type="submit" disabledReason={reason}>
          Create market
        </Button>
      </form>
      <aside className="panel" data-testid="market-preview">
        <h2>Preview</h2>
        <p className="muted">{draft.category || "Category"}</p>
        <h3>{draft.question || "Your question?"}</h3>
        <div className="row">
          {outcomes.map((o, i) => (
            <span key={i} className="panel">
              {o || `Outcome ${i + 1}`} · {Math.round(100 / outcomes.length)}%
            </span>
          ))}
        </div>
        <p className="muted">{end ? `Ends ${formatUtc(end)}` : "No end time yet"}</p>
        <p>{draft.rules}</p>
        <p className="muted">Source: {draft.resolutionSource || "—"}</p>
        <p className="muted">
          Reward {preview ? formatAmount(preview.reward, { unit: "tUSD" }) : "—"}, bond{" "}
          {preview ? formatAmount(preview.bond, { unit: "tUSD" }) : "—"}
        </p>
      </aside>
    </section>
  );
}
