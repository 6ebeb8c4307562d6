// What a revision is built from, as form fields: shared by the new-environment and new-revision
// forms. The text is turned into the contract's NewEnvironmentRevisionV1 here, and checked against
// the contract's own schema, so the form says what the server would refuse before it is asked.
import type { ReactNode } from 'react';
import { NewEnvironmentRevisionV1Schema, type NewEnvironmentRevisionV1 } from '../../api/schemas/environments';
import { TextAreaField, TextField } from '../../components/field';

export interface RevisionDraft {
  image: string;
  dockerfileInstructions: string;
  /** KEY=value, one a line. */
  environmentVariables: string;
  preRunScript: string;
  postRunScript: string;
  /** Comma-separated. */
  tags: string;
  summary: string;
}

export type RevisionField = keyof RevisionDraft;

export const EMPTY_REVISION: RevisionDraft = {
  image: '',
  dockerfileInstructions: '',
  environmentVariables: '',
  preRunScript: '',
  postRunScript: '',
  tags: '',
  summary: '',
};

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** "A=1\nB=two" → [{key, value}]; the first problem, with its line number, when a line is not KEY=value. */
export function parseVariables(text: string): { variables: { key: string; value: string }[]; problem?: string } {
  const variables: { key: string; value: string }[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const equals = line.indexOf('=');
    const key = equals < 0 ? line : line.slice(0, equals).trim();
    if (equals < 0) return { variables, problem: `Line ${index + 1} has no “=”: write KEY=value` };
    if (!VARIABLE_NAME.test(key))
      return { variables, problem: `Line ${index + 1}: “${key}” is not a variable name (letters, digits and _, not starting with a digit)` };
    variables.push({ key, value: line.slice(equals + 1) });
  }
  return { variables };
}

export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** The draft as the contract's body (empty fields left out), and the problems by field. */
export function revisionBody(draft: RevisionDraft, { imageRequired }: { imageRequired: boolean }) {
  const errors: Partial<Record<RevisionField, string>> = {};
  const { variables, problem } = parseVariables(draft.environmentVariables);
  if (problem) errors.environmentVariables = problem;
  const tags = parseTags(draft.tags);
  const body: NewEnvironmentRevisionV1 = {
    ...(draft.image.trim() ? { image: draft.image.trim() } : {}),
    ...(draft.dockerfileInstructions.trim() ? { dockerfileInstructions: draft.dockerfileInstructions } : {}),
    ...(variables.length ? { environmentVariables: variables } : {}),
    ...(draft.preRunScript.trim() ? { preRunScript: draft.preRunScript } : {}),
    ...(draft.postRunScript.trim() ? { postRunScript: draft.postRunScript } : {}),
    ...(tags.length ? { tags } : {}),
    ...(draft.summary.trim() ? { summary: draft.summary.trim() } : {}),
  };
  if (imageRequired && !body.image) errors.image = 'The base image is required, e.g. quay.io/domino/domino-standard-environment:ubuntu22-py3.11';
  const parsed = NewEnvironmentRevisionV1Schema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as RevisionField | undefined;
      if (field && field in draft && !errors[field]) errors[field] = issue.message;
    }
  }
  return { body, errors };
}

export interface RevisionFieldsProps {
  draft: RevisionDraft;
  onChange: (field: RevisionField, value: string) => void;
  onBlur: (field: RevisionField) => void;
  /** The message a field shows now (after submit, or after the user left it). */
  errorOf: (field: RevisionField) => string | undefined;
  imageHint?: ReactNode;
}

export function RevisionFields({ draft, onChange, onBlur, errorOf, imageHint }: RevisionFieldsProps) {
  const text = (field: RevisionField) => ({
    value: draft[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
    onBlur: () => onBlur(field),
    error: errorOf(field),
  });
  const mono = 'font-mono';
  return (
    <>
      <TextField label="Base image" {...text('image')} hint={imageHint} className={mono} autoComplete="off" spellCheck={false} />
      <TextAreaField
        label="Dockerfile instructions (optional)"
        {...text('dockerfileInstructions')}
        rows={4}
        className={mono}
        spellCheck={false}
        hint="ENV and ARG set the run's variables; RUN lines run at build time into a directory put on the job's PATH. FROM is not allowed (the image is above)."
      />
      <TextAreaField
        label="Environment variables (optional)"
        {...text('environmentVariables')}
        rows={2}
        className={mono}
        spellCheck={false}
        hint="One KEY=value a line."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextAreaField label="Pre-run script (optional)" {...text('preRunScript')} rows={2} className={mono} spellCheck={false} />
        <TextAreaField label="Post-run script (optional)" {...text('postRunScript')} rows={2} className={mono} spellCheck={false} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Tags (optional)" {...text('tags')} hint="Separated by commas." autoComplete="off" />
        <TextField label="Summary of this revision (optional)" {...text('summary')} autoComplete="off" />
      </div>
    </>
  );
}
