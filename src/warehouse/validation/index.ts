/**
 * Row validation for the warehouse contract (SIGNALS.md, "Warehouse contract"): `validateWarehouse`
 * counts and explains rejected rows in SQL; `cleanModelCtes` gives the aggregation SQL the rows
 * that passed. See README.md in this folder for the rules.
 */
export { validateWarehouse, DEFAULT_DETAIL_LIMIT, DUPLICATE_KEY_LIMIT } from './validate';
export { cleanModelCtes } from './clean-ctes';
export type { KeptModelReport, KeptValidation, ValidationKeeper } from './kept-report';
export type {
  ColumnReasonCode,
  DuplicateKeys,
  ModelValidation,
  ReasonCode,
  RowReasonCode,
  ValidateOptions,
  ValidationRejectedRow,
  ValidationReport,
} from './types';
