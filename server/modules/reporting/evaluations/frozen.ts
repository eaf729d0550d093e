import type { EvaluationContext } from '../../../../common/evaluation-context.ts'
import type { EvaluationSection } from '../../../../common/reporting.ts'

/** What an evaluation stores: its protected sections and, since the context is frozen too, that. */
export type Frozen = { sections: EvaluationSection[]; context: EvaluationContext }

/** Evaluations made before the context was frozen stored their sections alone. */
export const frozenOf = (figures: unknown): { sections: EvaluationSection[]; context?: EvaluationContext } =>
  Array.isArray(figures) ? { sections: figures as EvaluationSection[] } : (figures as Frozen)
