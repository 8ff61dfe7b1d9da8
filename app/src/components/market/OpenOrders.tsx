import { useState } from "react";
import { useConnection } from "wagmi";

import { useCancelOrders, useOpenOrders } from "../../hooks/useOrders.ts";
import { Button } from "../Button.tsx";
import { OrderCells } from "../OrderCells.tsx";

/** The connected account's open orders in one condition, each with Cancel, and Cancel all. */
export function OpenOrders({
  conditionId,
  outcomes,
}: {
  conditionId: `0x${string}`;
  outcomes: { tokenId: bigint; outcome: string }[];
}) {
  const { isConnected } = useConnection();
  const orders = useOpenOrders(conditionId);
  const { cancel, busy } = useCancelOrders();
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  if (!isConnected) return null;
  const list = orders.data ?? [];
  const name = (tokenId: bigint) => outcomes.find((o) => o.tokenId === tokenId)?.outcome ?? "?";
  const run = async (hashes: `0x${string}`[]) => {
    setResult(undefined);
    setResult(await cancel(conditionId, hashes));
  };
  return (
    <div className="panel" data-testid="open-orders">
      <h2>My open orders</h2>
      {orders.error && <p className="error">Could not load your orders: {orders.error.message}</p>}
      {list.length === 0 ? (
        <p className="muted">No open orders in this market.</p>
      ) : (
        <table>
          <tbody>
            {list.map((o) => (
              <tr key={o.id} data-testid="open-order">
                <OrderCells order={o} outcome={name(o.tokenId)} busy={busy} onCancel={() => void run([o.id])} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Button
        className="secondary"
        disabledReason={list.length === 0 ? "No open orders to cancel" : busy ? "Cancelling…" : undefined}
        onClick={() => void run([])}
      >
        Cancel all in this market
      </Button>
      {result && (
        <p className={result.ok ? "ok-text" : "error"} data-testid="cancel-message" role="status">
          {result.message}
        </p>
      )}
    </div>
  );
}
