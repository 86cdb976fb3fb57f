import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPulseError } from '../../../src/errors';
import { DEFAULT_RULES_YAML, checkRulesText, loadRules, parseRules } from '../../../src/playbooks';

const FILE = 'playbooks.yaml';

/** A valid rules file with one playbook whose parts a test replaces. */
function rulesYaml(parts: { name?: string; when?: string; actions?: string; extra?: string } = {}): string {
  return [
    'version: 1',
    'playbooks:',
    '  - name: onboarding_stall',
    '    description: No meaningful usage yet',
    '    priority: 10',
    '    when: { field: onboarding, op: eq, value: stalled }',
    '    actions: { tech_touch: { type: trigger } }',
    '  - name: ' + (parts.name ?? 'consumption_decline'),
    '    description: Consumption declining',
    '    priority: 20',
    '    when: ' + (parts.when ?? '{ field: trend, in: [declining, stopped] }'),
    '    actions: ' + (parts.actions ?? '{ tech_touch: { type: trigger } }'),
    ...(parts.extra === undefined ? [] : [parts.extra]),
  ].join('\n');
}

function errorsOf(text: string): string[] {
  const checked = checkRulesText(text, FILE);
  if (checked.ok) throw new Error('expected the rules file to be rejected');
  return checked.errors;
}

describe('a rules file', () => {
  it('that is valid yields rules, with cooldown 14 days and no extra figures by default', () => {
    const checked = checkRulesText(rulesYaml(), FILE);
    expect(checked.ok && checked.rules.playbooks[1]).toEqual({
      name: 'consumption_decline',
      description: 'Consumption declining',
      priority: 20,
      when: { field: 'trend', in: ['declining', 'stopped'] },
      actions: { tech_touch: { type: 'trigger' } },
      cooldown_days: 14,
      figures: [],
    });
  });

  it('with a bad op names the file, the rule, the path, the choices and what was found', () => {
    const when = '{ all: [ { field: trend, op: eq, value: declining }, { field: growth_30d_pct, op: greater, value: -10 } ] }';
    expect(errorsOf(rulesYaml({ when }))).toEqual([
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].when.all[1].op: '
        + 'expected one of eq, ne, gt, gte, lt, lte, got "greater"',
    ]);
  });

  it.each([
    ['spend_7d', 'did you mean spend_30d?'],
    ['helth_score', 'did you mean health_score or health_tier?'],
    ['commit_stauts', 'did you mean commit_status?'],
    ['growth_pct', 'did you mean growth_30d_pct?'],
    ['owner', 'the signal fields are the columns of `pulse signals --format csv`'],
  ])('with the unknown field %s names the closest fields (at most 3), not all of them', (field, hint) => {
    expect(errorsOf(rulesYaml({ when: `{ field: ${field}, op: eq, value: 0 }` }))).toEqual([
      `rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].when.field: unknown signal field "${field}"; ${hint}`,
    ]);
    expect(errorsOf(rulesYaml({ extra: `    figures: [${field}]` }))).toEqual([
      `rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].figures[0]: unknown signal field "${field}"; ${hint}`,
    ]);
  });

  it('with a misspelt key names the key that was meant', () => {
    expect(errorsOf(rulesYaml({ extra: '    reasn: "x"' }))).toEqual([
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1]: unknown key "reasn"; did you mean reason?',
    ]);
    const actions = '{ high_touch: { type: task, priority: high, due_business_days: 2, subject: s, bdy: b } }';
    expect(errorsOf(rulesYaml({ actions })).map((e) => e.replace(/^.*: (unknown key|required)/, '$1'))).toEqual([
      'required, but missing',
      'unknown key "bdy"; did you mean body?',
    ]);
    expect(errorsOf(rulesYaml({ actions: '{ tech_tuch: { type: trigger } }' }))).toEqual([
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].actions: unknown key "tech_tuch"; did you mean tech_touch or high_touch?',
    ]);
    expect(errorsOf(rulesYaml({ when: '{ feild: trend, op: eq, value: stable }' })).map((e) => e.replace(/^.* at /, ''))).toEqual([
      'playbooks[1].when.field: required, but missing',
      'playbooks[1].when: unknown key "feild"; did you mean field?',
    ]);
  });

  it('with invalid YAML says where', () => {
    expect(errorsOf('version: 1\nplaybooks:\n  - name: x\n    when: { field: trend, op: eq\n')).toEqual([
      expect.stringMatching(/^rules file playbooks\.yaml: line \d+, column \d+: invalid YAML: /),
    ]);
    expect(errorsOf('version: 1\nversion: 1\nplaybooks: []\n')).toEqual([
      'rules file playbooks.yaml: line 2, column 1: invalid YAML: Map keys must be unique',
    ]);
  });

  it('with invalid YAML reports the first syntax error only, not the ones that cascade from it', () => {
    // A missing "]" in the second rule: the parser reports it, then trips over every line after it.
    const broken = DEFAULT_RULES_YAML.replace('in: [declining, stopped] }', 'in: [declining, stopped }');
    const line = DEFAULT_RULES_YAML.split('\n').findIndex((l) => l.includes('in: [declining, stopped] }')) + 1;
    expect(errorsOf(broken)).toEqual([
      `rules file playbooks.yaml: line ${line}, column 51: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    ]);
    // One rule indented by 3 spaces instead of 4.
    const shifted = DEFAULT_RULES_YAML.replace('    priority: 20\n', '   priority: 20\n');
    const shiftedLine = DEFAULT_RULES_YAML.split('\n').indexOf('    priority: 20') + 1;
    expect(errorsOf(shifted)).toEqual([expect.stringMatching(new RegExp(`^rules file playbooks\\.yaml: line ${shiftedLine}, column 1: invalid YAML: `))]);
  });

  it('without a rule name says which rule, by position', () => {
    const text = rulesYaml().replace('  - name: consumption_decline\n    description', '  - description');
    expect(errorsOf(text)).toEqual(['rules file playbooks.yaml: playbook #2 (unnamed) at playbooks[1].name: required, but missing']);
  });

  it('with a duplicate playbook name points at the second one', () => {
    expect(errorsOf(rulesYaml({ name: 'onboarding_stall' }))).toEqual([
      'rules file playbooks.yaml: playbook "onboarding_stall" at playbooks[1].name: duplicate playbook name, first used at playbooks[0]',
    ]);
  });

  it('with an unknown template placeholder fails at load time, not at fire time', () => {
    const actions = '{ high_touch: { type: task, priority: high, due_business_days: 2, subject: "Down {{growth_pct}}", body: "{{spend_30d}} {{ owner }}" } }';
    expect(errorsOf(rulesYaml({ actions }))).toEqual([
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].actions.high_touch.subject: unknown placeholder {{growth_pct}}: a placeholder is a signal field name; did you mean growth_30d_pct?',
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].actions.high_touch.body: unknown placeholder {{owner}}: a placeholder is a signal field name',
    ]);
  });

  it('with a reason template keeps it, and checks its placeholders at load time like a task\'s', () => {
    const reason = '    reason: "Consumption is {{trend}}: {{growth_30d_pct}} in 30 days"';
    const checked = checkRulesText(rulesYaml({ extra: reason }), FILE);
    expect(checked.ok && checked.rules.playbooks[1]?.reason).toBe('Consumption is {{trend}}: {{growth_30d_pct}} in 30 days');
    expect(checked.ok && checked.rules.playbooks[0]).not.toHaveProperty('reason');
    expect(errorsOf(rulesYaml({ extra: '    reason: "Spend down {{growth_pct}} ({{spend_30d}"' }))).toEqual([
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].reason: unknown placeholder {{growth_pct}}: a placeholder is a signal field name; did you mean growth_30d_pct?',
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].reason: unbalanced "{{" or "}}" outside a {{field}} placeholder',
    ]);
    expect(errorsOf(rulesYaml({ extra: `    reason: "${'x'.repeat(1001)}"` }))).toEqual([
      'rules file playbooks.yaml: playbook "consumption_decline" at playbooks[1].reason: expected at most 1000 characters',
    ]);
  });

  it('lists every problem, not just the first, including a duplicate name beside other errors', () => {
    const text = rulesYaml({
      name: 'onboarding_stall',
      when: '{ field: trend, in: [declinig] }',
      actions: '{ tech_touch: { type: trgger }, mid_touch: { type: none } }',
      extra: '    cooldown: 7',
    }).replace('version: 1', 'version: 2');
    expect(errorsOf(text).map((e) => e.replace('rules file playbooks.yaml: ', ''))).toEqual([
      'at version: expected 1, got 2',
      'playbook "onboarding_stall" at playbooks[1].when.in[0]: trend takes one of inactive, stopped, new, growing, declining, stable, got "declinig"',
      'playbook "onboarding_stall" at playbooks[1].actions.tech_touch.type: expected type: task, trigger or none',
      'playbook "onboarding_stall" at playbooks[1].actions: unknown key "mid_touch"; did you mean high_touch or tech_touch?',
      'playbook "onboarding_stall" at playbooks[1]: unknown key "cooldown"; did you mean cooldown_days?',
      'playbook "onboarding_stall" at playbooks[1].name: duplicate playbook name, first used at playbooks[0]',
    ]);
  });

  it.each([
    ['{ field: trend, op: gt, value: stable }', 'at playbooks[1].when.op: gt needs a number or date field; trend is not (use eq, ne or in)'],
    ['{ field: spend_30d, op: eq, value: null }', 'at playbooks[1].when.value: expected a string, number or true/false (to test for null, use is_null)'],
    ['{ field: spend_30d, op: gt, value: "1000" }', 'at playbooks[1].when.value: spend_30d is a number, got "1000"'],
    ['{ field: overconsumption, op: eq, value: "yes" }', 'at playbooks[1].when.value: overconsumption is true or false, got "yes"'],
    ['{ field: commit_exhaustion_date, op: lt, value: 2024-13 }', 'at playbooks[1].when.value: commit_exhaustion_date is a date YYYY-MM-DD, got "2024-13"'],
    ['{ field: trend }', 'at playbooks[1].when: a field test needs op (with value), in or is_null'],
    ['{ when: 1 }', 'at playbooks[1].when: expected a condition: {all: [...]}, {any: [...]}, {not: ...}, {field, op, value}, {field, in: [...]}, {field, is_null}'],
    ['{ all: [] }', 'at playbooks[1].when.all: expected at least 1 item'],
    ['{ field: trend, op: eq, value: stable, in: [stable] }', 'at playbooks[1].when: unknown keys "op", "value"'],
    ['{ not: { field: trend, is_null: maybe } }', 'at playbooks[1].when.not.is_null: expected a boolean, got "maybe"'],
  ])('rejects the condition %s', (when, message) => {
    expect(errorsOf(rulesYaml({ when }))).toEqual([`rules file playbooks.yaml: playbook "consumption_decline" ${message}`]);
  });

  it('that is empty, or not a mapping, says so', () => {
    expect(errorsOf('')).toEqual(['rules file playbooks.yaml: at the top level: expected a mapping, got null']);
    expect(errorsOf('- 1')).toEqual(['rules file playbooks.yaml: at the top level: expected a mapping, got a list']);
  });

  it('is rejected by parseRules and loadRules with a RULES_INVALID PulseError listing every problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-rules-'));
    const path = join(dir, 'bad.yaml');
    writeFileSync(path, rulesYaml({ name: 'onboarding_stall', when: '{ field: nope, is_null: true }' }));
    for (const run of [() => parseRules(rulesYaml({ name: 'Bad Name' }), FILE), () => loadRules(path), () => loadRules(join(dir, 'missing.yaml'))]) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(isPulseError(caught) && caught.code).toBe('RULES_INVALID');
    }
    expect(() => loadRules(path)).toThrow(/playbooks\[1\]\.when\.field: unknown signal field "nope"[^]*\n.*duplicate playbook name/);
  });
});
