/** An address as the app shows it: 0x1234…abcd. Pure. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
