/**
 * The default playbooks: SIGNALS.md's table "Default playbooks", as a rules file.
 * Kept as YAML text in a TS module because tsc does not copy .yaml files into dist/; the text is
 * what `pulse playbooks init`-style commands write out, and it is validated like any user file.
 *
 * Decisions the table leaves open:
 * - expansion_conversation: the table gives a single "task"; both high-touch and tech-touch get a
 *   (medium) task, because an expansion talk needs a person even on a tech-touch account.
 * - "task" without a stated priority is medium; "task, high" is high.
 * - product_led: none for every playbook (explicit, so the file reads as the whole policy).
 * - priority follows the table's order.
 * - reason: each states the condition in words with the figures a CSM checks first; a task body then
 *   says what to do, since the reason opens it (evaluate.ts) and need not be repeated.
 */
export const DEFAULT_RULES_FILE_NAME = 'playbooks.yaml';

export const DEFAULT_RULES_YAML = `# Consumption Pulse playbook rules (version 1).
# Each playbook: a condition over signal fields (see SIGNALS.md), and what to do per coverage
# motion: task (a CRM task for the account owner), trigger (sets the playbook trigger fields that
# CRM workflows enroll on), or none. A missing coverage means none.
# Conditions: {all: [...]}, {any: [...]}, {not: ...}, {field, op: eq|ne|gt|gte|lt|lte, value},
# {field, in: [...]}, {field, is_null: true|false}. A comparison on a null figure is false.
# reason: why the playbook fired, in words a CSM reads in the CRM (default: the description). It is
# the trigger event's reason and opens the task body; the body ends with the rule that held.
# reason, task subject and body: {{field}} placeholders are filled with the account's figures.
# cooldown_days (default 14): after firing on day D, the playbook fires again from D + cooldown_days.
version: 1
playbooks:
  - name: onboarding_stall
    description: No meaningful usage yet, more than 14 days after contract start
    reason: >-
      Onboarding has stalled: no meaningful usage {{tenure_days}} days after contract start
      ({{units_30d}} units, {{spend_30d}} in the last 30 days).
    priority: 10
    when: { field: onboarding, op: eq, value: stalled }
    figures: [tenure_days, units_30d, spend_30d]
    actions:
      high_touch:
        type: task
        priority: high
        due_business_days: 2
        subject: "Onboarding stalled: no meaningful usage {{tenure_days}} days after contract start"
        body: >-
          Book a working session to get the first use case live; check access, integration and who owns the rollout.
      tech_touch: { type: trigger }
      product_led: { type: none }

  - name: consumption_decline
    description: Consumption declining (30-day growth at or below -10%) or stopped
    reason: >-
      Consumption {{trend}}: spend over the last 30 days was {{spend_30d}}, against {{spend_prev_30d}}
      the 30 days before ({{growth_30d_pct}}).
    priority: 20
    when: { field: trend, in: [declining, stopped] }
    figures: [growth_30d_pct, spend_prev_30d, spend_30d]
    actions:
      high_touch:
        type: task
        priority: high
        due_business_days: 2
        subject: "Consumption {{trend}}: {{growth_30d_pct}} in 30 days ({{spend_prev_30d}} -> {{spend_30d}})"
        body: >-
          Health {{health_score}} ({{health_tier}}); risks: {{risk_drivers}}.
          Find out what changed (a team, a use case, a migration) before it shows up at renewal.
      tech_touch: { type: trigger }
      product_led: { type: none }

  - name: commit_underuse
    description: Commitment projected under 70% of its value, at least 30 days into the period
    reason: >-
      Committed spend is running under plan: {{commit_utilization_pct}} of the commitment used
      ({{consumed_usd}}) {{commit_elapsed_days}} days into the period; at the current run rate it ends
      at {{commit_projected_pct}} ({{projected_period_usd}}).
    priority: 30
    when:
      all:
        - { field: commit_status, op: eq, value: under }
        - { field: commit_elapsed_days, op: gte, value: 30 }
    figures: [commit_projected_pct, commit_utilization_pct, consumed_usd]
    actions:
      high_touch:
        type: task
        priority: medium
        due_business_days: 5
        subject: "Commitment under-used: projected {{commit_projected_pct}} of commit"
        body: >-
          Review what blocks adoption and agree a plan to use the commitment.
      tech_touch: { type: trigger }
      product_led: { type: none }

  - name: expansion_conversation
    description: Commitment running out early or projected above 90%
    reason: >-
      Usage is outgrowing the commitment: at the current run rate the period ends at
      {{commit_projected_pct}} of it ({{projected_period_usd}}, overage {{projected_overage_usd}}).
    priority: 40
    when: { field: expansion_signal, in: [commit_early_exhaustion, usage_threshold] }
    figures: [commit_projected_pct, commit_exhaustion_date, commit_days_early, projected_overage_usd]
    actions:
      high_touch: &expansion_task
        type: task
        priority: medium
        due_business_days: 5
        subject: "Expansion conversation: commitment projected at {{commit_projected_pct}}"
        body: >-
          Projected run-out date: {{commit_exhaustion_date}} ({{commit_days_early}} days before the period ends).
          Expansion signals: {{expansion_flags}}.
          Open the conversation about a larger commitment before the overage lands on an invoice.
      tech_touch: *expansion_task
      product_led: { type: none }

  - name: bill_shock_checkin
    description: This month's spend forecast well above budget or last month
    reason: >-
      This month's bill is heading well above normal: forecast {{forecast_month_usd}}
      ({{mtd_spend_usd}} so far) against {{last_month_usd}} last month.
    priority: 50
    when: { field: bill_shock_risk, op: eq, value: high }
    figures: [forecast_month_usd, mtd_spend_usd, last_month_usd]
    actions:
      high_touch:
        type: task
        priority: high
        due_business_days: 2
        subject: "Bill-shock risk: month forecast {{forecast_month_usd}} (last month {{last_month_usd}})"
        body: >-
          Check in before the invoice: confirm the growth is intended and, if it is not, help set limits or budgets.
      tech_touch: { type: trigger }
      product_led: { type: none }

  - name: efficiency_consult
    description: Spend growing faster than the outcomes it buys, or returning less than it costs
    reason: >-
      Spend is outpacing the value it buys: {{spend_30d}} in the last 30 days for an estimated
      {{value_usd_30d}} of value (ROI {{roi_multiple}}x). Change over 30 days in spend: {{growth_30d_pct}};
      in outcomes per 1,000 units: {{efficiency_change_pct}}.
    priority: 60
    when: { field: overconsumption, op: eq, value: true }
    figures: [roi_multiple, efficiency_change_pct, growth_30d_pct]
    actions:
      high_touch:
        type: task
        priority: medium
        due_business_days: 5
        subject: "Efficiency consult: ROI {{roi_multiple}}x, efficiency {{efficiency_change_pct}}"
        body: >-
          Review how usage maps to outcomes before the customer questions the spend.
      tech_touch: { type: trigger }
      product_led: { type: none }

  - name: adjacent_team
    description: A new team started using the product in the last 90 days
    reason: >-
      A new team is using the product: {{new_teams_90d}} team(s) started in the last 90 days;
      {{teams_30d}} teams were active in the last 30 days ({{spend_30d}}).
    priority: 70
    when: { field: expansion_signal, op: eq, value: team_spread }
    figures: [new_teams_90d, teams_30d]
    actions:
      high_touch:
        type: task
        priority: medium
        due_business_days: 5
        subject: "Adjacent team: {{new_teams_90d}} new team(s) in the last 90 days"
        body: >-
          Meet the new team, learn its use case, and ask who else could use it.
      tech_touch: { type: trigger }
      product_led: { type: none }

  - name: production_readiness
    description: Erratic weekly spend on an account past its first 90 days
    reason: >-
      Weekly spend swings widely (coefficient of variation {{volatility_cv}}) on an account
      {{tenure_days}} days into its contract: usage does not look production-ready yet.
    priority: 80
    when:
      all:
        - { field: predictability, op: eq, value: erratic }
        - { field: tenure_days, op: gte, value: 90 }
    figures: [volatility_cv]
    actions:
      high_touch: { type: trigger }
      tech_touch: { type: trigger }
      product_led: { type: none }
`;
