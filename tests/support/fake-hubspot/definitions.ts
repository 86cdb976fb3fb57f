import { hubspotManifests } from '../../../src/catalog/hubspot-manifest';
import type { FakeObjectType, PropertyRule } from './schema';

/** A property group as HubSpot's properties API answers it. */
export interface FakeGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface FakeOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

/** A property definition as HubSpot's properties API answers it (the fields setup reads, and those HubSpot adds). */
export interface FakeProperty {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: PropertyRule['type'];
  fieldType: string;
  options: FakeOption[];
  hasUniqueValue: boolean;
  hubspotDefined: boolean;
  displayOrder: number;
  hidden: boolean;
  formField: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

const AT = '2020-01-01T00:00:00.000Z';
/** What HubSpot adds to every property it returns, beyond its definition. */
const PROPERTY_EXTRAS = { displayOrder: -1, hidden: false, formField: false, createdAt: AT, updatedAt: AT, archived: false } as const;

function builtIn(name: string, label: string, groupName: string, type: PropertyRule['type'], fieldType: string, options: string[] = []): FakeProperty {
  return {
    name,
    label,
    description: '',
    groupName,
    type,
    fieldType,
    options: options.map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false })),
    hasUniqueValue: false,
    hubspotDefined: true,
    ...PROPERTY_EXTRAS,
  };
}

/** HubSpot's own groups and the properties of them the connector uses: what every portal holds. */
function builtIns(): Record<FakeObjectType, { group: FakeGroup; properties: FakeProperty[] }> {
  const company = 'companyinformation';
  const task = 'task_information';
  return {
    companies: {
      group: { name: company, label: 'Company information', displayOrder: 0, archived: false },
      properties: [
        builtIn('name', 'Company name', company, 'string', 'text'),
        builtIn('domain', 'Company domain name', company, 'string', 'text'),
        builtIn('hubspot_owner_id', 'Company owner', company, 'number', 'number'),
      ],
    },
    tasks: {
      group: { name: task, label: 'Task information', displayOrder: 0, archived: false },
      properties: [
        builtIn('hs_task_subject', 'Task Title', task, 'string', 'text'),
        builtIn('hs_task_body', 'Task notes', task, 'string', 'textarea'),
        builtIn('hs_task_priority', 'Priority', task, 'enumeration', 'select', ['HIGH', 'MEDIUM', 'LOW', 'NONE']),
        builtIn('hs_task_status', 'Task Status', task, 'enumeration', 'select', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']),
        builtIn('hs_task_type', 'Task Type', task, 'enumeration', 'select', ['TODO', 'CALL', 'EMAIL']),
        builtIn('hs_timestamp', 'Due date', task, 'datetime', 'date'),
        builtIn('hubspot_owner_id', 'Assigned to', task, 'number', 'number'),
      ],
    },
  };
}

/**
 * The portal's property groups and definitions, which the properties API reads and writes and against
 * which every record value is checked: a value for a property the portal lacks is refused, as HubSpot does.
 */
export class FakeDefinitions {
  readonly groups: Record<FakeObjectType, Map<string, FakeGroup>> = { companies: new Map(), tasks: new Map() };
  readonly properties: Record<FakeObjectType, Map<string, FakeProperty>> = { companies: new Map(), tasks: new Map() };

  /** `withPulse`: the portal already holds the Pulse group and properties, as `pulse crm setup` leaves them. */
  constructor(withPulse: boolean) {
    for (const [type, { group, properties }] of Object.entries(builtIns()) as [FakeObjectType, ReturnType<typeof builtIns>[FakeObjectType]][]) {
      this.groups[type].set(group.name, group);
      for (const property of properties) this.properties[type].set(property.name, property);
    }
    if (!withPulse) return;
    for (const manifest of hubspotManifests()) {
      this.groups[manifest.objectType].set(manifest.group.name, { ...manifest.group, displayOrder: -1, archived: false });
      for (const definition of manifest.properties) {
        this.properties[manifest.objectType].set(definition.name, {
          ...definition,
          hubspotDefined: false,
          ...PROPERTY_EXTRAS,
        });
      }
    }
  }

  rule(type: FakeObjectType, name: string): PropertyRule | undefined {
    const property = this.properties[type].get(name);
    if (property === undefined) return undefined;
    return { type: property.type, options: property.options.map((option) => option.value), unique: property.hasUniqueValue };
  }
}
