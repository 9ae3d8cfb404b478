/**
 * How the database layer reports progress. A plain function so scripts can
 * pass console.log and the server can pass a pino method bound to its logger.
 */
export type DbLog = (message: string) => void

export const silentLog: DbLog = () => {}
