import { z } from 'zod';

/** One HTTP answer as it came off the wire, before the SDK's deserializer drops fields it does not model. */
export interface RawResponse {
  status: number;
  /** Header names lower-case. */
  headers: Record<string, string>;
  text: string;
}

interface ResponseLike {
  httpStatusCode: number;
  headers: Record<string, string>;
  body: { text(): Promise<string>; binary(): Promise<Buffer> };
}

export interface CaptureMiddleware {
  pre<T>(context: T): Promise<T>;
  post<T extends ResponseLike>(context: T): Promise<T>;
}

/** The per-call SDK options that add the capture to the client's own middleware. */
export interface CallOptions {
  middleware: CaptureMiddleware[];
  middlewareMergeStrategy: 'append';
}

/**
 * A per-call SDK middleware that keeps the raw answer. Needed because the SDK deserializes every error
 * body as its `Error` model, which has no `policyName`: without the raw body a 429 of the rolling window
 * and one of the daily limit look alike. Per call (not per client) so concurrent calls never mix answers.
 */
export function captureRaw(sink: (raw: RawResponse) => void): CallOptions {
  const middleware: CaptureMiddleware = {
    pre: (context) => Promise.resolve(context),
    post: async (context) => {
      const text = await context.body.text();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(context.headers)) headers[name.toLowerCase()] = value;
      sink({ status: context.httpStatusCode, headers, text });
      // The body stream is spent; hand the SDK a body that replays the same text.
      context.body = { text: () => Promise.resolve(text), binary: () => Promise.resolve(Buffer.from(text)) };
      return context;
    },
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}

const contextIds = z.record(z.string(), z.array(z.string()));

/** HubSpot's error body (`{status:'error', message, category, ...}`) and its 429 variant (`errorType`, `policyName`). */
export const hubspotErrorBody = z.object({
  status: z.string().optional(),
  message: z.string().optional(),
  category: z.string().optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
  correlationId: z.string().optional(),
  context: contextIds.optional(),
  errors: z.array(z.object({ message: z.string().optional(), context: contextIds.optional() })).optional(),
});
export type HubspotErrorBody = z.infer<typeof hubspotErrorBody>;

export function parseErrorBody(text: string): HubspotErrorBody | undefined {
  try {
    const parsed = hubspotErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    // Not JSON (a proxy's HTML page, an empty body): there is no HubSpot error to read.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
