import { typstPdf } from '../../../../platform/typst.ts'
import type { MinutesDocument } from './minutes-texts.ts'

/** The minutes as a PDF, typeset by Typst (values as JSON, never as Typst source). */
const typesetMinutes = typstPdf({ name: 'minutes', template: new URL('./minutes.typ', import.meta.url) })

export const minutesPdf = (doc: MinutesDocument): Promise<Uint8Array> => typesetMinutes(doc)
