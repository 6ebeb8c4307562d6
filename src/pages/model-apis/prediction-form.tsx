// The async prediction form: parameters as a JSON object (checked as typed), sent to the Model
// API, then the prediction polled until its result — or the model's error — arrives.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorDetails } from '../../api/error-details';
import { modelApisMutations, modelApisQueries, TERMINAL_PREDICTION_STATUSES } from '../../api/model-apis';
import { Button } from '../../components/button';
import { TextAreaField } from '../../components/field';
import { InlineAlert } from '../../components/inline-alert';

/** Why the text is not a JSON object, or undefined when it is one. */
export function parametersProblem(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'The parameters must be a JSON object, e.g. {"x": 1}';
  return undefined;
}

function PredictionResult({ modelApiId, predictionId }: { modelApiId: string; predictionId: string }) {
  const prediction = useQuery(modelApisQueries.prediction(modelApiId, predictionId));
  const statusId = useId();
  if (prediction.isError) return <InlineAlert title="Could not read the prediction">{errorDetails(prediction.error).messages.join(' ')}</InlineAlert>;
  const data = prediction.data;
  const status = data?.status ?? 'Pending';
  const done = TERMINAL_PREDICTION_STATUSES.includes(status);
  return (
    <section aria-labelledby={statusId} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <p id={statusId} className="text-sm" role="status">
        Prediction <code className="font-mono text-xs">{predictionId}</code>: <strong>{status}</strong>
        {done ? null : '…'}
      </p>
      {data?.result ? (
        <pre aria-label="Result" className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100">
          {JSON.stringify(data.result, null, 2)}
        </pre>
      ) : null}
      {data?.errors?.length ? <InlineAlert title="The model failed">{data.errors.join(' ')}</InlineAlert> : null}
    </section>
  );
}

export function PredictionForm({ modelApiId, example }: { modelApiId: string; example?: string }) {
  const [text, setText] = useState(example ?? '{\n  \n}');
  const [problem, setProblem] = useState<string | undefined>();
  const [predictionId, setPredictionId] = useState<string | undefined>();
  const predict = useMutation(modelApisMutations.predict());
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = parametersProblem(text);
    setProblem(found);
    if (found) return;
    predict.mutate(
      { modelApiId, parameters: JSON.parse(text) as Record<string, unknown> },
      { onSuccess: (answer) => setPredictionId(answer.asyncPredictionId) },
    );
  }
  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <TextAreaField
          label="Parameters (JSON object)"
          value={text}
          rows={5}
          spellCheck={false}
          className="font-mono"
          onChange={(event) => {
            setText(event.target.value);
            if (problem) setProblem(parametersProblem(event.target.value));
          }}
          error={problem}
          hint="Passed to the model's function as keyword arguments."
        />
        <Button type="submit" variant="primary" aria-disabled={predict.isPending || undefined}>
          {predict.isPending ? 'Sending…' : 'Send prediction'}
        </Button>
      </form>
      {predict.isError ? <InlineAlert title="Not accepted">{errorDetails(predict.error).messages.join(' ')}</InlineAlert> : null}
      {predictionId ? <PredictionResult key={predictionId} modelApiId={modelApiId} predictionId={predictionId} /> : null}
    </div>
  );
}
