import type { SignalField } from '../domain/signals';

/**
 * The shape of one CRM-facing field. The catalog (`catalog.ts`) is the one list of them; the HubSpot
 * property definitions, the Salesforce metadata, value formatting and docs/fields.md derive from it.
 */
export type FieldType = 'number' | 'percent' | 'currency' | 'enumeration' | 'date' | 'datetime' | 'text' | 'boolean';

/**
 * Where a field's value comes from: a signal of the signal engine, the playbook engine, the sync run,
 * or the account's signal history (its snapshot against the one of 7 days before).
 */
export type FieldSource =
  | { kind: 'signal'; field: SignalField }
  | { kind: 'playbook' }
  | { kind: 'sync' }
  | { kind: 'history' };

/** The CRM record a field lives on: the company/account, or the task a playbook creates. */
export type CrmObject = 'account' | 'task';

export interface EnumOption {
  /** The stored value: what workflows compare against. Never renamed once shipped. */
  value: string;
  label: string;
}

interface BaseEntry {
  /** snake_case; HubSpot `pulse_<key>`, Salesforce `Pulse_<Key>__c`. Never renamed once shipped. */
  key: string;
  /** What a CRM user sees; Salesforce caps labels at 40 characters. */
  label: string;
  /** For sales ops: what it means, its unit, when it changes. */
  description: string;
  source: FieldSource;
  object: CrmObject;
  /** A unique external id (matched on upsert); only text fields can be one. */
  unique?: boolean;
}

export interface NumberEntry extends BaseEntry {
  type: 'number' | 'percent' | 'currency';
  /** Digits after the decimal point, as the signal engine rounds them on output. */
  decimals: number;
}

export interface EnumerationEntry extends BaseEntry {
  type: 'enumeration';
  options: readonly EnumOption[];
}

export interface TextEntry extends BaseEntry {
  type: 'text';
  /** Longest value kept; longer values are truncated. Above 255, Salesforce gets a long text area. */
  maxLength: number;
}

export interface PlainEntry extends BaseEntry {
  type: 'date' | 'datetime' | 'boolean';
}

export type CatalogEntry = NumberEntry | EnumerationEntry | TextEntry | PlainEntry;

/** A value as the signal engine's output formatter produces it (percent 1 decimal, money cents, dates `YYYY-MM-DD`). */
export type CatalogValue = string | number | boolean | null;
