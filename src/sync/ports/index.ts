/** The ports the sync job declares; adapters in `connectors/` implement them. */
export * from './crm';
