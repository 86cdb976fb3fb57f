import { hubspotManifests } from '../../../src/catalog/hubspot-manifest';

/** The property definitions the fake checks values against: the catalog's, plus HubSpot's own that the connector uses. */
export type FakeObjectType = 'companies' | 'tasks';
interface PropertyRule {
  type: 'string' | 'number' | 'enumeration' | 'bool' | 'date' | 'datetime';
  options?: string[];
  unique?: boolean;
}

const BUILT_IN: Record<FakeObjectType, Record<string, PropertyRule>> = {
  companies: { name: { type: 'string' }, domain: { type: 'string' }, hubspot_owner_id: { type: 'number' } },
  tasks: {
    hs_task_subject: { type: 'string' },
    hs_task_body: { type: 'string' },
    hs_task_priority: { type: 'enumeration', options: ['HIGH', 'MEDIUM', 'LOW', 'NONE'] },
    hs_task_status: { type: 'enumeration', options: ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'] },
    hs_task_type: { type: 'enumeration', options: ['TODO', 'CALL', 'EMAIL'] },
    hs_timestamp: { type: 'datetime' },
    hubspot_owner_id: { type: 'number' },
  },
};

export function propertyRules(): Record<FakeObjectType, Map<string, PropertyRule>> {
  const rules = { companies: new Map(Object.entries(BUILT_IN.companies)), tasks: new Map(Object.entries(BUILT_IN.tasks)) };
  for (const manifest of hubspotManifests()) {
    for (const property of manifest.properties) {
      rules[manifest.objectType].set(property.name, {
        type: property.type,
        options: property.options.map((option) => option.value),
        unique: property.hasUniqueValue,
      });
    }
  }
  return rules;
}

/** HubSpot's per-property validation result, as it embeds them in a VALIDATION_ERROR message. */
export interface PropertyProblem {
  isValid: false;
  message: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_INTEGER' | 'INVALID_DATE' | 'INVALID_DATETIME' | 'INVALID_BOOLEAN';
  name: string;
}

function problem(name: string, error: PropertyProblem['error'], message: string): PropertyProblem {
  return { isValid: false, message, error, name };
}

export function checkValue(name: string, value: string, rule: PropertyRule | undefined): PropertyProblem | undefined {
  if (rule === undefined) return problem(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
  if (value === '') return undefined;
  switch (rule.type) {
    case 'number':
      return Number.isFinite(Number(value)) ? undefined : problem(name, 'INVALID_INTEGER', `${value} is not a valid number`);
    case 'enumeration':
      return rule.options?.includes(value) ? undefined : problem(name, 'INVALID_OPTION', `${value} was not one of the allowed options: [${(rule.options ?? []).join(', ')}]`);
    case 'bool':
      return value === 'true' || value === 'false' ? undefined : problem(name, 'INVALID_BOOLEAN', `${value} is not a valid boolean`);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d+$/.test(value) ? undefined : problem(name, 'INVALID_DATE', `${value} is not a valid date`);
    case 'datetime':
      return /^\d+$/.test(value) || Number.isFinite(Date.parse(value)) ? undefined : problem(name, 'INVALID_DATETIME', `${value} is not a valid datetime`);
    case 'string':
      return undefined;
  }
}
