/** A moment as people read it in lists and details: "1 Dec 2026, 14:05", in their own locale and zone. */
export const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
