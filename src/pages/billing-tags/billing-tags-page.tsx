// The billing tags admin page: the tags (filtered by status in the URL), adding several at once,
// deactivating after a confirmation, re-activating, and the mode and notifications. Site admins
// only; others are told why and see the active tags. Against a real Domino, which lists active
// tags only, the status filter is not offered (the embedded `billing-tags-all` lists them all).
import { useMutation, useQuery } from '@tanstack/react-query';
import { createLazyRoute, getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { RadioCards } from '../../components/radio-cards';
import { billingTagsMutations, billingTagsQueries, type BillingTagSettingsState } from '../../api/billing-tags';
import { embeddedQueries, hasExtension, type EmbeddedStatus } from '../../api/embedded';
import { errorDetails, errorMessage } from '../../api/error-details';
import { organizationsQueries } from '../../api/organizations';
import { BILLING_TAG_MODES, billingTagName, type BillingTagMode, type BillingTagSummary } from '../../api/schemas/billing-tags';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorPanel } from '../../components/error-panel';
import { TextAreaField, TextField } from '../../components/field';
import { FilterSelect, optionsFrom } from '../../components/filter-select';
import { InlineAlert } from '../../components/inline-alert';
import { PageHeader } from '../../components/page-header';
import { PageSection } from '../../components/page-section';
import { Pagination } from '../../components/pagination';
import { PastLastPage } from '../../components/past-last-page';
import { SearchBox } from '../../components/search-box';
import { TableSkeleton } from '../../components/skeleton';
import { Table, TableBody, TableHead, Td, Th } from '../../components/table';
import { useConfirmedMutation } from '../../hooks/use-confirmed-mutation';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useTableUrlState } from '../../hooks/use-table-url-state';
import { toastStore } from '../../lib/toast-store';
import { BILLING_TAG_MODE_TEXT } from './billing-tag-modes';
import type { BILLING_TAG_STATUS_FILTERS } from './billing-tags-routes';

const routeApi = getRouteApi('/admin/billing-tags');

const STATUS_LABELS: Record<(typeof BILLING_TAG_STATUS_FILTERS)[number], string> = { all: 'All tags', active: 'Active', inactive: 'Inactive' };

/** Whether the caller is a site admin: the embedded Domino says so; a real one shows it in whether organizations/all answers. */
function useCanManage(info: EmbeddedStatus | undefined) {
  const probe = useQuery({ ...organizationsQueries.canListAll(), enabled: info !== undefined && !info.embedded });
  if (!info) return undefined;
  return info.embedded ? info.callerIsAdmin : probe.data;
}

/** The names typed into the box: split on commas, spaces and lines, without repeats (ignoring case). */
export function parseTagNames(text: string): { names: string[]; errors: string[] } {
  const seen = new Set<string>();
  const names: string[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    if (!raw) continue;
    const parsed = billingTagName('tag').safeParse(raw);
    if (!parsed.success) errors.push(parsed.error.issues[0]?.message ?? `"${raw}" is not a valid billing tag`);
    else if (!seen.has(parsed.data.toLowerCase())) {
      seen.add(parsed.data.toLowerCase());
      names.push(parsed.data);
    }
  }
  return { names, errors };
}

function AddTagsForm() {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const upsert = useMutation(billingTagsMutations.upsert());
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseTagNames(text);
    if (parsed.errors.length > 0 || parsed.names.length === 0) {
      setErrors(parsed.errors.length > 0 ? parsed.errors : ['Type at least one tag name']);
      return;
    }
    setErrors([]);
    upsert.mutate(parsed.names, {
      onSuccess: (tags) => {
        setText('');
        toastStore.push({ tone: 'success', title: tags.length === 1 ? `Added ${tags[0]}` : `Added ${tags.length} tags` });
      },
    });
  }
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Add billing tags" noValidate>
      <TextAreaField
        label="New tags"
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={'cc-1001-research\ncc-2040-marketing'}
        hint="Several at once: one per line, or separated by commas or spaces. Up to 64 letters, digits, “.”, “_” or “-”, starting with a letter or digit. Adding an inactive tag again re-activates it."
        error={errors.length > 0 ? errors.join('. ') : undefined}
      />
      {upsert.error ? <InlineAlert title="The tags were not added">{errorMessage(upsert.error)}</InlineAlert> : null}
      <Button type="submit" variant="primary" aria-disabled={upsert.isPending || undefined}>
        {upsert.isPending ? 'Adding…' : 'Add tags'}
      </Button>
    </form>
  );
}

/** One tag by name, active or not (GET /billingtags/{tag}): where the list shows active tags only, the way to see an inactive one. */
function LookUpTagForm() {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const found = useQuery({ ...billingTagsQueries.byName(asked ?? ''), enabled: asked !== undefined });
  const upsert = useMutation(billingTagsMutations.upsert());
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = billingTagName('The tag').safeParse(text);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Type a tag name');
      return;
    }
    setProblem(undefined);
    setAsked(parsed.data);
  }
  let result = null;
  if (asked !== undefined) {
    if (found.isPending) result = <p className="text-sm text-slate-600 dark:text-slate-400">Looking up {asked}…</p>;
    else if (found.isError) result = <InlineAlert title="The tag could not be looked up">{errorMessage(found.error)}</InlineAlert>;
    else if (found.data === null)
      result = (
        <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
          No tag is named <span className="font-mono">{asked}</span>. Add it to create it.
        </p>
      );
    else {
      const tag = found.data;
      result = (
        <div role="status" className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
          <span className="font-mono font-semibold">{tag.tag}</span>
          <Badge tone={tag.active ? 'green' : 'neutral'}>{tag.active ? 'Active' : 'Inactive'}</Badge>
          {tag.active ? null : (
            <Button
              size="sm"
              aria-disabled={upsert.isPending || undefined}
              onClick={() => upsert.mutate([tag.tag], { onSuccess: () => toastStore.push({ tone: 'success', title: `Re-activated ${tag.tag}` }) })}
            >
              {upsert.isPending ? 'Re-activating…' : `Re-activate ${tag.tag}`}
            </Button>
          )}
        </div>
      );
    }
  }
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Look up a billing tag" noValidate>
      <TextField
        label="Tag name"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="cc-1001-research"
        hint="Any tag, active or not, by its whole name in any letter case."
        error={problem}
      />
      <Button type="submit">Look up</Button>
      {result}
      {upsert.error ? <InlineAlert title="The tag was not re-activated">{errorMessage(upsert.error)}</InlineAlert> : null}
    </form>
  );
}

function SettingsForm({ settings }: { settings: BillingTagSettingsState & { supported: true } }) {
  const [mode, setMode] = useState<BillingTagMode>(settings.mode);
  const [notifications, setNotifications] = useState(settings.notifications);
  // The toast is the mutation's own: saving refreshes the settings, which re-keys (remounts) this
  // form, and a callback given to mutate() is dropped once its component has gone.
  const update = useMutation({
    ...billingTagsMutations.updateSettings(),
    onSuccess: () => void toastStore.push({ tone: 'success', title: 'Billing tag settings saved' }),
  });
  const changed = mode !== settings.mode || notifications !== settings.notifications;
  return (
    <form
      aria-label="Billing tag settings"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ ...(mode !== settings.mode ? { mode } : {}), ...(notifications !== settings.notifications ? { notifications } : {}) });
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Mode</legend>
        <RadioCards
          value={mode}
          onChange={setMode}
          options={BILLING_TAG_MODES}
          label={(option) => BILLING_TAG_MODE_TEXT[option].label}
          meaning={(option) => BILLING_TAG_MODE_TEXT[option].meaning}
        />
      </fieldset>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          checked={notifications}
          onChange={(event) => setNotifications(event.target.checked)}
          className="mt-0.5 size-4 accent-blue-700 dark:accent-blue-400"
        />
        <span>
          <span className="block font-medium text-slate-900 dark:text-slate-100">Notifications</span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">
            Tell the people who manage a project without a billing tag, on its settings page, that it needs one (this embedded Domino sends no mail).
          </span>
        </span>
      </label>
      {update.error ? <InlineAlert title="The settings were not saved">{errorMessage(update.error)}</InlineAlert> : null}
      <Button type="submit" variant="primary" aria-disabled={!changed || update.isPending || undefined} disabled={!changed}>
        {update.isPending ? 'Saving…' : 'Save settings'}
      </Button>
    </form>
  );
}

function TagsTable({
  tags,
  caption,
  onDeactivate,
  onReactivate,
  showCounts,
}: {
  tags: readonly BillingTagSummary[];
  caption: string;
  onDeactivate: (tag: BillingTagSummary) => void;
  onReactivate: (tag: BillingTagSummary) => void;
  showCounts: boolean;
}) {
  return (
    <Table caption={caption}>
      <TableHead>
        <Th>Tag</Th>
        <Th>Status</Th>
        {showCounts ? <Th>Projects</Th> : null}
        <Th>
          <span className="sr-only">Actions</span>
        </Th>
      </TableHead>
      <TableBody>
        {tags.map((tag) => (
          <tr key={tag.tagId}>
            <Td className="font-mono text-sm text-slate-900 dark:text-slate-100">{tag.tag}</Td>
            <Td>{tag.active ? <Badge tone="green">Active</Badge> : <Badge>Inactive</Badge>}</Td>
            {showCounts ? <Td>{tag.projectCount}</Td> : null}
            <Td className="text-right">
              {tag.active ? (
                <Button size="sm" variant="ghost-danger" onClick={() => onDeactivate(tag)} aria-label={`Deactivate ${tag.tag}`}>
                  Deactivate
                </Button>
              ) : (
                <Button size="sm" onClick={() => onReactivate(tag)} aria-label={`Re-activate ${tag.tag}`}>
                  Re-activate
                </Button>
              )}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}

/** Every tag (embedded) or the active ones (a real Domino), as the summaries the table shows. */
function useTagList(status: (typeof BILLING_TAG_STATUS_FILTERS)[number], listsAll: boolean) {
  const all = useQuery({ ...billingTagsQueries.summaries(status), enabled: listsAll });
  const active = useQuery({
    ...billingTagsQueries.active(),
    enabled: !listsAll,
    select: (names) => names.map((tag): BillingTagSummary => ({ tag, tagId: tag, active: true, projectCount: 0, createdAt: '' })),
  });
  return listsAll ? all : active;
}

function TagsSection({ listsAll }: { listsAll: boolean }) {
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const table = useTableUrlState(search, (next, { replace }) => void navigate({ search: next, replace }), { queryResetsPage: true });
  const status = listsAll ? search.status : 'active';
  const tags = useTagList(status, listsAll);
  const upsert = useMutation(billingTagsMutations.upsert());
  const deactivating = useConfirmedMutation(useMutation(billingTagsMutations.deactivate()), {
    variables: (tag: BillingTagSummary) => tag.tag,
    successTitle: (tag) => `Deactivated ${tag.tag}`,
  });
  const query = table.q.trim().toLowerCase();

  let content;
  if (tags.isError) content = <ErrorPanel details={errorDetails(tags.error)} onRetry={() => void tags.refetch()} />;
  else if (!tags.data) content = <TableSkeleton label="Loading billing tags…" />;
  else {
    const matching = tags.data.filter((tag) => tag.tag.toLowerCase().includes(query));
    const pageRows = matching.slice(table.offset, table.offset + table.pageSize);
    if (tags.data.length === 0) {
      content = (
        <EmptyState title={status === 'inactive' ? 'No inactive tags' : status === 'active' ? 'No active tags' : 'No billing tags yet'}>
          {status === 'all' ? 'Add the cost centres or budgets your projects are charged to.' : 'Change the filter to see the others.'}
        </EmptyState>
      );
    } else if (matching.length === 0) {
      content = <EmptyState title={`No tag matches “${table.q.trim()}”`} action={<Button onClick={() => table.setQuery('')}>Clear the search</Button>} />;
    } else if (pageRows.length === 0) {
      content = <PastLastPage noun="tags" onFirstPage={() => table.setPage(1)} />;
    } else {
      content = (
        <>
          <TagsTable
            tags={pageRows}
            caption={`Billing tags: ${STATUS_LABELS[status].toLowerCase()}${query ? `, matching “${table.q.trim()}”` : ''}`}
            onDeactivate={deactivating.ask}
            onReactivate={(tag) => upsert.mutate([tag.tag], { onSuccess: () => toastStore.push({ tone: 'success', title: `Re-activated ${tag.tag}` }) })}
            showCounts={listsAll}
          />
          {upsert.error ? <InlineAlert title="The tag was not re-activated">{errorMessage(upsert.error)}</InlineAlert> : null}
        </>
      );
    }
    content = (
      <div className="space-y-4">
        {content}
        <Pagination {...table.pagination} itemCount={pageRows.length} totalCount={matching.length} noun="tags" />
      </div>
    );
  }

  return (
    <PageSection title="Tags">
      <div className="flex flex-wrap items-end gap-4">
        <SearchBox label="Search tags" value={table.q} onChange={table.setQuery} placeholder="Part of a tag" />
        {listsAll ? (
          <FilterSelect
            label="Status"
            value={search.status}
            options={optionsFrom(STATUS_LABELS)}
            onChange={(next) => void navigate({ search: (previous) => ({ ...previous, status: next, page: 1 }) })}
          />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">This Domino lists active tags only; add an inactive tag again to re-activate it.</p>
        )}
      </div>
      {content}
      <ConfirmDialog {...deactivating.dialog} title={`Deactivate ${deactivating.target?.tag ?? 'this tag'}?`} confirmLabel="Deactivate">
        New projects can no longer be given this tag. Projects that carry it keep it, and cost already counted keeps it. You can re-activate it later.
        {deactivating.target && deactivating.target.projectCount > 0 ? ` ${deactivating.target.projectCount} live projects carry it now.` : ''}
      </ConfirmDialog>
    </PageSection>
  );
}

/** What someone who is not a site admin sees: why, and the tags they may pick. */
function NotAdmin() {
  const active = useQuery(billingTagsQueries.active());
  return (
    <div className="space-y-4">
      <InlineAlert tone="info" title="Only site administrators manage billing tags">
        Ask an administrator to add a tag or change the mode. You can pick one of the active tags below when you create or copy a project.
      </InlineAlert>
      {active.isPending ? (
        <TableSkeleton label="Loading billing tags…" />
      ) : active.isError ? (
        <ErrorPanel details={errorDetails(active.error)} onRetry={() => void active.refetch()} />
      ) : active.data.length === 0 ? (
        <EmptyState title="No active tags">No billing tag is offered yet.</EmptyState>
      ) : (
        <ul aria-label="Active billing tags" className="flex flex-wrap gap-2">
          {active.data.map((tag) => (
            <li key={tag}>
              <Badge tone="blue">{tag}</Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function BillingTagsPage() {
  useDocumentTitle('Billing tags');
  const info = useQuery(embeddedQueries.info());
  const canManage = useCanManage(info.data);
  const settings = useQuery(billingTagsQueries.settings());

  let body;
  if (info.isError) body = <ErrorPanel details={errorDetails(info.error)} onRetry={() => void info.refetch()} />;
  else if (settings.isError) body = <ErrorPanel details={errorDetails(settings.error)} onRetry={() => void settings.refetch()} />;
  else if (canManage === undefined || settings.isPending) body = <TableSkeleton label="Loading billing tags…" />;
  else if (!settings.data.supported)
    body = <EmptyState title="This Domino has no billing tags">Billing tags came with Domino 6.2; this deployment does not offer them.</EmptyState>;
  else if (!canManage) body = <NotAdmin />;
  else
    body = (
      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-8">
          <TagsSection listsAll={hasExtension(info.data, 'billing-tags-all')} />
        </div>
        <div className="space-y-8">
          <PageSection title="Add tags">
            <AddTagsForm />
          </PageSection>
          <PageSection title="Look up a tag">
            <LookUpTagForm />
          </PageSection>
          <PageSection title="Settings">
            <SettingsForm key={`${settings.data.mode}:${settings.data.notifications}`} settings={settings.data} />
          </PageSection>
        </div>
      </div>
    );

  return (
    <div>
      <PageHeader
        title="Billing tags"
        description="Tags name who pays for a project’s compute: each execution is charged to its project’s tag as it starts, and cost can be broken down by tag."
      />
      {body}
    </div>
  );
}

export const billingTagsLazyRoute = createLazyRoute('/admin/billing-tags')({ component: BillingTagsPage });
