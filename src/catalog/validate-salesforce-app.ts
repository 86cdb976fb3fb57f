import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { SALESFORCE_APP_NAME, SALESFORCE_APP_PATHS, SALESFORCE_CALLBACK_PATH, SALESFORCE_OAUTH_SCOPES, type SalesforceAppType } from './salesforce-app';

/**
 * Structural checks of the External Client App files, read back from the XML text: every file present and
 * naming the app, the callback a URL the web process serves, the scopes the sync needs, and the policy's
 * permission set one the project deploys. What would deploy but leave Pulse unable to connect fails here.
 */
const DEFAULT = 'manifests/salesforce/force-app/main/default';
const parser = new XMLParser({ ignoreDeclaration: true, parseTagValue: false });
const ofApp = z.object({ externalClientApplication: z.literal(SALESFORCE_APP_NAME), label: z.string().min(1) });
const SCHEMAS: Record<SalesforceAppType, z.ZodType> = {
  ExternalClientApplication: z.object({ label: z.string().min(1), distributionState: z.enum(['Local', 'Packaged']) }),
  ExtlClntAppOauthSettings: ofApp.extend({ commaSeparatedOauthScopes: z.string() }),
  ExtlClntAppGlobalOauthSettings: ofApp.extend({ callbackUrl: z.string() }),
  ExtlClntAppOauthConfigurablePolicies: ofApp.extend({ commaSeparatedPermissionSet: z.string(), permittedUsersPolicyType: z.literal('AdminApprovedPreAuthorized') }),
};

function parsed(type: SalesforceAppType, files: ReadonlyMap<string, string>): { value?: Record<string, unknown>; problem?: string } {
  const path = `${DEFAULT}/${SALESFORCE_APP_PATHS[type]}`;
  const content = files.get(path);
  if (content === undefined) return { problem: `${path}: missing (the ${type} of the External Client App)` };
  // Not well-formed XML is reported with the other Salesforce files.
  if (XMLValidator.validate(content) !== true) return {};
  const result = SCHEMAS[type].safeParse(z.record(z.string(), z.unknown()).parse(parser.parse(content))[type]);
  if (!result.success) return { problem: `${path}: ${result.error.issues.map((issue) => `${issue.path.join('.') || type} ${issue.message}`).join('; ')}` };
  return { value: result.data as Record<string, unknown> };
}

function callbackProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return `callbackUrl ${url} is not a URL`;
  const { protocol, pathname } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') return `callbackUrl ${url} is not http(s)`;
  if (!pathname.endsWith(SALESFORCE_CALLBACK_PATH)) return `callbackUrl ${url} does not end in ${SALESFORCE_CALLBACK_PATH}, where the web process receives it`;
  return undefined;
}

/** `files` is path → content as `generateFiles` returns it (or as read back from disk). */
export function salesforceAppProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const values = new Map<SalesforceAppType, Record<string, unknown>>();
  for (const type of Object.keys(SALESFORCE_APP_PATHS) as SalesforceAppType[]) {
    const { value, problem } = parsed(type, files);
    if (problem !== undefined) problems.push(problem);
    if (value !== undefined) values.set(type, value);
  }
  const where = (type: SalesforceAppType): string => `${DEFAULT}/${SALESFORCE_APP_PATHS[type]}`;
  const scopes = values.get('ExtlClntAppOauthSettings')?.commaSeparatedOauthScopes;
  const wanted = SALESFORCE_OAUTH_SCOPES.map((scope) => scope.metadata);
  if (typeof scopes === 'string') {
    const have = scopes.split(',').map((scope) => scope.trim());
    const absent = wanted.filter((scope) => !have.includes(scope));
    if (absent.length > 0) problems.push(`${where('ExtlClntAppOauthSettings')}: scopes lack ${absent.join(', ')}`);
  }
  const callback = values.get('ExtlClntAppGlobalOauthSettings')?.callbackUrl;
  const badCallback = typeof callback === 'string' ? callbackProblem(callback) : undefined;
  if (badCallback !== undefined) problems.push(`${where('ExtlClntAppGlobalOauthSettings')}: ${badCallback}`);
  const permissionSet = values.get('ExtlClntAppOauthConfigurablePolicies')?.commaSeparatedPermissionSet;
  if (typeof permissionSet === 'string' && !files.has(`${DEFAULT}/permissionsets/${permissionSet}.permissionset-meta.xml`)) {
    problems.push(`${where('ExtlClntAppOauthConfigurablePolicies')}: permission set ${permissionSet} is not in the project, so nobody could connect`);
  }
  return problems;
}
