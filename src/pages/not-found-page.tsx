import { Link } from '@tanstack/react-router';
import { buttonClasses } from '../components/button';
import { useDocumentTitle } from '../hooks/use-document-title';

/** Any address the console has no page for. */
export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="max-w-xl">
      <p className="text-sm font-semibold text-slate-600 dark:text-slate-400">404</p>
      <h1 tabIndex={-1} className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 outline-none dark:text-slate-50">
        Page not found
      </h1>
      <p className="mt-2 text-slate-700 dark:text-slate-300">There is no page at this address in the Domino Console. Check the address, or start again from the overview.</p>
      <div className="mt-6">
        <Link to="/" className={buttonClasses('primary')}>
          Go to the overview
        </Link>
      </div>
    </div>
  );
}
