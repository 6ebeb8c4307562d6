// One not-found page and one bad-link page for every resource (job, project, organization, user):
// a link whose id is not an id at all is caught before the API is asked; a 404 (or the API's
// "not a valid ID") is the resource's not-found page; anything else is the ordinary error view.
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { isDominoApiError } from '../api/http';
import { buttonClasses } from '../components/button';
import { NotFound, type WayBack } from '../components/not-found';
import { useDocumentTitle } from '../hooks/use-document-title';
import { BadLinkError } from './bad-link';
import { RouteError } from './route-error';

/** The lists the resource pages lead back to (plain paths: route files name them without a type cycle). */
export type ListPath = '/jobs' | '/projects' | '/organizations' | '/users' | '/environments' | '/model-apis' | '/models';

export interface ResourcePages {
  /** "job", "project": as in "Job not found", "… is not a valid job id". */
  noun: string;
  /** Why a valid id may still find nothing, for this resource. */
  missing: ReactNode;
  back: { label: string; to: ListPath };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function BadLink({ error, back }: { error: BadLinkError; back: WayBack }) {
  useDocumentTitle('Bad link');
  return (
    <div className="max-w-xl">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">400</p>
      <h1 tabIndex={-1} className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 outline-none dark:text-slate-50">
        Bad link
      </h1>
      <p className="mt-2 break-words text-slate-700 dark:text-slate-300">
        <code className="font-mono text-sm break-all">{error.value}</code> is not a valid {error.noun} id (an id is 24 hexadecimal characters), so this link
        cannot lead anywhere. It may have been cut short or mistyped.
      </p>
      <div className="mt-6">
        <Link {...back.link} className={buttonClasses('primary')}>
          {back.label}
        </Link>
      </div>
    </div>
  );
}

/** The route's errorComponent for a resource page. */
export function resourceErrorComponent(pages: ResourcePages): (props: ErrorComponentProps) => ReactNode {
  const back: WayBack = { label: pages.back.label, link: { to: pages.back.to } };
  return function ResourceError(props: ErrorComponentProps) {
    const { error } = props;
    if (error instanceof BadLinkError) return <BadLink error={error} back={back} />;
    const missing = isDominoApiError(error, 404) || (isDominoApiError(error, 400) && /not a valid ID/i.test(error.message));
    if (missing) {
      return (
        <NotFound title={`${capitalized(pages.noun)} not found`} back={back} requestId={isDominoApiError(error) ? error.requestId : undefined}>
          {pages.missing}
        </NotFound>
      );
    }
    return <RouteError {...props} back={back} />;
  };
}
