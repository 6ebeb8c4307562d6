import { Button } from './button';

/**
 * A row's destructive button (Remove, Unlink, Delete) that opens its confirmation. Its accessible
 * name says what it removes, since a table has one per row: "Remove git credential deploy-key".
 */
export function RemoveButton({
  label = 'Remove',
  what,
  onClick,
  disabled,
  describedBy,
}: {
  label?: string;
  what: string;
  onClick: () => void;
  disabled?: boolean;
  /** The id of the text saying why it is disabled. */
  describedBy?: string;
}) {
  return (
    <Button size="sm" variant="ghost-danger" onClick={onClick} disabled={disabled} aria-label={`${label} ${what}`} aria-describedby={describedBy}>
      {label}
    </Button>
  );
}
