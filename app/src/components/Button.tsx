import type { ButtonHTMLAttributes } from "react";

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** When set, the button is disabled and this reason is shown inline and as a tooltip. */
  disabledReason?: string | undefined;
}

/** A button that never is disabled without saying why. */
export function Button({ disabledReason, className, children, ...rest }: Props) {
  const disabled = Boolean(disabledReason) || rest.disabled;
  return (
    <span className="button-wrap">
      <button {...rest} className={className ?? "primary"} disabled={disabled} title={disabledReason ?? rest.title}>
        {children}
      </button>
      {disabledReason && (
        <small className="why" data-testid="disabled-reason">
          {disabledReason}
        </small>
      )}
    </span>
  );
}
