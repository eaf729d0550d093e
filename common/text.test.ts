import { describe, expect, it } from 'vitest'
import { multiLineText, singleLineText, textProblem } from './text.ts'

describe('the text rule', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['BEL', 'a\u0007b'],
    ['ESC', '\u001b[31m'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
  ])('refuses %s everywhere', (_label, value) => {
    expect(textProblem(value, 'single-line')).toBe('text-control-characters')
    expect(textProblem(value, 'multi-line')).toBe('text-control-characters')
  })

  it.each(['\t', '\n', '\r'])('allows %j only in multi-line text', (character) => {
    expect(textProblem(`a${character}b`, 'multi-line')).toBeUndefined()
    expect(textProblem(`a${character}b`, 'single-line')).toBe('text-control-characters')
  })

  it.each([
    ['a lone high surrogate', 'Gespr\ud800ch'],
    ['a lone low surrogate', '\udc00'],
    ['a pair in the wrong order', '\udc00\ud800'],
  ])('refuses %s', (_label, value) => {
    expect(textProblem(value, 'multi-line')).toBe('text-invalid-unicode')
  })

  it.each([
    'Ümit Yıldız',
    'رحمت‌الله',
    'ትግርኛ',
    'Familie 👨‍👩‍👧 (Emoji, a surrogate pair)',
    'rechts\u200Fnach links',
  ])('takes ordinary text in any script: %s', (value) => {
    expect(textProblem(value, 'single-line')).toBeUndefined()
  })

  it('puts the code into the zod issue, and chains like z.string()', () => {
    const title = singleLineText().trim().min(2).max(10)
    expect(title.parse('  Termin  ')).toBe('Termin')
    expect(title.safeParse('Ter\u0000min').error?.issues[0]?.message).toBe('text-control-characters')
    expect(title.safeParse('x').success).toBe(false)
    expect(multiLineText().parse('Zeile 1\nZeile 2')).toBe('Zeile 1\nZeile 2')
  })
})
