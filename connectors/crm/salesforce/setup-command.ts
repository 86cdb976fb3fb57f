import type { PulseConfig } from '../../../src/config/config';
import { PulseError } from '../../../src/errors';
import { requireSettings, type Output } from '../settings';
import { salesforceCredentials } from './config-credentials';
import { openSalesforceLink } from './link';
import { checkSalesforce, describeSalesforceCheck, SALESFORCE_DEPLOY_COMMAND, salesforceCheckPassed } from './setup';

/** `pulse crm setup --crm salesforce`: checks the org's fields through describe and says what to deploy. */
export async function checkSalesforceFromConfig(crm: PulseConfig['crm'], out: Output): Promise<void> {
  const sf = crm.salesforce;
  const settings = requireSettings('Salesforce', { SALESFORCE_INSTANCE_URL: sf.instanceUrl });
  // The same credentials as a sync: an access token, renewed by refresh token, or the JWT bearer flow.
  const link = openSalesforceLink({ instanceUrl: settings.SALESFORCE_INSTANCE_URL, ...salesforceCredentials(sf), version: sf.apiVersion });
  const report = await checkSalesforce(link);
  out.write(describeSalesforceCheck(report));
  if (!salesforceCheckPassed(report)) {
    throw new PulseError(
      'CRM_SCHEMA_MISMATCH',
      `Salesforce org is not set up: ${report.missing.length} field(s) missing, ${report.mismatched.length} mismatched; deploy with: ${SALESFORCE_DEPLOY_COMMAND}`,
    );
  }
}
