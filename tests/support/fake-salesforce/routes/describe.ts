import { Router, type Request, type Response } from 'express';
import { sobjectTypeOf } from '../fields';
import { reply, sfErrors } from '../respond';
import type { RouteContext } from './context';

/**
 * `GET /sobjects/:object/describe` for the objects `pulse crm setup --crm salesforce` checks: the fields the fake
 * org has, with the types, external-id flags and picklist values the deployed metadata gives them. An object the
 * org lacks (any other, or the platform event before the DX project is deployed) is NOT_FOUND, as Salesforce
 * answers it.
 */
export function describeRoutes(context: RouteContext): Router {
  const router = Router();
  router.get('/sobjects/:object/describe', (req: Request, res: Response) => {
    const type = sobjectTypeOf(req.params.object);
    if (type === undefined || !context.org.fields.exists(type)) {
      return reply(res, 404, sfErrors('NOT_FOUND', 'The requested resource does not exist'));
    }
    reply(res, 200, { name: type, label: type, custom: type.endsWith('__e'), fields: context.org.fields.describe(type) });
  });
  return router;
}
