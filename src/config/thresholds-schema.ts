import { z } from 'zod';
import { DEFAULT_THRESHOLDS } from './thresholds';

/**
 * The zod schema for threshold overrides is derived from the defaults, so a new threshold is
 * configurable (and an unknown one rejected) without a second list to keep in step.
 */
function overridesOf(value: unknown): z.ZodType {
  if (typeof value === 'number') return z.number();
  if (Array.isArray(value)) {
    return z
      .array(z.tuple([z.number(), z.number()]))
      .min(2)
      .refine((pts) => pts.every((p, i) => i === 0 || p[0] > (pts[i - 1] as [number, number])[0]), 'points must have increasing inputs');
  }
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) shape[key] = overridesOf(child).optional();
  return z.strictObject(shape);
}

export const thresholdOverridesSchema = overridesOf(DEFAULT_THRESHOLDS);
