import type { ItemEntry } from '@/lib/content/types'
import type { ProgressEventInput } from './progress-write'

/**
 * What a student's browser would send for one item, by kind, with realistic wrong answers: the demo seed and the
 * benchmark's population both write these. `roll` (0–1) picks which wrong choice a learner who slips makes.
 */
export function simulatedItemEvents(
  item: ItemEntry,
  correct: boolean,
  roll: number,
): Pick<ProgressEventInput, 'type' | 'payload'>[] {
  const solution = item.solution ?? []
  const choices = Object.keys(item.choices ?? {})
  // Most learners who slip make the same slip: that is what item analysis should surface.
  const wrongChoices = choices.filter((id) => !solution.includes(id))
  const commonWrong = wrongChoices[Math.floor(roll * wrongChoices.length)] ?? wrongChoices[0]
  const swapped = solution.length >= 2 ? [solution[1], solution[0], ...solution.slice(2)] : solution
  switch (item.kind) {
    case 'flip-card':
      return [
        { type: 'card.flipped', payload: {} },
        { type: 'card.rated', payload: { rating: correct ? 'got-it' : 'again', correct, completed: true } },
      ]
    case 'interview':
      return [
        { type: 'interview.revealed', payload: {} },
        { type: 'interview.rated', payload: { rating: correct ? 'nailed' : 'missed', correct, completed: true } },
      ]
    case 'quiz-question':
      // A wrong first answer, then a right one: what the item analysis counts.
      return correct || !commonWrong
        ? [{ type: 'quiz.answered', payload: { selected: solution, correct: true, completed: true } }]
        : [
            { type: 'quiz.answered', payload: { selected: [commonWrong], correct: false, completed: true } },
            { type: 'quiz.answered', payload: { selected: solution, correct: true, completed: true } },
          ]
    case 'reorder':
      return correct || solution.length < 2
        ? [{ type: 'reorder.checked', payload: { order: solution, correct: true, completed: true } }]
        : [
            { type: 'reorder.checked', payload: { order: swapped, correct: false } },
            { type: 'reorder.checked', payload: { order: solution, correct: true, completed: true } },
          ]
    case 'command-builder':
      return correct
        ? [{ type: 'command.checked', payload: { sequence: solution, correct: true, completed: true } }]
        : [
            { type: 'command.checked', payload: { sequence: solution.slice(0, -1), correct: false } },
            { type: 'command.checked', payload: { sequence: solution, correct: true, completed: true } },
          ]
    case 'checklist':
      return [{ type: 'checklist.ticked', payload: { ticked: [], completed: true } }]
    default:
      return [{ type: 'item.completed', payload: { completed: true } }]
  }
}
