// A metric's target range (the acceptable values): edit it and save it as the metric's configured
// range (the `metric-ranges` extension: logged values outside it raise alerts), remove it (after a
// confirmation), or check one value against it, which records an alert (POST /api/metricAlerts/v1,
// Domino's own way of raising one). Limits are checked against the contract before anything is sent.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { monitoringMutations } from '../../api/monitoring';
import { LIMITS_OF_CONDITION, TARGET_RANGE_CONDITIONS, TargetRangeV1Schema, type TargetRangeConditionV1 } from '../../api/schemas/monitoring';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { ApiErrorAlert, InlineAlert } from '../../components/inline-alert';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { describeRange, type TargetRange } from './target-range';

const CONDITION_LABELS: Record<TargetRangeConditionV1, string> = {
  lessThan: 'less than (<)',
  lessThanEqual: 'at most (≤)',
  greaterThan: 'greater than (>)',
  greaterThanEqual: 'at least (≥)',
  between: 'between (inclusive)',
};

const asNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The range the fields describe, or what is wrong with them (the contract's own words). */
export function rangeFromFields(condition: TargetRangeConditionV1, lower: string, upper: string): { range?: TargetRange; problem?: string } {
  const needed = LIMITS_OF_CONDITION[condition];
  const body = {
    condition,
    ...(needed.includes('lowerLimit') ? { lowerLimit: asNumber(lower) } : {}),
    ...(needed.includes('upperLimit') ? { upperLimit: asNumber(upper) } : {}),
  };
  for (const [name, value] of Object.entries(body))
    if (typeof value === 'number' && !Number.isFinite(value)) return { problem: `The ${name === 'lowerLimit' ? 'lower' : 'upper'} limit is not a number` };
  const parsed = TargetRangeV1Schema.safeParse(body);
  if (!parsed.success) return { problem: (parsed.error.issues[0]?.message ?? 'The range is not valid').replace(/ \(a limit of 0.*\)$/, '') };
  return { range: parsed.data };
}

export function TargetRangeForm({
  modelMonitoringId,
  metric,
  current,
  canConfigure,
}: {
  modelMonitoringId: string;
  metric: string;
  current?: TargetRange;
  /** Whether this Domino keeps configured ranges (the `metric-ranges` extension). */
  canConfigure: boolean;
}) {
  const [condition, setCondition] = useState<TargetRangeConditionV1>((current?.condition as TargetRangeConditionV1 | undefined) ?? 'between');
  const [lower, setLower] = useState(current?.lowerLimit === undefined ? '' : String(current.lowerLimit));
  const [upper, setUpper] = useState(current?.upperLimit === undefined ? '' : String(current.upperLimit));
  const [value, setValue] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  const save = useMutation(monitoringMutations.setRange());
  const alert = useMutation(monitoringMutations.sendAlert());
  const remove = useConfirmedMutation(useMutation(monitoringMutations.removeRange()), {
    variables: () => ({ modelMonitoringId, metric }),
    successTitle: () => `The target range of ${metric} was removed`,
  });
  const { range, problem } = rangeFromFields(condition, lower, upper);
  const needed = LIMITS_OF_CONDITION[condition];
  const numeric = asNumber(value);
  const valueProblem = numeric === undefined ? 'Type the value to check' : Number.isFinite(numeric) ? undefined : `“${value}” is not a number`;

  function onSave(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    setDone(undefined);
    if (!range || save.isPending) return;
    save.mutate({ modelMonitoringId, metric, range }, { onSuccess: () => setDone(`Saved: values of ${metric} should be ${describeRange(range)}.`) });
  }

  function onCheck() {
    setTried(true);
    setDone(undefined);
    if (!range || valueProblem || alert.isPending) return;
    alert.mutate(
      { modelMonitoringId, metric, value: numeric!, targetRange: range, description: 'Checked from the console' },
      { onSuccess: () => setDone(`An alert was recorded for ${numeric} against ${describeRange(range)}.`) },
    );
  }

  const apiError = save.isError ? errorDetails(save.error) : alert.isError ? errorDetails(alert.error) : undefined;
  return (
    <form onSubmit={onSave} noValidate aria-label="Target range" className="space-y-4">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {current ? <>Configured: {describeRange(current)}. Logged values outside it raise alerts.</> : 'No range is configured for this metric.'}
      </p>
      <div className="grid gap-4 sm:grid-cols-4">
        <SelectField label="Acceptable values are" value={condition} onChange={(event) => setCondition(event.target.value as TargetRangeConditionV1)}>
          {TARGET_RANGE_CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {CONDITION_LABELS[c]}
            </option>
          ))}
        </SelectField>
        {needed.includes('lowerLimit') ? (
          <TextField label="Lower limit" inputMode="decimal" value={lower} onChange={(event) => setLower(event.target.value)} autoComplete="off" />
        ) : null}
        {needed.includes('upperLimit') ? (
          <TextField label="Upper limit" inputMode="decimal" value={upper} onChange={(event) => setUpper(event.target.value)} autoComplete="off" />
        ) : null}
        <TextField
          label="Value to check (optional)"
          inputMode="decimal"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={tried && value.trim() !== '' ? valueProblem : undefined}
          autoComplete="off"
        />
      </div>
      {tried && problem ? <InlineAlert title="The range is not complete">{problem}</InlineAlert> : null}
      {apiError ? <ApiErrorAlert title="Domino refused it" error={apiError} /> : null}
      {done ? <InlineAlert tone="info">{done}</InlineAlert> : null}
      <div className="flex flex-wrap gap-2">
        {canConfigure ? (
          <Button type="submit" variant="primary" aria-disabled={save.isPending || undefined}>
            {save.isPending ? 'Saving…' : 'Save as the target range'}
          </Button>
        ) : null}
        <Button type="button" onClick={onCheck} aria-disabled={alert.isPending || value.trim() === '' || undefined}>
          {alert.isPending ? 'Checking…' : 'Check the value and record an alert'}
        </Button>
        {canConfigure && current ? (
          <Button type="button" variant="danger" onClick={() => remove.ask(undefined)}>
            Remove the range
          </Button>
        ) : null}
      </div>
      <ConfirmDialog {...remove.dialog} title={`Remove the target range of ${metric}?`} confirmLabel="Remove">
        Logged values stop raising alerts, and the chart loses its band. Alerts already raised stay.
      </ConfirmDialog>
    </form>
  );
}
