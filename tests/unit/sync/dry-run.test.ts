import { createConnector } from '../../../connectors/crm';
import { createDryRunConnector } from '../../../connectors/crm/dry-run';
import { formatSignals } from '../../../src/signals/format';
import { DEFAULT_CONFIG } from '../../support/pipeline';
import { makeAccount } from './factories';

const signals = formatSignals(makeAccount().signals);

describe('the dry-run CRM', () => {
  it('formats as the CRM it mimics', () => {
    expect(createDryRunConnector({ mimic: 'hubspot' }).formatFields(signals, {})).toMatchObject({ pulse_spend_30d: '12400', pulse_account_id: 'acct-1' });
    expect(createDryRunConnector({ mimic: 'salesforce' }).formatFields(signals, { last_playbook: 'consumption_decline' })).toMatchObject({
      Pulse_Spend_30d__c: 12400,
      Pulse_Last_Playbook__c: 'consumption_decline',
    });
  });

  it('matches every account (its warehouse CRM id when it has one), accepts every write and makes no API call', async () => {
    const crm = createDryRunConnector({ mimic: 'hubspot' });
    const hints = [
      { account_id: 'a', name: null, domain: null, record_id: '123' },
      { account_id: 'b', name: null, domain: null, record_id: null },
    ];
    expect(await crm.resolveRecords(hints)).toEqual(new Map([['a', '123'], ['b', 'dry-run-b']]));
    expect(await crm.writeFields([{ account_id: 'a', record_id: '123', values: { pulse_spend_30d: '1' } }])).toEqual([{ key: 'a', ok: true }]);
    expect(crm.apiCalls).toBe(0);
    expect(crm.installationId).toBe('dry-run:hubspot');
    expect(crm.recordIdColumn).toBe('hubspot_company_id');
    expect(createDryRunConnector({ mimic: 'salesforce' }).recordIdColumn).toBe('salesforce_account_id');
  });

  it('the factory builds it for dry-run, and refuses the CRMs not wired yet', async () => {
    expect((await createConnector('dry-run', DEFAULT_CONFIG.crm, { mimic: 'salesforce' })).connector.installationId).toBe('dry-run:salesforce');
    await expect(createConnector('hubspot', DEFAULT_CONFIG.crm)).rejects.toMatchObject({ code: 'CRM_NOT_CONFIGURED' });
    await expect(createConnector('salesforce', DEFAULT_CONFIG.crm)).rejects.toMatchObject({ code: 'CRM_NOT_CONFIGURED' });
  });
});
