import type { Request, Response } from 'express';
import { reply } from '../respond';
import type { RouteContext } from './context';

/** `GET /account-info/v3/details`. */
export function getAccountInfo({ portalId }: RouteContext) {
  return (_req: Request, res: Response): void =>
    reply(res, 200, {
      portalId,
      accountType: 'STANDARD',
      timeZone: 'Etc/UTC',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
}
