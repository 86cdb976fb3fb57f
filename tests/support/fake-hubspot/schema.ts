/** The object types the fake holds. */
export type FakeObjectType = 'companies' | 'tasks';

/** What a value is checked against: a property's type, options and uniqueness (from `FakeDefinitions`). */
export interface PropertyRule {
  type: 'string' | 'number' | 'enumeration' | 'bool' | 'date' | 'datetime';
  options?: string[];
  unique?: boolean;
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
