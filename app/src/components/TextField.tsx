import type { InputHTMLAttributes, ReactNode } from "react";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The field's validation message, if any, under the input. */
  error?: ReactNode;
  /** A note between the input and its error (e.g. the chain's clock). */
  children?: ReactNode;
}

/** A labelled form input: the label names it, the message under it says what to fix. */
export function TextField({ label, value, onChange, error, children, ...input }: Props) {
  return (
    <label className="field">
      {label}
      <input {...input} value={value} onChange={(e) => onChange(e.target.value)} />
      {children}
      {error}
    </label>
  );
}
