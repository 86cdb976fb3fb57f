import type { Response } from 'express';

/** Sends JSON, unless a `drop after` fault asked for the connection to die once the work is done. */
export function reply(res: Response, status: number, body: unknown): void {
  if (res.locals.dropAfter === true) {
    res.socket?.destroy();
    return;
  }
  res.status(status).json(body);
}

/** The REST API's error body: a list of `{ message, errorCode }`, with `fields` when the error is about some. */
export function sfErrors(errorCode: string, message: string, fields?: string[]): Record<string, unknown>[] {
  return [{ message, errorCode, ...(fields === undefined ? {} : { fields }) }];
}

/** One record's error inside an sObject Collections answer. */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface RecordResult {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: RecordError[];
}

export function failed(statusCode: string, message: string, fields: string[] = []): RecordResult {
  return { success: false, errors: [{ statusCode, message, fields }] };
}
