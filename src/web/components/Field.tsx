// Form fields with a visible label, an optional hint, and an error message right next to the field that
// is announced with it (aria-describedby) and marks it invalid.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { text } from '../lib/texts.ts';

/** A DOM id for a field path such as lines[0].schedule[1].date. */
export const fieldId = (path: string): string => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

interface Common {
  /** Field path; also the key of its error. */
  name: string;
  label: ReactNode;
  error?: string | null | undefined;
  hint?: ReactNode;
  optional?: boolean;
  /** Hides the label visually (it is still the field's name), e.g. in a table with column headers. */
  hiddenLabel?: boolean;
  className?: string;
}

function described(name: string, error: unknown, hint: unknown): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({
  name,
  label,
  error,
  hint,
  optional,
  hiddenLabel,
  className,
  children,
}: Common & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={fieldId(name)} className={hiddenLabel ? 'sr-only' : undefined}>
        {label}
        {optional ? <span className="optional"> {text('common.optional')}</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${fieldId(name)}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

export function TextField({
  name,
  label,
  error,
  hint,
  optional,
  hiddenLabel,
  className,
  ...input
}: InputProps) {
  return (
    <Frame {...{ name, label, error, hint, optional, hiddenLabel, className }}>
      <input
        id={fieldId(name)}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(name, error, hint)}
        {...input}
      />
    </Frame>
  );
}

type SelectProps = Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'id'>;

export function SelectField({
  name,
  label,
  error,
  hint,
  optional,
  hiddenLabel,
  className,
  children,
  ...select
}: SelectProps) {
  return (
    <Frame {...{ name, label, error, hint, optional, hiddenLabel, className }}>
      <select
        id={fieldId(name)}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(name, error, hint)}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

type AreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>;

export function TextArea({ name, label, error, hint, optional, hiddenLabel, className, ...area }: AreaProps) {
  return (
    <Frame {...{ name, label, error, hint, optional, hiddenLabel, className }}>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(name, error, hint)}
        {...area}
      />
    </Frame>
  );
}

/** Moves focus to the first invalid field of a form after a failed submit. */
export function focusFirstError(names: readonly string[]): void {
  for (const name of names) {
    const el = document.getElementById(fieldId(name));
    if (el) {
      el.focus();
      return;
    }
  }
}
