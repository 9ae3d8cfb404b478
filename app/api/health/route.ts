/** Liveness: the process is up and answering. It never touches the database, so a database outage does not get the process restarted. */
export const dynamic = 'force-dynamic'

export function GET() {
  return Response.json(
    { status: 'ok', uptimeSeconds: Math.round(process.uptime()) },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}
