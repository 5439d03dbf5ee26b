/**
 * Renders a guided completion form's fields (app/lib/submission-forms.ts) as Conform fields. The
 * schema that validates them lives on the server; the browser gets constraints only.
 */
import { getInputProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { ChoiceFields } from './choice-fields.tsx'
import { Field, TextareaField } from './ui/field.tsx'
import { AVAILABILITY_CHOICES, CALLS_PER_QUARTER_CHOICES, RATING_CHOICES, type FieldSpec } from '~/lib/submission-forms.ts'

export type AnyField = FieldMetadata<string | string[] | undefined>

export function SubmissionField({ spec, field }: { spec: FieldSpec; field: AnyField }) {
  const single = field as FieldMetadata<string | undefined>
  const errors = field.errors ?? undefined
  switch (spec.control) {
    case 'text':
    case 'email':
    case 'url': {
      const { key: _key, ...props } = getInputProps(single, { type: spec.control, ariaAttributes: false })
      return <Field {...props} label={spec.label} hint={spec.hint} errors={errors} />
    }
    case 'textarea': {
      const { key: _key, ...props } = getTextareaProps(single, { ariaAttributes: false })
      return <TextareaField {...props} label={spec.label} hint={spec.hint} errors={errors} rows={5} />
    }
    case 'consent':
    case 'confirm':
      // One checkbox card; consent is never pre-ticked (its schema defaults to false).
      return (
        <ChoiceFields
          field={field}
          type="checkbox"
          legend={<span className="sr-only">{spec.label}</span>}
          choices={[{ value: 'on', label: spec.label, hint: spec.hint }]}
        />
      )
    case 'rating':
      return <ChoiceFields field={field} type="radio" legend={spec.label} hint={spec.hint} choices={RATING_CHOICES} />
    case 'availability':
      return <ChoiceFields field={field} type="checkbox" legend={spec.label} hint={spec.hint} choices={AVAILABILITY_CHOICES} />
    case 'calls-per-quarter':
      return <ChoiceFields field={field} type="radio" legend={spec.label} hint={spec.hint} choices={CALLS_PER_QUARTER_CHOICES} />
  }
}
