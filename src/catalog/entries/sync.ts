import { PLAYBOOK_NAMES } from '../playbooks';
import type { CatalogEntry } from '../types';
import { fromSignal, optionsOf } from './build';

/** Fields written by the sync run and the playbook engine rather than computed signals. */
export const SYNC_ENTRIES: readonly CatalogEntry[] = [
  {
    key: 'last_playbook', label: 'Last playbook fired', type: 'enumeration', options: optionsOf(PLAYBOOK_NAMES),
    object: 'account', source: { kind: 'playbook' },
    description: 'The playbook that fired most recently on this account. Workflows and flows enroll on a change of this field together with Last playbook fired at.',
  },
  {
    key: 'last_playbook_fired_at', label: 'Last playbook fired at', type: 'datetime',
    object: 'account', source: { kind: 'playbook' },
    description: 'When the last playbook fired (UTC). It changes on every firing, even of the same playbook, so re-enrollment works.',
  },
  {
    key: 'as_of', label: 'Signals as of', type: 'date',
    object: 'account', source: fromSignal('as_of'),
    description: 'The day the signals describe (usually yesterday, UTC). Every other Pulse field is as of this day.',
  },
  {
    key: 'last_synced_at', label: 'Last synced by Pulse', type: 'datetime',
    object: 'account', source: { kind: 'sync' },
    description: 'When Consumption Pulse last wrote a change to this record (UTC). A record whose signals did not change is not rewritten, so this is the last change, not the last run.',
  },
  {
    key: 'console_url', label: 'Pulse console link', type: 'text', maxLength: 255,
    object: 'account', source: { kind: 'sync' },
    description: "Link to the account's page in the Consumption Pulse console: its health history, signals and playbook firings. Empty when the deployment has no public URL (PULSE_PUBLIC_URL). Set once, changes only if that URL changes.",
  },
  {
    key: 'task_key', label: 'Pulse task key', type: 'text', maxLength: 120, unique: true,
    object: 'task', source: { kind: 'playbook' },
    description: 'Account, playbook and firing date of the task. Consumption Pulse matches tasks on it so a retry never creates a second task: do not edit.',
  },
];
