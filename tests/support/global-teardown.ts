export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as { __pulseServices?: { stop(): Promise<void> }[] }).__pulseServices ?? [];
  for (const s of services) await s.stop();
}
