/**
 * "How would you most like to be thanked?" and "What do you want from the program?": asked on
 * the survey result and again on the profile, so they read and behave the same in both places.
 */
import type { FieldMetadata } from '@conform-to/react'
import { GOAL_LABELS, RECOGNITION_LABELS } from '../../supabase/functions/_shared/personality-copy.ts'
import { ADVOCATE_GOALS, RECOGNITION_PREFERENCES, type RecognitionPreference } from '../../supabase/functions/_shared/personality.ts'
import { ChoiceFields } from './choice-fields.tsx'

const GOAL_CHOICES = ADVOCATE_GOALS.map((value) => ({ value, label: GOAL_LABELS[value] }))

export function RecognitionField({
  field,
  predicted,
  hint,
}: {
  field: FieldMetadata<string | undefined>
  predicted: RecognitionPreference | null
  hint?: string
}) {
  return (
    <ChoiceFields
      field={field}
      type="radio"
      legend="How would you most like to be thanked?"
      hint={hint}
      choices={RECOGNITION_PREFERENCES.map((value) => ({
        value,
        label: value === predicted ? `${RECOGNITION_LABELS[value]} (our suggestion)` : RECOGNITION_LABELS[value],
      }))}
    />
  )
}

export function GoalsField({ field, hint }: { field: FieldMetadata<string[] | undefined>; hint: string }) {
  return <ChoiceFields field={field} type="checkbox" legend="What do you want from the program?" hint={hint} choices={GOAL_CHOICES} />
}
