import type { ColumnType } from '../../domain/contract';

/**
 * What a source column holds, from the type name the warehouse reports. `int32` fits an
 * INTEGER as is; `integer` (BIGINT, HUGEINT, unsigned) needs a range check first.
 */
export type SourceKind = 'text' | 'int32' | 'integer' | 'number' | 'date' | 'timestamp' | 'other';

const KINDS: [RegExp, SourceKind][] = [
  [/^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|NAME|CHARACTER( VARYING)?)\b/, 'text'],
  [/^(TINYINT|SMALLINT|INTEGER|INT|INT2|INT4|UTINYINT|USMALLINT)$/, 'int32'],
  [/^(BIGINT|INT8|HUGEINT|UINTEGER|UBIGINT|UHUGEINT)$/, 'integer'],
  [/^(FLOAT|FLOAT4|FLOAT8|REAL|DOUBLE|DOUBLE PRECISION|DECIMAL|NUMERIC)\b/, 'number'],
  [/^DATE$/, 'date'],
  // Without a time zone only: a TIMESTAMPTZ's calendar day depends on the session time zone.
  [/^(TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|DATETIME)(\(\d\))?( WITHOUT TIME ZONE)?$/, 'timestamp'],
];

export function sourceKind(typeName: string): SourceKind {
  const upper = typeName.trim().toUpperCase();
  return KINDS.find(([re]) => re.test(upper))?.[1] ?? 'other';
}

/** The source kinds a contract type is read from directly; any other kind is read as its text. */
const DIRECT: Record<ColumnType, SourceKind[]> = {
  text: ['text'],
  number: ['int32', 'integer', 'number', 'text'],
  integer: ['int32', 'integer', 'number', 'text'],
  date: ['date', 'timestamp', 'text'],
};

export function readsDirectly(type: ColumnType, kind: SourceKind): boolean {
  return DIRECT[type].includes(kind);
}

/** The kind a column has when the source lacks it and it is read as a typed null. */
export const NATIVE_KIND: Record<ColumnType, SourceKind> = { text: 'text', number: 'number', integer: 'int32', date: 'date' };
