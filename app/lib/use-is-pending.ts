import { useFormAction, useNavigation } from '@remix-run/react'

/**
 * Whether this form's submission is in flight, so its button can say so and refuse a double
 * submit. `intent` tells apart two forms posting to the same action.
 */
export function useIsPending({ formAction, intent }: { formAction?: string; intent?: string } = {}): boolean {
  const contextualFormAction = useFormAction()
  const navigation = useNavigation()
  if (navigation.state === 'idle' || navigation.formMethod?.toUpperCase() !== 'POST') return false
  if (navigation.formAction !== (formAction ?? contextualFormAction)) return false
  return intent === undefined || navigation.formData?.get('intent') === intent
}
