import { typstPdf } from '../../../../platform/typst.ts'
import type { ConceptDocument } from './concept-texts.ts'

/** The concept as a PDF, typeset by Typst like the minutes (values as JSON, never as Typst source). */
const typesetConcept = typstPdf({ name: 'concept', template: new URL('./concept.typ', import.meta.url) })

export const conceptPdf = (doc: ConceptDocument): Promise<Uint8Array> => typesetConcept(doc)
