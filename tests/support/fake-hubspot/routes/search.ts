import type { Request, Response } from 'express';
import { z } from 'zod';
import { reply } from '../respond';
import type { FakeRecord } from '../store';
import { objectTypeOf, parseBody, type RouteContext } from './context';

const filter = z
  .object({ propertyName: z.string(), operator: z.enum(['EQ', 'IN', 'HAS_PROPERTY']), value: z.string().optional(), values: z.array(z.string()).max(100).optional() })
  .strict();
const body = z
  .object({
    filterGroups: z.array(z.object({ filters: z.array(filter).max(6) }).strict()).max(5).default([]),
    properties: z.array(z.string()).optional(),
    limit: z.number().int().min(1).max(200).default(10),
    after: z.string().optional(),
    sorts: z.array(z.string()).optional(),
    query: z.string().optional(),
  })
  .strict();

function matches(record: FakeRecord, filters: z.infer<typeof filter>[]): boolean {
  return filters.every(({ propertyName, operator, value, values }) => {
    const held = record.properties[propertyName];
    if (operator === 'HAS_PROPERTY') return held !== undefined && held !== '';
    // HubSpot matches string values case-insensitively.
    const wanted = (operator === 'EQ' ? [value ?? ''] : (values ?? [])).map((v) => v.toLowerCase());
    return held !== undefined && wanted.includes(held.toLowerCase());
  });
}

/** `POST /crm/v3/objects/{type}/search`: filter groups ORed, filters ANDed, paged by `after`. */
export function postSearch({ store }: RouteContext) {
  return (req: Request, res: Response): void => {
    const type = objectTypeOf(req);
    const input = parseBody(body, req, res);
    if (type === undefined || input === undefined) return;
    const all = [...store.records[type].values()].filter((record) => input.filterGroups.length === 0 || input.filterGroups.some((group) => matches(record, group.filters)));
    const start = Number(input.after ?? '0');
    const page = all.slice(start, start + input.limit);
    const next = start + input.limit < all.length ? { paging: { next: { after: String(start + input.limit) } } } : {};
    reply(res, 200, { total: all.length, results: page.map((record) => store.view(record, input.properties)), ...next });
  };
}
