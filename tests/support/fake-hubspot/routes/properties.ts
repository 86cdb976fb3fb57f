import type { Request, Response } from 'express';
import { z } from 'zod';
import type { FakeProperty } from '../definitions';
import { hubspotError, reply } from '../respond';
import { objectTypeOf, parseBody, type RouteContext } from './context';

/**
 * HubSpot's properties API (`/crm/v3/properties/{objectType}[/groups]`), the calls `pulse crm setup`
 * makes: read groups and properties, create and update them. Bodies are checked strictly against the
 * SDK's request models; what is created here is what record writes are then checked against.
 */
const TYPES = ['string', 'number', 'enumeration', 'bool', 'date', 'datetime'] as const;
const FIELD_TYPES = ['text', 'textarea', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'date', 'calculation_equation', 'file', 'phonenumber', 'html'] as const;
const option = z.object({ label: z.string(), value: z.string(), displayOrder: z.number().int().optional(), hidden: z.boolean().optional(), description: z.string().optional() }).strict();
const groupCreate = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]*$/), label: z.string().min(1), displayOrder: z.number().int().optional() }).strict();
const groupUpdate = z.object({ label: z.string().min(1).optional(), displayOrder: z.number().int().optional() }).strict();
const propertyCreate = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string().min(1),
    type: z.enum(TYPES),
    fieldType: z.enum(FIELD_TYPES),
    groupName: z.string().min(1),
    description: z.string().optional(),
    options: z.array(option).optional(),
    hasUniqueValue: z.boolean().optional(),
    displayOrder: z.number().int().optional(),
    hidden: z.boolean().optional(),
    formField: z.boolean().optional(),
    calculationFormula: z.string().optional(),
    externalOptions: z.boolean().optional(),
    referencedObjectType: z.string().optional(),
  })
  .strict();
const propertyUpdate = propertyCreate.omit({ name: true, hasUniqueValue: true, referencedObjectType: true, externalOptions: true }).partial().strict();

function stored(input: z.infer<typeof option>[] | undefined): FakeProperty['options'] {
  return (input ?? []).map((entry, index) => ({ label: entry.label, value: entry.value, displayOrder: entry.displayOrder ?? index, hidden: entry.hidden ?? false }));
}

/** `GET /crm/v3/properties/{objectType}/groups`. */
export function getGroups({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    if (type === undefined) return reply(res, 400, hubspotError('VALIDATION_ERROR', 'Unknown object type'));
    reply(res, 200, { results: [...store.definitions.groups[type].values()] });
  };
}

/** `POST /crm/v3/properties/{objectType}/groups`: 409 when the name is taken. */
export function postGroup({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(groupCreate, req, res);
    if (type === undefined || input === undefined) return;
    const groups = store.definitions.groups[type];
    if (groups.has(input.name)) return reply(res, 409, hubspotError('OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`));
    const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    groups.set(group.name, group);
    reply(res, 201, group);
  };
}

/** `PATCH /crm/v3/properties/{objectType}/groups/{groupName}`. */
export function patchGroup({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(groupUpdate, req, res);
    if (type === undefined || input === undefined) return;
    const group = store.definitions.groups[type].get(String(req.params.groupName));
    if (group === undefined) return reply(res, 404, hubspotError('OBJECT_NOT_FOUND', `No property group named '${String(req.params.groupName)}'`));
    Object.assign(group, input);
    reply(res, 200, group);
  };
}

/** `GET /crm/v3/properties/{objectType}?archived=false`. */
export function getProperties({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    if (type === undefined) return reply(res, 400, hubspotError('VALIDATION_ERROR', 'Unknown object type'));
    reply(res, 200, { results: [...store.definitions.properties[type].values()] });
  };
}

/** `POST /crm/v3/properties/{objectType}`: 409 when the name is taken, 400 when its group does not exist. */
export function postProperty({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(propertyCreate, req, res);
    if (type === undefined || input === undefined) return;
    const { groups, properties } = store.definitions;
    if (properties[type].has(input.name)) return reply(res, 409, hubspotError('OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`));
    if (!groups[type].has(input.groupName)) return reply(res, 400, hubspotError('VALIDATION_ERROR', `Property group '${input.groupName}' does not exist`));
    const at = new Date().toISOString();
    const property: FakeProperty = {
      name: input.name,
      label: input.label,
      description: input.description ?? '',
      groupName: input.groupName,
      type: input.type,
      fieldType: input.fieldType,
      options: stored(input.options),
      hasUniqueValue: input.hasUniqueValue ?? false,
      hubspotDefined: false,
      displayOrder: input.displayOrder ?? -1,
      hidden: input.hidden ?? false,
      formField: input.formField ?? false,
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    properties[type].set(property.name, property);
    reply(res, 201, property);
  };
}

/** `PATCH /crm/v3/properties/{objectType}/{propertyName}`: HubSpot's own properties are read-only here. */
export function patchProperty({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(propertyUpdate, req, res);
    if (type === undefined || input === undefined) return;
    const name = String(req.params.propertyName);
    const property = store.definitions.properties[type].get(name);
    if (property === undefined) return reply(res, 404, hubspotError('OBJECT_NOT_FOUND', `Property named '${name}' does not exist`));
    if (property.hubspotDefined) return reply(res, 400, hubspotError('VALIDATION_ERROR', `Property '${name}' is defined by HubSpot and cannot be changed`));
    if (input.groupName !== undefined && !store.definitions.groups[type].has(input.groupName)) {
      return reply(res, 400, hubspotError('VALIDATION_ERROR', `Property group '${input.groupName}' does not exist`));
    }
    const { options, ...rest } = input;
    Object.assign(property, rest, options === undefined ? {} : { options: stored(options) }, { updatedAt: new Date().toISOString() });
    reply(res, 200, property);
  };
}
