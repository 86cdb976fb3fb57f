/**
 * Renderers for `pulse playbooks preview`: a table a person reads in a 120-column terminal, and
 * JSON a script reads. Pure: they format firings and print nothing.
 */
import type { Firing } from './types';

const WIDTH = 120;
const GAP = '  ';

interface Column {
  title: string;
  cell: (firing: Firing) => string;
  /** Fixed columns are sized to their content up to `max` (longer text is cut); the last one takes the rest and wraps. */
  max?: number;
}

const COLUMNS: Column[] = [
  { title: 'ACCOUNT', cell: (f) => f.account_id, max: 20 },
  { title: 'PLAYBOOK', cell: (f) => f.playbook, max: 22 },
  { title: 'ACTION', cell: (f) => (f.priority === undefined ? f.action : `${f.action} ${f.priority}`), max: 11 },
  { title: 'COVERAGE', cell: (f) => f.coverage, max: 11 },
  { title: 'DUE', cell: (f) => f.task?.due_date ?? '', max: 10 },
  // The reason in words, then the rule that held on a line of its own.
  { title: 'WHY', cell: (f) => (f.rule === undefined ? f.reason : `${f.reason}\nRule: ${f.rule}`) },
];

function fit(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat.padEnd(width) : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

/** Word-wraps the reason, each line of it on its own: it is the point of a preview, so it is never cut. */
function wrap(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, width));
}

function wrapLine(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = '';
    }
    // A single word longer than the column is split rather than overflowing the terminal.
    let rest = current === '' ? word : `${current} ${word}`;
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    current = rest;
  }
  return [...lines, current];
}

function summary(firings: readonly Firing[]): string {
  const count = (action: Firing['action']): number => firings.filter((f) => f.action === action).length;
  const accounts = new Set(firings.map((f) => f.account_id)).size;
  return `${firings.length} firing${firings.length === 1 ? '' : 's'} on ${accounts} account${accounts === 1 ? '' : 's'}: `
    + `${count('task')} task, ${count('trigger')} trigger, ${count('none')} none`;
}

export function renderFiringsTable(firings: readonly Firing[]): string {
  if (firings.length === 0) return 'No playbook fires.';
  const widths = COLUMNS.map((column) =>
    column.max === undefined ? 0 : Math.min(column.max, Math.max(column.title.length, ...firings.map((f) => column.cell(f).length))),
  );
  const fixed = widths.reduce((sum, w) => sum + w, 0) + GAP.length * (COLUMNS.length - 1);
  const sized = widths.map((w, i) => (COLUMNS[i]?.max === undefined ? Math.max(10, WIDTH - fixed) : w));
  const last = sized.length - 1;
  const row = (cells: string[]): string[] => {
    const fixedPart = cells.slice(0, last).map((c, i) => fit(c, sized[i] ?? 10)).join(GAP);
    const [first = '', ...more] = wrap(cells[last] ?? '', sized[last] ?? 10);
    const indent = ' '.repeat(fixedPart.length + GAP.length);
    return [`${fixedPart}${GAP}${first}`.trimEnd(), ...more.map((text) => `${indent}${text}`)];
  };
  const rows = firings.flatMap((f) => row(COLUMNS.map((column) => column.cell(f))));
  return [...row(COLUMNS.map((c) => c.title)), ...rows, '', summary(firings)].join('\n');
}

/** The firing as `--format json` writes it, keys in a fixed order (a stable contract for scripts). */
export function firingToJson(firing: Firing): Record<string, unknown> {
  return {
    key: firing.key,
    account_id: firing.account_id,
    playbook: firing.playbook,
    action: firing.action,
    coverage: firing.coverage,
    fired_on: firing.fired_on,
    ...(firing.priority === undefined ? {} : { priority: firing.priority }),
    ...(firing.task === undefined ? {} : { task: { ...firing.task } }),
    figures: { ...firing.figures },
    reason: firing.reason,
    ...(firing.rule === undefined ? {} : { rule: firing.rule }),
  };
}

/** `pulse playbooks preview --format json`: an array of firings, pretty-printed. */
export function firingsToJson(firings: readonly Firing[]): string {
  return JSON.stringify(firings.map(firingToJson), null, 2);
}
