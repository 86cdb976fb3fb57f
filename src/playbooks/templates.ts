/**
 * `{{field}}` templates for task subjects and bodies. A template is only ever scanned for
 * placeholders and filled by string replacement: nothing in it is evaluated, so a rules file
 * cannot run code through a template. Unknown placeholders are caught when the rules file is
 * loaded (see `schema.ts`), never when a task is about to be written.
 */
import { SIGNAL_FIELDS, type SignalField, type Signals } from '../domain/signals';
import { isSignalField } from './fields';
import { formatFigure } from './figures';
import { didYouMean } from './suggest';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export interface TemplateScan {
  /** Placeholder names in order of first appearance, known or not. */
  placeholders: string[];
  /** Problems to report at load time (unknown names, stray braces). */
  problems: string[];
}

export function scanTemplate(template: string): TemplateScan {
  const placeholders: string[] = [];
  const problems: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!placeholders.includes(name)) placeholders.push(name);
    if (!isSignalField(name)) {
      const hint = didYouMean(name, SIGNAL_FIELDS);
      problems.push(`unknown placeholder {{${name}}}: a placeholder is a signal field name${hint === null ? '' : `; ${hint}`}`);
    }
  }
  // A lone `{{` or `}}` is almost always a typo'd placeholder that would otherwise print verbatim.
  const rest = template.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push('unbalanced "{{" or "}}" outside a {{field}} placeholder');
  return { placeholders, problems };
}

/** The signal fields a (validated) template refers to. */
export function templateFields(template: string): SignalField[] {
  return scanTemplate(template).placeholders.filter(isSignalField);
}

/** Fills every placeholder with the account's formatted figure; the template must have been validated. */
export function fillTemplate(template: string, signals: Signals): string {
  return template.replace(PLACEHOLDER, (whole: string, name: string) =>
    isSignalField(name) ? formatFigure(name, signals[name]) : whole,
  );
}
