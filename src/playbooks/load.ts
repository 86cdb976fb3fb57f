/**
 * The file-system edge of the playbook engine: read a rules file (or fall back to the defaults),
 * and write the defaults out for a user to start from. Everything else in this folder is pure.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PulseError } from '../errors';
import { DEFAULT_RULES_FILE_NAME, DEFAULT_RULES_YAML } from './defaults';
import { parseRules } from './parse';
import type { Rules } from './types';

let defaults: Rules | undefined;

/** The built-in default playbooks, validated like any rules file (once). */
export function defaultRules(): Rules {
  defaults ??= parseRules(DEFAULT_RULES_YAML, `(built-in) ${DEFAULT_RULES_FILE_NAME}`);
  return defaults;
}

/** The rules in `path`, or the defaults without one. Throws RULES_INVALID listing every problem. */
export function loadRules(path?: string): Rules {
  if (path === undefined) return defaultRules();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PulseError('RULES_INVALID', `rules file ${path}: cannot be read`, { place: path, cause: error });
  }
  return parseRules(text, path);
}

/**
 * Writes the default rules YAML to `path` for a user to edit. Refuses to overwrite an existing
 * file unless `overwrite` is set, because that file is likely someone's edited rules.
 */
export function writeDefaultRules(path: string, options: { overwrite?: boolean } = {}): void {
  try {
    writeFileSync(path, DEFAULT_RULES_YAML, { encoding: 'utf8', flag: options.overwrite === true ? 'w' : 'wx' });
  } catch (error) {
    const exists = error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST';
    throw new PulseError('INPUT_INVALID', exists ? `${path} already exists; not overwriting it` : `cannot write ${path}`, {
      place: path,
      cause: error,
    });
  }
}
