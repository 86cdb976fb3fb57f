/** Starts the throwaway services integration tests need (filled in by tests/support/services.ts). */
export default async function globalSetup(): Promise<void> {}
