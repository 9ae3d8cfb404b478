import type { ItemAnalysisRow } from '@/lib/data/dashboard'

const KIND_LABEL: Record<string, string> = {
  'quiz-question': 'Quiz question',
  reorder: 'Reorder drill',
  'command-builder': 'Command scenario',
  'flip-card': 'Flip card',
  interview: 'Interview question',
}

export function ItemAnalysisTable({ items, limit }: { items: ItemAnalysisRow[]; limit: number }) {
  const answered = items.filter((item) => item.answered > 0)
  if (answered.length === 0) return <p className="text-slate-700 dark:text-slate-300">No answers yet.</p>
  const shown = answered.slice(0, limit)
  return (
    <div tabIndex={0} role="region" aria-labelledby="items-caption" className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full border-collapse text-sm" data-testid="item-analysis">
        <caption id="items-caption" className="p-2 text-left text-slate-700 dark:text-slate-300">
          Hardest first: the {shown.length} answered items with the lowest first-try success
          {answered.length > shown.length ? ` (of ${answered.length}; the CSV has all)` : ''}.
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th scope="col" className="p-2">
              Item
            </th>
            <th scope="col" className="p-2 text-right">
              Learners
            </th>
            <th scope="col" className="p-2 text-right">
              Attempts
            </th>
            <th scope="col" className="p-2 text-right">
              Right first time
            </th>
            <th scope="col" className="p-2">
              Most common mistake
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((item) => (
            <tr key={item.itemId} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800">
              <th scope="row" className="p-2 text-left font-normal">
                <span className="block font-medium">{item.label}</span>
                <span className="text-slate-600 dark:text-slate-400">
                  {KIND_LABEL[item.kind] ?? item.kind} · {item.lessonTitle}
                </span>
              </th>
              <td className="p-2 text-right">{item.learners}</td>
              <td className="p-2 text-right">{item.attempts}</td>
              <td className="p-2 text-right whitespace-nowrap">
                {item.firstTryRate === null ? '—' : `${Math.round(item.firstTryRate * 100)}%`}{' '}
                <span className="text-slate-600 dark:text-slate-400">
                  ({item.firstTryRight}/{item.answered})
                </span>
              </td>
              <td className="p-2">{item.commonMistake ? `${item.commonMistake} (${item.mistakeCount}×)` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
