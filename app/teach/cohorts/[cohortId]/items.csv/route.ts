import { cohortCsv } from '@/lib/http/cohort-csv'
import { withRequestLog } from '@/lib/http/request-log'

export const dynamic = 'force-dynamic'

async function handleGET(request: Request, { params }: { params: Promise<{ cohortId: string }> }) {
  return cohortCsv(request, (await params).cohortId, 'items')
}

export const GET = withRequestLog('cohort items csv', handleGET)
