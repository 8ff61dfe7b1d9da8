/**
 * Names of the local chain's dev accounts, as `npm run dev` lists them in the terminal
 * (scripts/lib/demo-accounts.ts: the seed's people and the services' signers).
 */
const NAMED: Readonly<Record<number, string>> = {
  0: "deployer",
  1: "alice",
  2: "bob",
  3: "carol",
  4: "dave",
  18: "operator",
  19: "keeper",
};

/** "alice (#1)" for a named account, "Dev account #7" otherwise. */
export function devAccountLabel(index: number): string {
  const name = NAMED[index];
  return name ? `${name} (#${index})` : `Dev account #${index}`;
}
