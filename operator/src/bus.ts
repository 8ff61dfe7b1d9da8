/**
 * In-process publish/subscribe between the service and WebSocket connections. Market messages
 * are keyed by outcome token id (Polymarket's `asset_id`), user messages by lower-case address.
 */
export type Message = Record<string, unknown>;
export type Listener = (message: Message) => void;

export class Bus {
  private readonly market = new Map<string, Set<Listener>>();
  private readonly user = new Map<string, Set<Listener>>();

  private static add(map: Map<string, Set<Listener>>, key: string, listener: Listener): () => void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) map.delete(key);
    };
  }

  subscribeMarket(assetId: string, listener: Listener): () => void {
    return Bus.add(this.market, assetId, listener);
  }

  subscribeUser(address: string, listener: Listener): () => void {
    return Bus.add(this.user, address.toLowerCase(), listener);
  }

  hasMarketListeners(assetId: string): boolean {
    return this.market.has(assetId);
  }

  publishMarket(assetId: string, message: Message): void {
    for (const listener of this.market.get(assetId) ?? []) listener(message);
  }

  publishUser(address: string, message: Message): void {
    for (const listener of this.user.get(address.toLowerCase()) ?? []) listener(message);
  }
}
