import { useEffect } from 'react';

const APP_NAME = 'Domino Console';

/** Names the browser tab after the page, so tabs and history entries are told apart. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
