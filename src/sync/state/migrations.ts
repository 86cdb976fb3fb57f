/**
 * The state store's schema as numbered migrations, applied in order at open and recorded in
 * `schema_migrations`. Never edit a released migration: add the next number. Plain PostgreSQL that
 * PGlite runs unchanged (no extensions).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'installations, written values, record ids, runs, rejections, firings, written keys',
    sql: `
create table installations (
  id serial primary key,
  tenant text not null,
  crm text not null,
  -- HubSpot portal id, Salesforce org id, 'dry-run'.
  crm_account_id text not null,
  -- AES-256-GCM envelope (src/crypto), or null when no PULSE_ENCRYPTION_KEY is configured.
  credentials text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant, crm, crm_account_id)
);

-- The last value the CRM accepted per field: the plan diffs against it.
create table field_values (
  installation_id integer not null references installations (id),
  account_id text not null,
  field text not null,
  -- The CRM-formatted value as JSON (string, number, boolean or null), compared as such.
  value jsonb not null,
  run_id integer not null,
  written_at timestamptz not null,
  primary key (installation_id, account_id, field)
);

create table record_ids (
  installation_id integer not null references installations (id),
  account_id text not null,
  record_id text not null,
  resolved_at timestamptz not null,
  primary key (installation_id, account_id)
);

create table runs (
  id serial primary key,
  installation_id integer not null references installations (id),
  as_of text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  -- running, succeeded, failed; a run found still 'running' by the next one was interrupted.
  status text not null,
  error text,
  accounts_read integer not null default 0,
  changed integer not null default 0,
  written integer not null default 0,
  unchanged integer not null default 0,
  rejected integer not null default 0,
  unmatched integer not null default 0,
  rows_rejected integer not null default 0,
  tasks_created integer not null default 0,
  events_published integer not null default 0,
  api_calls integer not null default 0
);
create index runs_by_installation on runs (installation_id, id);

-- Rejected warehouse rows, CRM records, tasks and events, and unmatched accounts, per run.
create table rejections (
  id serial primary key,
  run_id integer not null references runs (id),
  kind text not null,
  key text not null,
  account_id text,
  reason text not null
);
create index rejections_by_run on rejections (run_id, id);

-- Every playbook firing, recorded before its task or trigger is written (an intent log): cooldowns
-- hold across runs, and a firing whose write was lost is still owed by the next run.
create table firings (
  installation_id integer not null references installations (id),
  key text not null,
  account_id text not null,
  playbook text not null,
  action text not null,
  fired_on text not null,
  -- Position among the account's firings that day (rule priority order): breaks ties for last_playbook.
  ordinal integer not null,
  fired_at timestamptz not null,
  reason text not null,
  record_id text,
  task jsonb,
  run_id integer not null,
  primary key (installation_id, key)
);
create index firings_by_account on firings (installation_id, account_id, playbook, fired_on);

-- Task and event keys the CRM accepted: a key here is never written again.
create table written_keys (
  installation_id integer not null references installations (id),
  kind text not null,
  key text not null,
  crm_id text,
  run_id integer not null,
  written_at timestamptz not null,
  primary key (installation_id, kind, key)
);
`,
  },
  {
    version: 2,
    name: 'run history: error codes, quota resume time, backfill flag',
    sql: `
alter table runs add column error_code text;
alter table runs add column resume_at timestamptz;
alter table runs add column backfill boolean not null default false;
-- Statuses: running, succeeded, failed, stopped (quota spent), interrupted (killed, found by the next run).
-- Run ids are taken as max + 1 under a table lock: a sequence would jump by its WAL pre-log (32) after a kill.
`,
  },
  {
    version: 3,
    name: 'rejections keep the validation reason code',
    sql: `
-- A warehouse row's reason code (negative:units, duplicate_key): run history groups by it, never by the sentence.
alter table rejections add column code text;
`,
  },
  {
    version: 4,
    name: 'crm jobs in flight, by the key of what they write',
    sql: `
-- Asynchronous CRM jobs (Salesforce Bulk API 2.0 ingest) whose results have not been mapped back yet,
-- under a key derived from what the job writes: a restarted run with the same writes finds its job
-- here and polls it instead of uploading the records a second time. A row is removed once the job's
-- results are handed back.
create table crm_jobs (
  installation_id integer not null references installations (id),
  key text not null,
  job_id text not null,
  created_at timestamptz not null default now(),
  primary key (installation_id, key)
);
`,
  },
  {
    version: 5,
    name: 'named installations: settings, schedule and status beside the installation',
    sql: `
-- A named installation (\`pulse installations add\`) is one tenant: its installations row has tenant = name
-- and holds its sealed credentials; its settings live here, in a side table, because the CLI's own rows
-- (tenant 'default') have none of them. Removing one deletes this row and the credentials, and keeps the
-- installations row with its runs and state: the history stays, and adding the name again resumes it.
create table named_installations (
  installation_id integer primary key references installations (id),
  name text not null unique,
  -- For display only, password masked: the URL itself is sealed with the credentials (WAREHOUSE_URL).
  warehouse_url text,
  -- Absolute path of the installation's pulse.config.yaml; null: the deployment's own config.
  config_file text,
  -- Five-field cron, UTC.
  schedule text not null,
  status text not null default 'active' check (status in ('active', 'paused', 'needs_attention')),
  status_reason text,
  created_at timestamptz not null default now()
);
`,
  },
  {
    version: 6,
    name: 'OAuth installs in flight: single-use states and their PKCE verifiers',
    sql: `
-- One row per OAuth install started by the web process (/oauth/<crm>/install), taken (deleted) by its
-- callback: a state can be used once, by any web process sharing the store. The PKCE verifier is sealed
-- with PULSE_ENCRYPTION_KEY; rows past expires_at are refused and swept by the next install.
create table oauth_states (
  nonce text primary key,
  crm text not null,
  verifier text not null,
  expires_at timestamptz not null
);
`,
  },
  {
    version: 7,
    name: 'signal history: each account\'s readings per as-of day, and its newest whole snapshot',
    sql: `
-- What each sync (and \`pulse history backfill\`) computed, per account. Every day keeps a narrow row:
-- what the console draws over time and the 7-day change reads. The whole snapshot (every signal, the
-- commitment, the NRR cells) is kept for the account's newest day only, beside the columns the
-- console's list filters and sorts on: a year of 100,000 accounts stays a few GB, and a page of the
-- list reads one row per account, not a day scattered through the year's rows.
create table signal_history (
  installation_id integer not null references installations (id),
  account_id text not null,
  as_of text not null,
  health_score double precision,
  health_score_change_7d integer,
  health_change_reason text,
  spend_day double precision not null,
  use_cases_30d integer not null,
  teams_30d integer not null,
  -- Each health component's input and score: {"trend": {"input": 12.5, "score": 79}, ...}.
  components jsonb not null,
  primary key (installation_id, account_id, as_of)
);
create index signal_history_by_day on signal_history (installation_id, as_of);

create table signal_latest (
  installation_id integer not null references installations (id),
  account_id text not null,
  as_of text not null,
  health_score double precision,
  health_tier text,
  health_score_change_7d integer,
  trend text not null,
  commit_projected_pct double precision,
  forecast_month_usd double precision not null,
  budget_month_usd double precision,
  expansion_signal text not null,
  coverage text not null,
  segment text,
  snapshot jsonb not null,
  primary key (installation_id, account_id)
-- The snapshot (a few kB, about 1 kB compressed) is moved out of the row, so filtering, counting and
-- sorting a day's 100,000 rows reads a few MB of columns, not every snapshot along with them.
) with (toast_tuple_target = 128);
create index signal_latest_by_day on signal_latest (installation_id, as_of);
`,
  },
  {
    version: 8,
    name: 'kept first days: what each run found, so the next one searches only the days after',
    sql: `
-- The first meaningful day, first day at target, commitment reached day and ROI day of every account,
-- with each account's row fingerprint and the day they were searched through (see
-- src/warehouse/aggregate/first-days.ts). A cache: deleting a row only makes the next run search in full.
-- scope: 'installation <id>' for syncs, 'warehouse <url>' for \`pulse signals\`.
create table first_days (
  scope text primary key,
  searched_through text not null,
  rule text not null,
  accounts text not null,
  kept_at timestamptz not null
);
`,
  },
  {
    version: 9,
    name: 'last-written field values: one row per account, not one per field',
    sql: `
-- Every sync reads the last-written values of all its accounts and records what changed: one row per
-- field made that 720,000 rows a day at 20,000 accounts × 36 fields, which cost more than computing
-- the signals. One row per account holds them all; a write merges its fields into it (||).
create table account_fields (
  installation_id integer not null references installations (id),
  account_id text not null,
  -- field → [the CRM-formatted value as JSON (string, number, boolean or null), the run that wrote it,
  -- when (ISO-8601, UTC)]: what the CRM last accepted, compared as JSON by the plan.
  fields jsonb not null,
  primary key (installation_id, account_id)
-- A row is 1 to 3 kB: compressing it on every write cost more time than the space it saves.
) with (toast_tuple_target = 8160);
insert into account_fields (installation_id, account_id, fields)
  select installation_id, account_id,
         jsonb_object_agg(field, jsonb_build_array(value, run_id, to_char(written_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
  from field_values group by installation_id, account_id;
drop table field_values;
-- The former table's rows, for reading: one account's fields (the console), a run's writes (recovery).
create view field_values as
  select a.installation_id, a.account_id, f.key as field, f.value -> 0 as value, (f.value ->> 1)::integer as run_id,
         (f.value ->> 2)::timestamptz as written_at
  from account_fields a cross join lateral jsonb_each(a.fields) f;
`,
  },
  {
    version: 10,
    name: 'kept validation reports: the next run validates only the rows since',
    sql: `
-- Per daily model, the validation report of its rows dated through \`through\`, with what it is trusted
-- under (see src/warehouse/validation/kept-report.ts). A cache, like first_days: deleting a row only
-- makes the next run validate every row. Scopes as in first_days.
create table validation_reports (
  scope text primary key,
  through text not null,
  models text not null,
  kept_at timestamptz not null
);
`,
  },
];
