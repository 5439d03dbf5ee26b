import { getInputProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { ChoiceCard, ChoiceGroup } from './choice-card.tsx'

/**
 * A Conform field (a single choice or a list) as a group of choice cards. Each input gets its own
 * id (Conform gives every input of a field the same one), and checkboxes are never `required`:
 * picking none is a valid answer.
 */
export function ChoiceFields({
  field,
  type,
  legend,
  hint,
  choices,
}: {
  field: FieldMetadata<string | string[] | undefined>
  type: 'radio' | 'checkbox'
  legend: ReactNode
  hint?: ReactNode
  choices: ReadonlyArray<{ value: string; label: ReactNode; hint?: ReactNode }>
}) {
  return (
    <ChoiceGroup id={`${field.id}-group`} legend={legend} hint={hint} error={field.errors?.[0]}>
      {choices.map((choice) => {
        const {
          key: _key,
          id,
          ...props
        } = getInputProps(field as FieldMetadata<string>, { type, value: choice.value, ariaAttributes: false })
        return (
          <ChoiceCard
            key={choice.value}
            {...props}
            id={`${id}-${choice.value}`}
            type={type}
            required={type === 'radio' ? props.required : false}
            aria-invalid={field.errors?.length ? true : undefined}
            label={choice.label}
            hint={choice.hint}
          />
        )
      })}
    </ChoiceGroup>
  )
}
