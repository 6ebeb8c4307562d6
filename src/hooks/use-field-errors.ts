// When a form shows a field's problem: after a submit attempt, or once the user leaves a field
// they typed in (an untouched empty field is not yet wrong, and a message appearing while typing
// is noise). Once shown, the message follows the value, so fixing it clears it.
import { useState } from 'react';

export interface FieldErrors<F extends string> {
  /** The message field `field` shows now. */
  shown: (field: F) => string | undefined;
  /** The user typed in `field`. */
  edit: (field: F) => void;
  /** The user left `field`: its problem shows if they had typed in it. */
  blur: (field: F) => void;
  /** A submit attempt: every problem shows. Returns whether there are none. */
  submit: () => boolean;
}

export function useFieldErrors<F extends string>(errors: Partial<Record<F, string | undefined>>): FieldErrors<F> {
  const [submitted, setSubmitted] = useState(false);
  const [edited, setEdited] = useState<ReadonlySet<F>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<F>>(new Set());
  return {
    shown: (field) => (submitted || touched.has(field) ? errors[field] : undefined),
    edit: (field) => setEdited((previous) => (previous.has(field) ? previous : new Set(previous).add(field))),
    blur: (field) => {
      if (edited.has(field) && !touched.has(field)) setTouched((previous) => new Set(previous).add(field));
    },
    submit: () => {
      setSubmitted(true);
      return !Object.values(errors).some(Boolean);
    },
  };
}
