// What the cost tables show, computed from the allocation rows: one line per name with its CPU /
// GPU / RAM / other split and efficiency, in cents rounded by largest remainder column by column
// (so each column adds up to its total), sorted, and as CSV — exactly the lines and figures of
// the table. Pure, for the page, its tests and the benchmark.
import { centsToDecimal, IDLE, toCents, totalCents } from '../../api/cost-money';
import type { CostRow } from '../../api/cost';
import type { CostSortColumn } from './cost-search';

export const UNALLOCATED = '__unallocated__';

/** A name as people read it: idle and unallocated in words. */
export function displayCostName(name: string, unallocated = 'Unallocated'): string {
  if (name === IDLE) return 'Idle';
  if (name === UNALLOCATED) return unallocated;
  return name;
}

export interface CostLine {
  name: string;
  keys: string[];
  projectId: string | undefined;
  /** Exact amounts. */
  cpu: number;
  gpu: number;
  ram: number;
  other: number;
  total: number;
  /** CPU usage ÷ request, weighted by core hours; undefined when unknown. */
  efficiency: number | undefined;
}

export interface CentLine extends CostLine {
  cents: { cpu: number; gpu: number; ram: number; other: number; total: number };
}

export interface CostTable {
  lines: CentLine[];
  totals: { cpu: number; gpu: number; ram: number; other: number; total: number };
}

/** One line per name over the whole window. */
export function summarize(rows: readonly CostRow[]): CostLine[] {
  const byName = new Map<string, CostLine & { weighted: number; hours: number }>();
  for (const row of rows) {
    let line = byName.get(row.name);
    if (!line) {
      line = {
        name: row.name,
        keys: row.keys,
        projectId: row.projectId,
        cpu: 0,
        gpu: 0,
        ram: 0,
        other: 0,
        total: 0,
        efficiency: undefined,
        weighted: 0,
        hours: 0,
      };
      byName.set(row.name, line);
    }
    line.cpu += row.cpuCost;
    line.gpu += row.gpuCost;
    line.ram += row.ramCost;
    line.other += row.otherCost;
    line.total += row.totalCost;
    line.projectId ??= row.projectId;
    if (row.cpuEfficiency !== undefined && row.cpuCoreHours > 0) {
      line.weighted += row.cpuEfficiency * row.cpuCoreHours;
      line.hours += row.cpuCoreHours;
    }
  }
  return [...byName.values()].map(({ weighted, hours, ...line }) => ({ ...line, efficiency: hours > 0 ? weighted / hours : undefined }));
}

const COLUMNS = ['cpu', 'gpu', 'ram', 'other', 'total'] as const;

/** The lines in cents, each column rounded as a whole, and the column totals. */
export function toCentTable(lines: readonly CostLine[]): CostTable {
  const columns = Object.fromEntries(COLUMNS.map((column) => [column, toCents(lines.map((line) => line[column]))])) as Record<
    (typeof COLUMNS)[number],
    number[]
  >;
  const totals = Object.fromEntries(COLUMNS.map((column) => [column, totalCents(lines.map((line) => line[column]))])) as CostTable['totals'];
  return {
    lines: lines.map((line, index) => ({
      ...line,
      cents: { cpu: columns.cpu[index]!, gpu: columns.gpu[index]!, ram: columns.ram[index]!, other: columns.other[index]!, total: columns.total[index]! },
    })),
    totals,
  };
}

export function sortLines(lines: readonly CentLine[], sort: CostSortColumn, ascending: boolean): CentLine[] {
  const value = (line: CentLine): number | string => {
    if (sort === 'name') return displayCostName(line.name);
    if (sort === 'efficiency') return line.efficiency ?? -1;
    return line.cents[sort];
  };
  const direction = ascending ? 1 : -1;
  return [...lines].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return order * direction || a.name.localeCompare(b.name);
  });
}

/** "87 %" or "—". */
export function formatEfficiency(efficiency: number | undefined): string {
  return efficiency === undefined ? '—' : `${Math.round(efficiency * 100)} %`;
}

// A cell that a spreadsheet would run as a formula (=, +, -, @ first) gets a leading quote; any
// cell with a comma, quote or line break is quoted.
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The table as CSV: its header, its lines in its order, then the totals line, the amounts as
 * decimals of the same cents the table shows (so they add up to the totals to the cent).
 */
export function toCsv(table: {
  keyHeaders: readonly string[];
  lines: readonly CentLine[];
  totals: CostTable['totals'];
  currency: string;
  unallocated?: string;
}): string {
  const header = [
    ...table.keyHeaders,
    `CPU (${table.currency})`,
    `GPU (${table.currency})`,
    `RAM (${table.currency})`,
    `Other (${table.currency})`,
    `Total (${table.currency})`,
    'CPU efficiency',
  ];
  const amounts = (cents: CostTable['totals']) => [cents.cpu, cents.gpu, cents.ram, cents.other, cents.total].map(centsToDecimal);
  const lines = table.lines.map((line) => [
    ...table.keyHeaders.map((_, index) => displayCostName(line.keys[index] ?? '', table.unallocated)),
    ...amounts(line.cents),
    line.efficiency === undefined ? '' : line.efficiency.toFixed(4),
  ]);
  const totals = ['Total', ...table.keyHeaders.slice(1).map(() => ''), ...amounts(table.totals), ''];
  return [header, ...lines, totals].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers text as a file download (a Blob link, clicked once). */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
