import type { ComponentProps } from "react";

import type { TxRequest, TxResult } from "../hooks/useTx.ts";
import { Button } from "./Button.tsx";

interface Props extends Omit<ComponentProps<typeof Button>, "onClick"> {
  /** `run` of the component's `useTx()` (whose state the component's disabled reasons read). */
  run: (request: TxRequest) => Promise<TxResult>;
  /** The transaction a click sends; undefined while there is none to send (e.g. an invalid amount). */
  request: TxRequest | undefined;
}

/** A button that sends one transaction through the transaction helper, and says why when it cannot. */
export function TxButton({ run, request, ...rest }: Props) {
  return <Button {...rest} onClick={() => request && void run(request)} />;
}
