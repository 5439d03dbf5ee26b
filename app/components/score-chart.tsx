import { scoreWidthClass } from '~/lib/survey.ts'

export interface Score {
  personality: string
  name: string
  score: number
}

/**
 * The four personality scores as bars with their numbers written out, so nothing depends on
 * colour or on seeing the bars. Widths are classes from a fixed map: the CSP forbids inline styles.
 */
export function ScoreChart({ scores, caption }: { scores: Score[]; caption: string }) {
  return (
    <figure className="flex flex-col gap-3">
      <figcaption className="font-semibold">{caption}</figcaption>
      <ul className="flex flex-col gap-3">
        {scores.map(({ personality, name, score }) => (
          <li key={personality} className="flex flex-col gap-1">
            <span className="flex justify-between text-sm">
              <span className="font-medium">{name}</span> <span className="text-ink-muted">{score} of 5</span>
            </span>
            <span aria-hidden="true" className="block h-3 w-full overflow-hidden rounded-full bg-sunken">
              <span className={`block h-full rounded-full bg-accent ${scoreWidthClass(score)}`} />
            </span>
          </li>
        ))}
      </ul>
    </figure>
  )
}
