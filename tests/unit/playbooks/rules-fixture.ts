import { parseRules, type Rules } from '../../../src/playbooks';

/** Builds validated rules from YAML playbook entries, so tests go through the same validation as users. */
export function rulesFrom(playbooksYaml: string): Rules {
  return parseRules(`version: 1\nplaybooks:\n${playbooksYaml}`, 'test.yaml');
}

/** One playbook on `trend = declining`: high-touch task, tech-touch trigger, product-led missing (= none). */
export function declineRule(extra = ''): Rules {
  return rulesFrom(`
  - name: consumption_decline
    description: Consumption declining
    priority: 20
    when: { field: trend, op: eq, value: declining }
    ${extra}
    actions:
      high_touch:
        type: task
        priority: high
        due_business_days: 2
        subject: "Consumption {{growth_30d_pct}} ({{spend_prev_30d}} -> {{spend_30d}})"
        body: "Top drivers: {{risk_drivers}}; roi {{roi_multiple}}; efficiency {{efficiency_change_pct}}; overconsumption {{overconsumption}}"
      tech_touch: { type: trigger }
`);
}
