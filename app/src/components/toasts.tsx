import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from "react";

import { type TxState, describePhase } from "../lib/tx.ts";

interface Toast {
  id: number;
  state: TxState;
}

interface ToastApi {
  upsert(id: number, state: TxState): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | undefined>(undefined);
let nextId = 1;
/** Older toasts scroll away so the page stays usable. */
const MAX_VISIBLE = 4;

export function newToastId(): number {
  return nextId++;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const upsert = useCallback(
    (id: number, state: TxState) => {
      setToasts((all) =>
        all.some((t) => t.id === id) ? all.map((t) => (t.id === id ? { id, state } : t)) : [...all, { id, state }],
      );
      if (state.phase === "confirmed") setTimeout(() => dismiss(id), 6_000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ upsert, dismiss }), [upsert, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.slice(-MAX_VISIBLE).map((t) => (
          <div key={t.id} className={`toast toast-${t.state.phase}`} data-testid={`toast-${t.state.phase}`}>
            <strong>{t.state.label}</strong>
            <span className="toast-body">{describePhase(t.state)}</span>
            {t.state.hash && <code className="muted">{t.state.hash.slice(0, 10)}…</code>}
            <button className="link" onClick={() => dismiss(t.id)} aria-label="Dismiss">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToasts must be used inside <ToastProvider>");
  return api;
}
