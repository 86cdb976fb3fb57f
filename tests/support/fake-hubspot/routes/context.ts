import type { Request, Response } from 'express';
import type { z } from 'zod';
import { hubspotError, reply } from '../respond';
import type { FakeObjectType } from '../schema';
import type { FakeStore } from '../store';

export interface RouteContext {
  store: FakeStore;
  portalId: number;
}

export function objectTypeOf(req: Request): FakeObjectType | undefined {
  const type = req.params.objectType;
  return type === 'companies' || type === 'tasks' ? type : undefined;
}

/** Parses a request body as HubSpot would: a shape it does not know is a 400, named. */
export function parseBody<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  const parsed = schema.safeParse(req.body);
  if (parsed.success) return parsed.data;
  reply(res, 400, hubspotError('VALIDATION_ERROR', `Invalid input JSON on line 1: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`));
  return undefined;
}

export const BATCH_MAX = 100;

export function tooMany(res: Response, count: number): boolean {
  if (count <= BATCH_MAX) return false;
  reply(res, 400, hubspotError('VALIDATION_ERROR', `Batch input must have at most ${BATCH_MAX} inputs, got ${count}`));
  return true;
}
