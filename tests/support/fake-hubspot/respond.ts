import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** Sends JSON, unless a `drop after` fault asked for the connection to die once the work is done. */
export function reply(res: Response, status: number, body: unknown): void {
  if (res.locals.dropAfter === true) {
    res.socket?.destroy();
    return;
  }
  res.status(status).json(body);
}

/** HubSpot's error body. */
export function hubspotError(category: string, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { status: 'error', message, correlationId: randomUUID(), category, ...extra };
}

/** A batch answer: 200/201 when all went through, 207 with per-input errors otherwise. */
export function batchAnswer(res: Response, okStatus: number, results: unknown[], errors: Record<string, unknown>[]): void {
  const at = new Date().toISOString();
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: at, completedAt: at };
  if (errors.length > 0) Object.assign(body, { numErrors: errors.length, errors });
  reply(res, errors.length > 0 ? 207 : okStatus, body);
}
