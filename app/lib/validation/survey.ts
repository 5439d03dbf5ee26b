/**
 * One survey step's form. The submit button's `intent` says what to do: `save` (the instant save
 * when a choice is made), `next`, or `finish` on the last question. Moving on needs an answer.
 */
import { z } from 'zod'
import { CHOOSE_AN_ANSWER } from '../survey.ts'

const OptionId = z.number({ required_error: CHOOSE_AN_ANSWER, invalid_type_error: CHOOSE_AN_ANSWER }).int().positive()

export const SurveyStepSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save'), optionId: OptionId }),
  z.object({ intent: z.literal('next'), optionId: OptionId }),
  z.object({ intent: z.literal('finish'), optionId: OptionId }),
])
