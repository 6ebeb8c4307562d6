import type { ProjectVisibilityV1 } from '../../api/schemas/projects';
import { RadioCards } from '../../components/radio-cards';
import { visibilityLabel, visibilityMeaning } from './visibility-badge';

/** One radio per visibility, each with what it means; the caller wraps it in a fieldset. */
export function VisibilityRadios({
  value,
  onChange,
  options,
}: {
  value: ProjectVisibilityV1;
  onChange: (value: ProjectVisibilityV1) => void;
  options: readonly ProjectVisibilityV1[];
}) {
  return <RadioCards value={value} onChange={onChange} options={options} label={visibilityLabel} meaning={visibilityMeaning} />;
}
