/**
 * The texts of the features that are pages of their own, one file per language each
 * (`<language>/<name>.json`). `app.json` holds what the sign-in, the navigation and the start page
 * show and comes with the app; a feature's file is fetched with the feature's page and merged into
 * the same keys, so that `t('casework.list.title')` reads the same wherever the text lives.
 */
export const featureTexts = [
  'admin',
  'casework',
  'concept',
  'disclosure',
  'goals',
  'network',
  'obstacles',
  'privacy',
  'reporting',
  'reports',
  'staffing',
  'steering',
] as const
export type FeatureTexts = (typeof featureTexts)[number]
