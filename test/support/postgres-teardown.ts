/**
 * jest globalTeardown of the int project: stops the PostgreSQL server that the globalSetup
 * (postgres.ts) started and removes its data. (No relative import: see postgres.ts.)
 */
export default async function teardownPostgres(): Promise<void> {
  const server = globalThis.__testPostgres;
  if (!server) return;
  globalThis.__testPostgres = undefined;
  delete process.env.TEST_POSTGRES_URL;
  await server.stop();
}
