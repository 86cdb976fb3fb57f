import { CRM_VARIABLES, installationEnvironment } from '../../../src/commands/installations-env';

describe('installationEnvironment', () => {
  const shell = {
    DATABASE_URL: 'postgres://state',
    PULSE_ENCRYPTION_KEY: 'k',
    HUBSPOT_ACCESS_TOKEN: 'shell-token',
    HUBSPOT_REFRESH_TOKEN: 'shell-hub-refresh',
    HUBSPOT_TOKEN_EXPIRES_AT: '2026-01-01T00:00:00Z',
    HUBSPOT_CLIENT_ID: 'app-id',
    HUBSPOT_CLIENT_SECRET: 'app-secret',
    SALESFORCE_REFRESH_TOKEN: 'shell-refresh',
    SALESFORCE_PRIVATE_KEY_PATH: '/home/admin/key.pem',
    WAREHOUSE_URL: 'duckdb:shell.duckdb',
    PULSE_CONFIG: 'shell.yaml',
  };

  it('takes out every CRM variable of the shell and puts the installation\'s in; the deployment\'s stay', () => {
    const env = installationEnvironment(shell, { HUBSPOT_ACCESS_TOKEN: 'stored', HUBSPOT_BASE_URL: 'https://api.hubapi.com' }, { configFile: null });
    expect(env).toEqual({
      DATABASE_URL: 'postgres://state',
      PULSE_ENCRYPTION_KEY: 'k',
      // The public app's credentials are the deployment's: an OAuth installation refreshes with them.
      HUBSPOT_CLIENT_ID: 'app-id',
      HUBSPOT_CLIENT_SECRET: 'app-secret',
      HUBSPOT_ACCESS_TOKEN: 'stored',
      HUBSPOT_BASE_URL: 'https://api.hubapi.com',
      WAREHOUSE_URL: 'duckdb:shell.duckdb',
      PULSE_CONFIG: 'shell.yaml',
    });
    expect(CRM_VARIABLES).toEqual(expect.arrayContaining(['SALESFORCE_REFRESH_TOKEN', 'SALESFORCE_PRIVATE_KEY_PATH', 'HUBSPOT_BASE_URL']));
  });

  it('puts the warehouse, the config file and the written key file over the shell\'s; the PEM itself is no variable', () => {
    const env = installationEnvironment(
      shell,
      { SALESFORCE_INSTANCE_URL: 'https://globex.my.salesforce.com', SALESFORCE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----', WAREHOUSE_URL: 'postgres://dw/globex' },
      { configFile: '/etc/pulse/globex.yaml', privateKeyPath: '/tmp/pulse-key-x/salesforce.pem' },
    );
    expect(env).toMatchObject({ WAREHOUSE_URL: 'postgres://dw/globex', PULSE_CONFIG: '/etc/pulse/globex.yaml', SALESFORCE_PRIVATE_KEY_PATH: '/tmp/pulse-key-x/salesforce.pem' });
    expect(env.SALESFORCE_PRIVATE_KEY).toBeUndefined();
    expect(env.SALESFORCE_REFRESH_TOKEN).toBeUndefined();
    // The caller's object is left as it was.
    expect(shell.HUBSPOT_ACCESS_TOKEN).toBe('shell-token');
  });
});
