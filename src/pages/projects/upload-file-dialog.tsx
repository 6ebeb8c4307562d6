import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { projectFilesMutations } from '../../api/project-files';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';
import { toastStore } from '../../lib/toast-store';
import { formatBytes, joinPath, normalisePath, shortCommit } from './file-paths';

// The embedded Domino takes at most 50 MB in one upload.
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export function targetPathError(path: string): string | undefined {
  const clean = normalisePath(path);
  if (!clean) return 'Enter where to put the file, e.g. data/train.csv.';
  if (clean.split('/').some((segment) => segment === '..')) return 'The path must stay inside the project (no “..”).';
  if (clean.length > 1024) return 'The path can be at most 1024 characters.';
  return undefined;
}

function UploadForm({
  projectId,
  directory,
  onClose,
  onUploaded,
}: {
  projectId: string;
  directory: string;
  onClose: () => void;
  onUploaded: (path: string, commitId: string) => void;
}) {
  const fileId = useId();
  const fileErrorId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const pathRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState(directory ? `${directory}/` : '');
  const [pathEdited, setPathEdited] = useState(false);
  const [message, setMessage] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const upload = useMutation(projectFilesMutations.commitFile(projectId));

  const fileError = !file
    ? 'Choose a file to upload.'
    : file.size > MAX_UPLOAD_BYTES
      ? `The file is ${formatBytes(file.size)}; at most ${formatBytes(MAX_UPLOAD_BYTES)} can be uploaded at once.`
      : undefined;
  const pathError = targetPathError(path);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (upload.isPending) return;
    setSubmitted(true);
    if (fileError || !file) return fileRef.current?.focus();
    if (pathError) return pathRef.current?.focus();
    const target = normalisePath(path);
    upload.mutate(
      { projectId, path: target, message, content: file },
      {
        onSuccess: (saved) => {
          toastStore.push({
            tone: 'success',
            title: `Committed ${saved.path}`,
            description: `Commit ${shortCommit(saved.commitId)}, ${formatBytes(saved.size)}.`,
          });
          onClose();
          onUploaded(saved.path, saved.commitId);
        },
      },
    );
  }

  const apiError = upload.isError ? errorDetails(upload.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="space-y-1.5">
        <label htmlFor={fileId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
          File
        </label>
        <input
          ref={fileRef}
          id={fileId}
          type="file"
          aria-invalid={submitted && fileError ? true : undefined}
          aria-describedby={submitted && fileError ? fileErrorId : undefined}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setFile(chosen);
            // The target follows the chosen file until the user writes their own.
            if (chosen && !pathEdited) setPath(joinPath(directory, chosen.name));
          }}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 dark:text-slate-300 dark:file:border-slate-600 dark:file:bg-slate-900 dark:file:text-slate-100"
        />
        {file ? <p className="text-xs text-slate-600 dark:text-slate-400">{formatBytes(file.size)}</p> : null}
        {submitted && fileError ? (
          <p id={fileErrorId} className="text-sm text-red-700 dark:text-red-300">
            {fileError}
          </p>
        ) : null}
      </div>
      <TextField
        ref={pathRef}
        label="Path in the project"
        value={path}
        onChange={(event) => {
          setPath(event.target.value);
          setPathEdited(true);
        }}
        error={submitted ? pathError : undefined}
        hint="Folders are created as needed. A file already at this path gets a new version; the old one stays in the history."
        autoComplete="off"
        spellCheck={false}
        required
      />
      <TextField
        label="Commit message (optional)"
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        placeholder={`Add ${normalisePath(path) || 'file'}`}
        autoComplete="off"
        maxLength={2000}
      />
      {apiError ? <InlineAlert title="The file was not uploaded">{apiError.messages.join(' ')}</InlineAlert> : null}
      <DialogActions>
        <Button onClick={upload.isPending ? undefined : onClose} aria-disabled={upload.isPending || undefined}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" aria-disabled={upload.isPending || undefined}>
          {upload.isPending ? 'Uploading…' : 'Upload and commit'}
        </Button>
      </DialogActions>
    </form>
  );
}

export function UploadFileDialog({
  open,
  onClose,
  projectId,
  directory,
  onUploaded,
}: {
  open: boolean;
  onClose: () => void;
  projectId: string;
  /** The folder being browsed: the default place for the file. */
  directory: string;
  onUploaded: (path: string, commitId: string) => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Upload file" description="The file is committed to the main branch of the project." size="lg">
      <UploadForm projectId={projectId} directory={directory} onClose={onClose} onUploaded={onUploaded} />
    </Dialog>
  );
}
