import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnTs, waitForLine } from '../../support/child-process';

const ROOT = join(__dirname, '..', '..', '..');

describe('npm run fake:salesforce', () => {
  it('is a script of package.json that builds, then runs the compiled tool', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['fake:salesforce']).toBe('npm run build --silent && node dist/tools/fake-salesforce.js');
  });

  it('starts an org holding the sample accounts, prints the exports, and answers SOQL with the token', async () => {
    const child = spawnTs('tools/fake-salesforce.ts', ['--port', '0', '--accounts', '3'], { cwd: ROOT });
    try {
      const [, instanceUrl, loginUrl, token] = await waitForLine(
        child,
        /export SALESFORCE_INSTANCE_URL=(http:\/\/127\.0\.0\.1:\d+)\n\s+export SALESFORCE_LOGIN_URL=(\S+)\n\s+export SALESFORCE_ACCESS_TOKEN=(\S+)\n/,
      );
      expect(loginUrl).toBe(instanceUrl);
      const soql = "SELECT Id, OwnerId, Pulse_Account_Id__c FROM Account WHERE Pulse_Account_Id__c IN ('acct-00001','acct-00002','acct-00003','acct-00004')";
      const query = await fetch(`${instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(query.status).toBe(200);
      expect(query.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
      expect(((await query.json()) as { totalSize: number }).totalSize).toBe(3);
      const refused = await fetch(`${instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`, { headers: { authorization: 'Bearer wrong' } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_SESSION_ID' })]);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
