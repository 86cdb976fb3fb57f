import { CRM_KINDS } from '../../connectors/crm';
import type { PulseConfig } from '../config/config';
import { parseConfig } from '../config/load';

/** The configuration every command parses once at its start, with `crm.provider` checked against the CRM registry. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PulseConfig {
  return parseConfig(env, cwd, { crmKinds: CRM_KINDS });
}
