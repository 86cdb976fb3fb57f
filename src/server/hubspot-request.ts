/**
 * An express request as HubSpot signed it (signature v3): the URI HubSpot called (PULSE_PUBLIC_URL +
 * path and query, not the one this process sees behind a proxy), the body bytes and the two headers.
 * The webhook route and the CRM card route both verify what this returns.
 */
import type { Request } from 'express';
import type { SignedRequest } from './hubspot-signature';

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function hubspotSignedRequest(req: Request, rawBody: Buffer, publicUrl: string | undefined): SignedRequest {
  return {
    method: req.method,
    uri: `${(publicUrl ?? '').replace(/\/+$/, '')}${req.originalUrl}`,
    rawBody,
    signature: header(req, 'x-hubspot-signature-v3'),
    timestamp: header(req, 'x-hubspot-request-timestamp'),
  };
}
