/**
 * The default playbooks (SIGNALS.md "Default playbooks"). The field catalog owns this list for now
 * because `pulse_last_playbook` is an enumeration of it; the playbook engine imports it from here.
 * Appending is safe; renaming or removing breaks the workflows that enroll on a name.
 */
export const PLAYBOOK_NAMES = [
  'onboarding_stall',
  'consumption_decline',
  'commit_underuse',
  'expansion_conversation',
  'bill_shock_checkin',
  'efficiency_consult',
  'adjacent_team',
  'production_readiness',
] as const;

export type PlaybookName = (typeof PLAYBOOK_NAMES)[number];

export function isPlaybookName(value: string): value is PlaybookName {
  return (PLAYBOOK_NAMES as readonly string[]).includes(value);
}
