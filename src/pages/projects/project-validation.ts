// Checks of what users type into the projects forms. A project name is checked as it is typed,
// with the contract's own rule, and against the user's own names (Domino refuses a second project
// of the same name per owner, in any letter case).
import { NewProjectV1Schema } from '../../api/schemas/projects';
import { asSentence } from '../../components/field';

export interface NameCheck {
  /** The name to send (as typed: white space is an error, not trimmed away). */
  value: string;
  /** Why the name cannot be used, as a sentence. */
  error: string | undefined;
}

export function checkProjectName(name: string, { takenNames = [] }: { takenNames?: readonly string[] } = {}): NameCheck {
  const parsed = NewProjectV1Schema.shape.name.safeParse(name);
  if (!parsed.success) return { value: name, error: asSentence(parsed.error.issues[0]?.message ?? 'name is not valid') };
  const lower = name.toLocaleLowerCase();
  if (takenNames.some((taken) => taken.toLocaleLowerCase() === lower)) return { value: name, error: `You already have a project named “${name}”.` };
  return { value: name, error: undefined };
}

/** A name for a copy that the user does not own yet: name-copy, name-copy-2, ... */
export function copyNameFor(name: string, takenNames: readonly string[]): string {
  const taken = new Set(takenNames.map((n) => n.toLocaleLowerCase()));
  const base = `${name}-copy`.slice(0, 100);
  if (!taken.has(base.toLocaleLowerCase())) return base;
  for (let n = 2; n < 1000; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, 100 - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
  return base;
}

// git@host:owner/repo or http(s)://host/...: the forms Domino accepts for a main repository.
const REPOSITORY_URI = /^(https?:\/\/\S+|git@[^\s:]+:\S+|ssh:\/\/\S+)$/i;

export function repositoryUriError(uri: string): string | undefined {
  const value = uri.trim();
  if (!value) return undefined;
  return REPOSITORY_URI.test(value) ? undefined : 'Enter a git URL such as https://github.com/acme/churn.git or git@github.com:acme/churn.git.';
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Dataset ids are 24-hex ObjectIds; anything else cannot name one. */
export function datasetIdError(id: string): string | undefined {
  const value = id.trim();
  if (!value) return 'Enter the id of the dataset.';
  return OBJECT_ID.test(value) ? undefined : 'A dataset id is 24 hexadecimal characters, e.g. 64f1c2a9e4b0a1b2c3d4e5f6.';
}
