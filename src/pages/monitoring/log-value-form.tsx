// Logs one value of a metric (POST /api/metricValues/v1), checked against the contract first; the
// server's 400 (which names the field) is shown as it said it.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { monitoringMutations } from '../../api/monitoring';
import { NewMetricValueV1Schema, type NewMetricValueV1 } from '../../api/schemas/monitoring';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { ApiErrorAlert, InlineAlert } from '../../components/inline-alert';
import { useFieldErrors } from '../../hooks/use-field-errors';

type Field = 'value' | 'referenceTimestamp' | 'tags';

/** "region=eu, segment=sme" → tags; the first piece without a key=value shape is the problem. */
export function parseTags(text: string): { tags: { key: string; value: string }[]; problem?: string } {
  const tags: { key: string; value: string }[] = [];
  for (const piece of text.split(',').map((part) => part.trim())) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    if (equals <= 0) return { tags, problem: `“${piece}” is not key=value` };
    tags.push({ key: piece.slice(0, equals).trim(), value: piece.slice(equals + 1).trim() });
  }
  return { tags };
}

/** Now, as RFC 3339 in UTC to the second. */
function nowStamp(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function LogValueForm({ modelMonitoringId, metric }: { modelMonitoringId: string; metric: string }) {
  const log = useMutation(monitoringMutations.log());
  const [value, setValue] = useState('');
  const [timestamp, setTimestamp] = useState(nowStamp);
  const [tags, setTags] = useState('');
  const [logged, setLogged] = useState<string | undefined>();

  const errors: Partial<Record<Field, string>> = {};
  const numeric = value.trim() === '' ? Number.NaN : Number(value);
  if (value.trim() === '') errors.value = 'The value is required';
  else if (!Number.isFinite(numeric)) errors.value = `“${value}” is not a finite number`;
  const parsedTags = parseTags(tags);
  if (parsedTags.problem) errors.tags = parsedTags.problem;
  const body: NewMetricValueV1 = {
    modelMonitoringId,
    metric,
    value: numeric,
    referenceTimestamp: timestamp.trim(),
    ...(parsedTags.tags.length ? { tags: parsedTags.tags } : {}),
  };
  const stamp = NewMetricValueV1Schema.shape.referenceTimestamp.safeParse(body.referenceTimestamp);
  if (!stamp.success) errors.referenceTimestamp = stamp.error.issues[0]?.message.replace(/^referenceTimestamp/, 'The time');
  const fields = useFieldErrors<Field>(errors);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (log.isPending || !fields.submit()) return;
    setLogged(undefined);
    log.mutate(body, {
      onSuccess: () => {
        setLogged(`Logged ${numeric} at ${body.referenceTimestamp}.`);
        setValue('');
      },
    });
  }

  const apiError = log.isError ? errorDetails(log.error) : undefined;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Log a value" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Value"
          inputMode="decimal"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            fields.edit('value');
          }}
          onBlur={() => fields.blur('value')}
          error={fields.shown('value')}
          autoComplete="off"
        />
        <TextField
          label="Time"
          value={timestamp}
          onChange={(event) => {
            setTimestamp(event.target.value);
            fields.edit('referenceTimestamp');
          }}
          onBlur={() => fields.blur('referenceTimestamp')}
          error={fields.shown('referenceTimestamp')}
          hint="RFC 3339 with a timezone, e.g. 2026-12-01T09:30:00Z or 2026-12-01T10:30:00+01:00."
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Tags (optional)"
          value={tags}
          onChange={(event) => {
            setTags(event.target.value);
            fields.edit('tags');
          }}
          onBlur={() => fields.blur('tags')}
          error={fields.shown('tags')}
          hint="key=value, separated by commas."
          autoComplete="off"
        />
      </div>
      {apiError ? <ApiErrorAlert title="The value was not logged" error={apiError} /> : null}
      {logged ? <InlineAlert tone="info">{logged}</InlineAlert> : null}
      <Button type="submit" variant="primary" aria-disabled={log.isPending || undefined}>
        {log.isPending ? 'Logging…' : 'Log value'}
      </Button>
    </form>
  );
}
