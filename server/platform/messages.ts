/** Server texts that reach users (problem details), in German and English. */
export const messages = {
  'not-found': { de: 'Nicht gefunden.', en: 'Not found.' },
  'route-not-found': { de: 'Diese Adresse gibt es nicht.', en: 'There is no such address.' },
  'invalid-input': { de: 'Die Eingabe ist ungültig.', en: 'The input is invalid.' },
  'malformed-json': { de: 'Der Inhalt ist kein gültiges JSON.', en: 'The body is not valid JSON.' },
  'unsupported-media-type': {
    de: 'Dieses Format wird nicht angenommen; bitte JSON senden.',
    en: 'This content type is not accepted; please send JSON.',
  },
  'payload-too-large': { de: 'Die Anfrage ist zu groß.', en: 'The request is too large.' },
  conflict: {
    de: 'Der Datensatz wurde inzwischen geändert. Bitte neu laden.',
    en: 'The record was changed in the meantime. Please reload.',
  },
  forbidden: { de: 'Dafür fehlt die Berechtigung.', en: 'You are not allowed to do this.' },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  'invalid-credentials': { de: 'Benutzername oder Passwort ist falsch.', en: 'Wrong username or password.' },
  'csrf-failed': {
    de: 'Die Sitzung konnte die Anfrage nicht bestätigen. Bitte Seite neu laden.',
    en: 'The session could not confirm this request. Please reload the page.',
  },
  'password-wrong': { de: 'Das bisherige Passwort stimmt nicht.', en: 'The current password is wrong.' },
  'reset-link-invalid': {
    de: 'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Bitte fordern Sie bei der Administration einen neuen an.',
    en: 'This link is invalid, expired or already used. Please ask the administrators for a new one.',
  },
  'second-factor-required': {
    de: 'Bitte geben Sie den Code aus Ihrer Authenticator-App ein.',
    en: 'Please enter the code from your authenticator app.',
  },
  'second-factor-invalid': {
    de: 'Der Code stimmt nicht oder wurde schon benutzt.',
    en: 'The code is wrong or was already used.',
  },
  'second-factor-active': {
    de: 'Die Zwei-Faktor-Anmeldung ist schon eingerichtet.',
    en: 'The second factor is already set up.',
  },
  'second-factor-not-started': {
    de: 'Bitte starten Sie die Einrichtung zuerst.',
    en: 'Please start the setup first.',
  },
  'second-factor-mandatory': {
    de: 'Für Ihre Rolle ist die Zwei-Faktor-Anmeldung vorgeschrieben; sie kann nicht ausgeschaltet werden.',
    en: 'Your role requires the second factor; it cannot be switched off.',
  },
  'name-taken': {
    de: 'Dieser Name ist in Ihrem Kreis schon vergeben.',
    en: 'This name is already used in your district.',
  },
  'username-taken': { de: 'Dieser Benutzername ist schon vergeben.', en: 'This username is already taken.' },
  'precondition-required': {
    de: 'Für Änderungen wird die Version des Datensatzes (If-Match) benötigt.',
    en: 'Changes need the version of the record (If-Match).',
  },
  'too-many-requests': {
    de: 'Zu viele Anfragen. Bitte später erneut versuchen.',
    en: 'Too many requests. Please try again later.',
  },
  'service-unavailable': {
    de: 'Lotse fährt gerade herunter oder die Datenbank ist nicht erreichbar.',
    en: 'Lotse is shutting down or the database is unreachable.',
  },
  internal: {
    de: 'Ein unerwarteter Fehler ist aufgetreten. Die Anfrage-ID hilft der Administration.',
    en: 'An unexpected error occurred. The request id helps the administrators.',
  },
} as const satisfies Record<string, { de: string; en: string }>

export type MessageCode = keyof typeof messages
