import { useMemo, useState } from "react";

import { Button } from "../components/Button.tsx";
import { useDeployment } from "../hooks/useDeployment.ts";
import { type MarketDraft, parseEndTime, validateDraft } from "../lib/marketForm.ts";
import { formatUtc } from "../lib/time.ts";

const CATEGORIES = ["Politics", "Sports", "Crypto", "Science", "Culture", "Other"];

export default function CreateMarketPage() {
  const { address } = useDeployment();
  const [draft, setDraft] = useState<MarketDraft>({
    kind: "binary",
    question: "",
    outcomes: ["", ""],
    endTime: "",
    rules: "",
    resolutionSource: "",
    category: "",
  });
  const [touched, setTouched] = useState(false);
  const errors = useMemo(() => validateDraft(draft, Math.floor(Date.now() / 1000)), [draft]);
  const valid = Object.keys(errors).length === 0;
  const set = <K extends keyof MarketDraft>(key: K, value: MarketDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const show = (key: keyof MarketDraft) => touched && errors[key] && <small className="error">{errors[key]}</small>;
  const factory = address(draft.kind === "pool" ? "bettingPool" : "marketFactory");
  const reason = !factory
    ? draft.kind === "pool"
      ? "The betting pool is not deployed on this chain yet (pool markets are for the market-creator role)."
      : "The market factory is not deployed on this chain yet."
    : !valid
      ? "Fix the highlighted fields first."
      : undefined;
  const end = parseEndTime(draft.endTime);
  const outcomes = draft.kind === "binary" ? ["Yes", "No"] : draft.outcomes;
  return (
    <section data-testid="create-page" className="grid">
      <form className="panel" onSubmit={(e) => e.preventDefault()} onBlur={() => setTouched(true)}>
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
          <input value={draft.question} onChange={(e) => set("question", e.target.value)} placeholder="Will it rain in Paris on 1 June?" />
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
                  onChange={(e) => set("outcomes", draft.outcomes.map((x, j) => (j === i ? e.target.value : x)))}
                />
                <Button
                  type="button"
                  className="secondary"
                  disabledReason={draft.outcomes.length <= 2 ? "At least two outcomes" : undefined}
                  onClick={() => set("outcomes", draft.outcomes.filter((_, j) => j !== i))}
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
      </aside>
    </section>
  );
}
