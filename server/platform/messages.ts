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
  'unsupported-charset': {
    de: 'Dieser Zeichensatz wird nicht angenommen; bitte UTF-8 senden.',
    en: 'This character set is not accepted; please send UTF-8.',
  },
  'invalid-encoding': {
    de: 'Der Inhalt ist kein gültiges UTF-8.',
    en: 'The body is not valid UTF-8.',
  },
  'text-control-characters': {
    de: 'Der Text enthält Steuerzeichen (z. B. ein Nullzeichen), die nicht gespeichert werden können.',
    en: 'The text contains control characters (such as a null character) that cannot be stored.',
  },
  'text-invalid-unicode': {
    de: 'Der Text enthält ungültige Unicode-Zeichen (einzelne Surrogate).',
    en: 'The text contains invalid Unicode characters (lone surrogates).',
  },
  'if-match-invalid': {
    de: 'Die angegebene Version (If-Match) ist keine gültige Version eines Datensatzes.',
    en: 'The version given in If-Match is not a valid record version.',
  },
  'multipart-malformed': {
    de: 'Der Datei-Upload ist unvollständig oder beschädigt. Bitte erneut senden.',
    en: 'The file upload is incomplete or damaged. Please send it again.',
  },
  conflict: {
    de: 'Der Datensatz wurde inzwischen geändert. Bitte neu laden.',
    en: 'The record was changed in the meantime. Please reload.',
  },
  forbidden: { de: 'Dafür fehlt die Berechtigung.', en: 'You are not allowed to do this.' },
  'already-reviewed': {
    de: 'Dieser Zugriff ist bereits geprüft.',
    en: 'This access has already been reviewed.',
  },
  'not-reviewable': {
    de: 'Dieser Eintrag des Protokolls ist kein prüfbarer Zugriff (Notfallzugriff, Lesen einer Akte, Export).',
    en: 'This audit entry is not a reviewable access (break-glass, reading a record, an export).',
  },
  'review-period-too-long': {
    de: 'Der Zeitraum ist zu lang; höchstens 92 Tage auf einmal.',
    en: 'The period is too long; at most 92 days at once.',
  },
  'already-restricted': {
    de: 'Die Verarbeitung ist bereits eingeschränkt.',
    en: 'Processing is already restricted.',
  },
  'not-restricted': {
    de: 'Die Verarbeitung ist nicht eingeschränkt.',
    en: 'Processing is not restricted.',
  },
  'processing-restricted': {
    de: 'Die Verarbeitung der Daten dieser Person ist eingeschränkt (Art. 18 DSGVO). Nur Speichern und Lesen sind erlaubt; die Einschränkung hebt die Datenschutzbeauftragte auf.',
    en: "Processing of this person's data is restricted (Art. 18 GDPR). Only storage and reading are allowed; the data protection officer lifts the restriction.",
  },
  unauthenticated: { de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  'api-token-invalid': {
    de: 'Das API-Token ist unbekannt, abgelaufen oder widerrufen.',
    en: 'The API token is unknown, expired or revoked.',
  },
  'api-token-scope-invalid': {
    de: 'Diese Berechtigung kann einem API-Token nicht gegeben werden.',
    en: 'This permission cannot be given to an API token.',
  },
  'api-token-expiry-invalid': {
    de: 'Das Ablaufdatum muss zwischen heute und einem Jahr ab heute liegen.',
    en: 'The expiry date must lie between today and one year from today.',
  },
  'district-export-reason-required': {
    de: 'Bitte geben Sie an, wozu der Kreis exportiert wird (mindestens drei Zeichen); der Grund steht im Protokoll.',
    en: 'Please state why the district is exported (at least three characters); the reason goes into the audit trail.',
  },
  'webhook-url-invalid': {
    de: 'Die Adresse muss mit http:// oder https:// beginnen und einen Rechnernamen enthalten.',
    en: 'The address must start with http:// or https:// and name a host.',
  },
  'webhook-url-private': {
    de: 'Die Adresse zeigt auf ein internes Netz. Interne Adressen sind für diesen Kreis nicht freigegeben (Einstellung unter Integrationen).',
    en: 'The address points into a private network. Private addresses are not allowed for this district (setting under Integrations).',
  },
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
  'sso-unavailable': {
    de: 'Für diesen Kreis ist keine Anmeldung über einen Identitätsanbieter eingerichtet.',
    en: 'This district offers no sign-in through an identity provider.',
  },
  'sso-state-invalid': {
    de: 'Diese Anmeldung ist abgelaufen, schon abgeschlossen oder wurde in einem anderen Browser begonnen. Bitte melden Sie sich erneut an.',
    en: 'This sign-in has expired, was already completed or was started in another browser. Please sign in again.',
  },
  'sso-failed': {
    de: 'Die Anmeldung beim Identitätsanbieter ist fehlgeschlagen oder wurde abgebrochen.',
    en: 'The sign-in at the identity provider failed or was cancelled.',
  },
  'sso-provider-unreachable': {
    de: 'Der Identitätsanbieter ist nicht erreichbar. Bitte versuchen Sie es später erneut.',
    en: 'The identity provider cannot be reached. Please try again later.',
  },
  'sso-no-role': {
    de: 'Ihrem Konto beim Identitätsanbieter ist keine Rolle in Lotse zugeordnet. Bitte wenden Sie sich an die Administration.',
    en: 'Your account at the identity provider is not assigned a role in Lotse. Please contact the administrators.',
  },
  'sso-no-account': {
    de: 'Zu Ihrem Konto beim Identitätsanbieter gibt es in Lotse keinen Benutzer. Bitte wenden Sie sich an die Administration.',
    en: 'There is no Lotse user for your account at the identity provider. Please contact the administrators.',
  },
  'sso-account-disabled': {
    de: 'Ihr Benutzerkonto in Lotse ist deaktiviert.',
    en: 'Your Lotse user account is disabled.',
  },
  'sso-account-unavailable': {
    de: 'Lotse kann Ihr Konto nicht verknüpfen oder anlegen (Benutzername ungültig oder Konto eines Kooperationspartners). Bitte wenden Sie sich an die Administration.',
    en: 'Lotse cannot link or create your account (username invalid, or a partner account). Please contact the administrators.',
  },
  'sso-username-unavailable': {
    de: 'Ihr Benutzername beim Identitätsanbieter ist in Lotse nicht verfügbar, daher kann kein Konto angelegt werden. Bitte wenden Sie sich an die Administration.',
    en: 'Your username at the identity provider is not available in Lotse, so no account can be created. Please contact the administrators.',
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
  'username-unavailable': {
    de: 'Dieser Benutzername ist nicht verfügbar. Bitte wählen Sie einen anderen.',
    en: 'This username is not available. Please choose another one.',
  },
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
  'phase-transition-not-allowed': {
    de: 'Dieser Phasenwechsel ist aus der aktuellen Phase nicht möglich.',
    en: 'This phase change is not possible from the current phase.',
  },
  'closing-reason-required': {
    de: 'Zum Abschließen wird ein Abschlussgrund benötigt.',
    en: 'Closing a case needs a closing reason.',
  },
  'reopening-reason-required': {
    de: 'Zum Wiederaufnehmen wird ein Grund benötigt.',
    en: 'Reopening a case needs a reason.',
  },
  'goal-outcomes-required': {
    de: 'Beim Abschluss braucht jedes Ziel ein Ergebnis.',
    en: 'On closing, every goal needs an outcome.',
  },
  'open-tasks-decision-required': {
    de: 'Der Fall hat noch offene Wiedervorlagen. Bitte angeben, ob sie als erledigt markiert werden oder offen bleiben.',
    en: 'The case still has open tasks. Please say whether to mark them done or keep them open.',
  },
  'assessment-required': {
    de: 'Für die Hilfeplanung wird zuerst eine Einschätzung (Assessment) benötigt.',
    en: 'Planning needs an assessment first.',
  },
  'goal-required': {
    de: 'Für die Umsetzung braucht der Hilfeplan mindestens ein Ziel.',
    en: 'Implementation needs at least one goal in the plan.',
  },
  'case-closed': {
    de: 'Der Fall ist abgeschlossen; bitte zuerst wieder aufnehmen.',
    en: 'The case is closed; please reopen it first.',
  },
  'birth-after-arrival': {
    de: 'Das Einreisedatum liegt vor dem Geburtsdatum.',
    en: 'The date of arrival is before the date of birth.',
  },
  'date-in-future': { de: 'Das Datum liegt in der Zukunft.', en: 'The date is in the future.' },
  'date-order': {
    de: 'Das Ende liegt vor dem Beginn.',
    en: 'The end is before the start.',
  },
  'document-type-not-allowed': {
    de: 'Diese Dateiart wird nicht angenommen (erlaubt: PDF, Bilder, Office-Dateien).',
    en: 'This file type is not accepted (allowed: PDF, images, Office files).',
  },
  'document-type-mismatch': {
    de: 'Der Inhalt der Datei passt nicht zu ihrer Endung.',
    en: 'The file content does not match its extension.',
  },
  'document-missing': { de: 'Bitte eine Datei auswählen.', en: 'Please choose a file.' },
  'merge-same-person': {
    de: 'Eine Person kann nicht mit sich selbst zusammengeführt werden.',
    en: 'A person cannot be merged with themselves.',
  },
  'unknown-reference': {
    de: 'Der angegebene Eintrag existiert nicht in Ihrem Kreis.',
    en: 'The referenced record does not exist in your district.',
  },
  'person-not-in-case': {
    de: 'Diese Person gehört nicht zum Fall.',
    en: 'This person does not belong to the case.',
  },
  'person-merged': {
    de: 'Diese Person wurde mit einer anderen zusammengeführt; bitte dort eintragen.',
    en: 'This person was merged into another; please record it there.',
  },
  'same-legal-sphere': {
    de: 'Der neue Rechtskreis ist derselbe wie der bisherige.',
    en: 'The new legal sphere is the same as the previous one.',
  },
  'duplicate-step': {
    de: 'Jeder Schritt der Übergabe darf nur einmal vorkommen.',
    en: 'Each hand-over step may appear only once.',
  },
  'consent-missing': {
    de: 'Für diese Organisation liegt keine gültige Einwilligung für Fallkonferenzen vor.',
    en: 'There is no valid consent for case conferences covering this organisation.',
  },
  'summary-identifying': {
    de: 'Die Zusammenfassung enthält Namen, Geburtsdaten, Anschriften oder das Aktenzeichen; bitte pseudonymisieren.',
    en: 'The summary contains names, birth dates, addresses or the case number; please pseudonymise it.',
  },
  'duplicate-organisation': {
    de: 'Jede Organisation darf nur einmal teilnehmen.',
    en: 'Each organisation may take part only once.',
  },
  'not-an-overlap': {
    de: 'Diese beiden Angebote überschneiden sich derzeit nicht (gleiches Handlungsfeld, gleiche Zielgruppe, gleiche Kommune, verschiedene Träger).',
    en: 'These two services do not overlap at present (same domain, target group and municipality, different organisations).',
  },
  'consent-ends-before-start': {
    de: 'Die Einwilligung endet vor ihrem Beginn.',
    en: 'The consent ends before it starts.',
  },
  'consent-already-revoked': {
    de: 'Diese Einwilligung ist bereits widerrufen.',
    en: 'This consent has already been revoked.',
  },
  'consent-not-valid': {
    de: 'Für diese Weitergabe liegt keine gültige Einwilligung vor (Empfänger, Zweck, Datenkategorien und Zeitraum müssen passen).',
    en: 'No valid consent covers this sharing (recipient, purpose, data categories and period must match).',
  },
  'referral-legal-basis-required': {
    de: 'Ohne Einwilligung braucht die Vermittlung eine Rechtsgrundlage und eine Begründung.',
    en: 'Without consent, the referral needs a legal basis and a reason.',
  },
  'referral-status-not-allowed': {
    de: 'In diesem Stand ist dieser Schritt der Vermittlung nicht möglich.',
    en: 'This step is not possible in the referral’s current status.',
  },
  'measure-not-partner': {
    de: 'Nur Maßnahmen einer Partnerorganisation können als Vermittlung gesendet werden.',
    en: 'Only measures owned by a partner organisation can be sent as a referral.',
  },
  'consent-form-text-version-unavailable': {
    de: 'Das Formular kann in der Textfassung dieser Einwilligung nicht mehr gedruckt werden.',
    en: 'The form can no longer be printed in the text version of this consent.',
  },
  'minutes-approved': {
    de: 'Das Protokoll ist genehmigt und damit abgeschlossen; Änderungen nur noch als Nachtrag.',
    en: 'The minutes are approved and thereby frozen; changes only as an amendment.',
  },
  'minutes-not-approved': {
    de: 'Nachträge gibt es erst, wenn das Protokoll genehmigt ist; bis dahin das Protokoll selbst ändern.',
    en: 'Amendments come after the minutes are approved; until then, change the minutes themselves.',
  },
  'decision-number-taken': {
    de: 'Diese Beschlussnummer ist in diesem Gremium schon vergeben.',
    en: 'This decision number is already used in this body.',
  },
  'not-a-member': {
    de: 'Diese Person ist am Sitzungstag kein Mitglied des Gremiums.',
    en: 'This person is not a member of the body on the day of the meeting.',
  },
  'seat-of-other-body': {
    de: 'Dieser Sitz gehört zu einem anderen Gremium.',
    en: 'This seat belongs to another body.',
  },
  'body-name-taken': {
    de: 'Ein Gremium mit diesem Namen gibt es schon.',
    en: 'A body with this name already exists.',
  },
  'parent-body-invalid': {
    de: 'Ein Gremium kann nicht sich selbst oder einem seiner Untergremien zugeordnet werden.',
    en: 'A body cannot belong to itself or to one of its own sub-bodies.',
  },
  'action-owner-invalid': {
    de: 'Verantwortlich kann nur eine aktive Person Ihres Kreises sein, die Wiedervorlagen führt.',
    en: 'Only an active user of your district who keeps tasks can own an action item.',
  },
  'position-fte-below-contracts': {
    de: 'Die Verträge der Stelle haben an mindestens einem Tag mehr Stellenanteile, als die neuen VZÄ erlauben.',
    en: "The position's contracts have more FTE on at least one day than the new FTE allow.",
  },
  'rate-already-ends-earlier': {
    de: 'Der Fördersatz endet schon früher; er kann nur verkürzt werden.',
    en: 'The funding rate already ends earlier; it can only be shortened.',
  },
  'position-over-assigned': {
    de: 'Mit diesem Vertrag wären der Stelle an mindestens einem Tag mehr Stellenanteile zugeordnet, als sie VZÄ hat.',
    en: 'With this contract the position would have more FTE assigned than it has on at least one day.',
  },
  'indicator-computed': {
    de: 'Dieser Indikator wird aus den Daten von Lotse berechnet; Werte lassen sich nur bei Indikatoren eintragen, die von Hand geführt werden.',
    en: 'This indicator is computed from Lotse’s data; values can only be entered for indicators kept by hand.',
  },
  'indicator-source-fixed': {
    de: 'Ob ein Indikator berechnet oder von Hand geführt wird, lässt sich nicht ändern; bitte den Indikator entfernen und neu anlegen.',
    en: 'Whether an indicator is computed or kept by hand cannot be changed; please remove the indicator and add a new one.',
  },
  'indicator-unit-has-values': {
    de: 'Für diesen Indikator sind schon Werte in seiner Einheit eingetragen; die Einheit lässt sich nicht mehr ändern.',
    en: 'Values in its unit have been entered for this indicator; its unit can no longer be changed.',
  },
  'obstacle-personal-data': {
    de: 'Eine Systemrückmeldung darf keine personenbezogenen Daten enthalten: keine Namen von Personen des Kreises und kein vollständiges Datum, das ein Geburtsdatum sein könnte. Bitte allgemein beschreiben (z. B. „eine Klientin“, „seit März 2025“).',
    en: 'A structural obstacle must not hold personal data: no names of persons of the district and no full date that could be a birth date. Please describe it in general terms (e.g. "a client", "since March 2025").',
  },
  'obstacle-transition-not-allowed': {
    de: 'Dieser Statuswechsel ist für die Systemrückmeldung in ihrem jetzigen Stand nicht möglich.',
    en: 'This change of status is not possible for the obstacle in its current status.',
  },
  'obstacle-case-already-evidence': {
    de: 'Dieser Fall ist für diese Systemrückmeldung schon erfasst.',
    en: 'This case is already recorded for this obstacle.',
  },
  'obstacle-closed': {
    de: 'Die Systemrückmeldung ist abgeschlossen; bitte bei Bedarf eine neue melden.',
    en: 'The obstacle is closed; please raise a new one if needed.',
  },
  'obstacle-already-on-agenda': {
    de: 'Die Systemrückmeldung steht schon auf der Tagesordnung dieser Sitzung.',
    en: 'The obstacle is already on the agenda of this meeting.',
  },
  'obstacle-goal-already-linked': {
    de: 'Die Systemrückmeldung ist mit dieser Zielvereinbarung schon verknüpft.',
    en: 'The obstacle is already linked to this goal agreement.',
  },
  'not-a-working-group': {
    de: 'Zuweisen lässt sich nur an eine Unterarbeitsgruppe des Kreises.',
    en: 'An obstacle can only be assigned to a working group of the district.',
  },
  'concept-adopted': {
    de: 'Diese Fassung des Konzepts ist beschlossen und damit abgeschlossen; Änderungen nur in einem neuen Entwurf.',
    en: 'This version of the concept is adopted and thereby frozen; changes only in a new draft.',
  },
  'concept-draft-exists': {
    de: 'Es gibt schon einen Entwurf des Konzepts; bitte diesen bearbeiten oder zuerst beschließen.',
    en: 'There is already a draft of the concept; please edit it or adopt it first.',
  },
  'concept-domain-section-kept': {
    de: 'Die Abschnitte der Handlungsfelder gehören zu jeder Fassung und können nicht entfernt werden.',
    en: 'The sections of the life domains belong to every version and cannot be removed.',
  },
  'compare-versions-required': {
    de: 'Bitte zwei Fassungen zum Vergleich angeben.',
    en: 'Please name two versions to compare.',
  },
  'section-title-required': {
    de: 'Bitte einen Titel für den Abschnitt angeben.',
    en: 'Please give the section a title.',
  },
  'adoption-decision-of-other-body': {
    de: 'Dieser Beschluss stammt nicht aus einer Sitzung des gewählten Gremiums.',
    en: 'This decision was not taken in a meeting of the chosen body.',
  },
  'agenda-order-incomplete': {
    de: 'Die neue Reihenfolge muss jeden Tagesordnungspunkt der Sitzung genau einmal nennen.',
    en: 'The new order must name every agenda item of the meeting exactly once.',
  },
  'agenda-item-has-decisions': {
    de: 'Zu diesem Tagesordnungspunkt gibt es Beschlüsse; diese zuerst einem anderen Punkt zuordnen oder löschen.',
    en: 'Decisions belong to this agenda item; move them to another item or delete them first.',
  },
  'decision-referenced': {
    de: 'Auf diesem Beschluss baut schon etwas auf (z. B. eine Zielvereinbarung); er kann nicht gelöscht werden.',
    en: 'Something already builds on this decision (a goal agreement, for example); it cannot be deleted.',
  },
  'agenda-document-type-not-allowed': {
    de: 'Diese Dateiart wird für Sitzungsunterlagen nicht angenommen (erlaubt: PDF, DOCX, XLSX, Bilder).',
    en: 'This file type is not accepted for meeting documents (allowed: PDF, DOCX, XLSX, images).',
  },
  'dimension-not-supported': {
    de: 'Diese Kennzahl lässt sich nach diesem Merkmal nicht aufschlüsseln; der Katalog (/api/metrics) nennt die möglichen.',
    en: 'This metric cannot be broken down by this dimension; the catalogue (/api/metrics) lists those it can.',
  },
  'unknown-placeholder': {
    de: 'Dieser Platzhalter existiert nicht; die Vorlagenseite nennt alle verfügbaren.',
    en: 'This placeholder does not exist; the templates page lists every one available.',
  },
  'evaluation-in-use': {
    de: 'Ein Bericht verwendet diese Auswertung; sie bleibt unverändert und kann nicht gelöscht werden.',
    en: 'A report uses this evaluation; it stays unchanged and cannot be deleted.',
  },
  'evaluation-not-found': {
    de: 'Diese Auswertung gibt es in diesem Kreis nicht.',
    en: 'There is no such evaluation in this district.',
  },
  'template-not-found': {
    de: 'Diese Berichtsvorlage gibt es in diesem Kreis nicht.',
    en: 'There is no such report template in this district.',
  },
  'template-name-taken': {
    de: 'Eine Berichtsvorlage mit diesem Namen gibt es schon.',
    en: 'A report template with this name exists already.',
  },
  'report-not-ready': {
    de: 'Die Dateien dieses Berichts sind noch nicht fertig erstellt.',
    en: 'The files of this report are not ready yet.',
  },
  'period-not-aligned': {
    de: 'Eine Aufschlüsselung nach Merkmal gibt es nur für abgeschlossene Kalendermonate; der Zeitraum enthält keinen.',
    en: 'A breakdown by a dimension covers complete calendar months only; the period contains none.',
  },
  'no-complete-month': {
    de: 'Aus diesem Jahr ist noch kein Monat abgeschlossen; berichtet werden nur vollständige Monate.',
    en: 'No month of this year is complete yet; only complete months are reported.',
  },
  'legal-hold-active': {
    de: 'Für einen Fall dieser Person besteht eine Aufbewahrungssperre (Legal Hold); bis sie aufgehoben ist, wird nichts gelöscht.',
    en: 'A case of this person is under legal hold; nothing is erased until the hold is lifted.',
  },
  'legal-hold-exists': {
    de: 'Für diesen Fall besteht bereits eine Aufbewahrungssperre.',
    en: 'This case is already under legal hold.',
  },
  'legal-hold-lifted': {
    de: 'Diese Aufbewahrungssperre ist bereits aufgehoben.',
    en: 'This legal hold has already been lifted.',
  },
  'erasure-case-open': {
    de: 'Die Person hat einen offenen Fall; er wird noch bearbeitet und muss erst abgeschlossen werden (Aufbewahrungspflicht).',
    en: 'The person has an open case; it is still being worked on and must be closed first (duty to keep records).',
  },
  'erasure-already-done': {
    de: 'Die Daten dieser Person wurden bereits gelöscht bzw. anonymisiert.',
    en: "This person's data has already been erased or anonymised.",
  },
  'retention-rule-not-allowed': {
    de: 'Diese Kombination aus Beginn und Aktion ist für diese Art von Datensatz nicht vorgesehen.',
    en: 'This start event and action are not available for this kind of record.',
  },
  'retention-rules-incomplete': {
    de: 'Jede Art von Datensatz braucht genau eine Regel.',
    en: 'Every kind of record needs exactly one rule.',
  },
  'import-not-a-spreadsheet': {
    de: 'Die Datei ist keine Tabelle. Bitte eine Excel-Datei (.xlsx) oder eine CSV-Datei hochladen.',
    en: 'The file is not a spreadsheet. Please upload an Excel file (.xlsx) or a CSV file.',
  },
  'import-zip-bomb': {
    de: 'Die Excel-Datei würde entpackt viel zu groß (oder ist verdächtig stark gepackt) und wird nicht geöffnet.',
    en: 'The Excel file would unpack to far too much (or is suspiciously highly compressed) and is not opened.',
  },
  'import-unsupported-encoding': {
    de: 'Diese Zeichenkodierung (UTF-16) wird nicht gelesen. Bitte als "CSV UTF-8" oder als Excel-Datei speichern.',
    en: 'This character encoding (UTF-16) is not read. Please save as "CSV UTF-8" or as an Excel file.',
  },
  'import-too-many-rows': {
    de: 'Die Datei hat zu viele Zeilen für einen Import (höchstens 250.000). Bitte aufteilen.',
    en: 'The file has too many rows for one import (at most 250,000). Please split it.',
  },
  'import-too-many-columns': {
    de: 'Die Datei hat zu viele Spalten (höchstens 100).',
    en: 'The file has too many columns (at most 100).',
  },
  'import-damaged': {
    de: 'Die Datei ist beschädigt und kann nicht gelesen werden.',
    en: 'The file is damaged and cannot be read.',
  },
  'import-no-table': {
    de: 'In der Datei wurde keine Tabelle mit Kopfzeile und mindestens zwei Spalten gefunden.',
    en: 'No table with a header row and at least two columns was found in the file.',
  },
  'import-mapping-duplicate-field': {
    de: 'Zwei Spalten sind demselben Feld zugeordnet. Jedes Feld darf nur einer Spalte zugeordnet sein.',
    en: 'Two columns are mapped to the same field. Each field may be mapped to one column only.',
  },
  'import-mapping-missing-field': {
    de: 'Pflichtfelder sind keiner Spalte zugeordnet: Nachname, Vorname(n), Geburtsdatum und Kommune werden gebraucht.',
    en: 'Required fields are not mapped: family name, given names, date of birth and municipality are needed.',
  },
  'import-mapping-field-of-other-kind': {
    de: 'Dieses Feld gehört zu einer anderen Importart (Fallliste oder Monatszahlen).',
    en: 'This field belongs to the other kind of import (case list or monthly counts).',
  },
  'import-mapping-missing-count-field': {
    de: 'Monat und Kommune müssen einer Spalte zugeordnet sein, dazu mindestens eine Zahl (Beratungskontakte, beratene Personen, Kurzberatungen, neue oder abgeschlossene Fälle).',
    en: 'Month and municipality must be mapped, and at least one count (counselling contacts, persons counselled, short consultations, new or closed cases).',
  },
  'import-mapping-unknown-column': {
    de: 'Diese Spalte gibt es in der Datei nicht.',
    en: 'The file has no such column.',
  },
  'import-started': {
    de: 'Der Import läuft bereits oder ist abgeschlossen; Zuordnung und Probelauf sind nicht mehr änderbar.',
    en: 'The import is running or finished; the mapping and the dry run can no longer change.',
  },
  'import-no-match': {
    de: 'Für diese Zeile gibt es keinen offenen Personenvorschlag.',
    en: 'This row has no open suggestion of an existing person.',
  },
  'import-problem-required': { de: 'Pflichtangabe fehlt', en: 'required value missing' },
  'import-problem-formula': {
    de: 'Formel in der Zelle (Formeln werden nicht ausgewertet; bitte als Wert einfügen)',
    en: 'formula in the cell (formulas are not evaluated; please paste as value)',
  },
  'import-problem-name-invalid': {
    de: 'Name enthält unzulässige Zeichen',
    en: 'name contains characters not allowed',
  },
  'import-problem-date-malformed': {
    de: 'kein Datum (TT.MM.JJJJ erwartet)',
    en: 'not a date (DD.MM.YYYY expected)',
  },
  'import-problem-date-impossible': { de: 'Datum gibt es nicht', en: 'no such date' },
  'import-problem-date-two-digit-year': {
    de: 'Jahr zweistellig; bitte vierstellig angeben',
    en: 'two-digit year; please give four digits',
  },
  'import-problem-date-too-early': { de: 'Datum vor 1900', en: 'date before 1900' },
  'import-problem-date-in-future': { de: 'Datum liegt in der Zukunft', en: 'date in the future' },
  'import-problem-opened-before-birth': { de: 'Fallbeginn vor der Geburt', en: 'case opened before birth' },
  'import-problem-sex-unknown-value': {
    de: 'Geschlecht nicht lesbar (w, m, d oder leer)',
    en: 'sex not readable (f, m, d or empty)',
  },
  'import-problem-municipality-unknown': {
    de: 'Kommune gehört nicht zum Kreis',
    en: 'municipality is not one of the district',
  },
  'import-problem-duplicate-in-file': {
    de: 'Doppelte Zeile in der Datei (gleiche Angaben weiter oben)',
    en: 'duplicate row in the file (same values above)',
  },
  'import-problem-already-imported': { de: 'Bereits früher importiert', en: 'imported before' },
  'import-problem-match-unconfirmed': {
    de: 'Mögliche bereits erfasste Person; nicht bestätigt',
    en: 'possibly a person already registered; not confirmed',
  },
  'import-problem-month-malformed': {
    de: 'kein Monat (z. B. „Jan 2024“, „01.2024“ oder „2024-01“ erwartet)',
    en: 'not a month (e.g. "Jan 2024", "01.2024" or "2024-01" expected)',
  },
  'import-problem-month-impossible': { de: 'Monat gibt es nicht', en: 'no such month' },
  'import-problem-month-not-complete': {
    de: 'Monat ist nicht abgeschlossen (laufender oder künftiger Monat)',
    en: 'month not complete (current or future month)',
  },
  'import-problem-month-has-own-records': {
    de: 'Für diesen Monat und diese Kommune gibt es schon Daten in Lotse; importierte Zahlen würden doppelt zählen',
    en: 'Lotse already holds records of this month and municipality; imported counts would count twice',
  },
  'import-problem-team-unknown': { de: 'Team gibt es im Kreis nicht', en: 'no such team in the district' },
  'import-problem-domain-unknown': { de: 'Handlungsfeld nicht bekannt', en: 'unknown life domain' },
  'import-problem-count-negative': { de: 'Zahl ist negativ', en: 'negative number' },
  'import-problem-count-not-whole': {
    de: 'keine ganze Zahl',
    en: 'not a whole number',
  },
  'import-problem-counts-empty': {
    de: 'Zeile enthält keine Zahl',
    en: 'the row holds no count',
  },
  'import-problem-replaces-imported': {
    de: 'Ersetzt früher importierte Zahlen dieses Monats (andere Werte)',
    en: 'replaces counts of this month imported before (other values)',
  },
  internal: {
    de: 'Ein unerwarteter Fehler ist aufgetreten. Die Anfrage-ID hilft der Administration.',
    en: 'An unexpected error occurred. The request id helps the administrators.',
  },
} as const satisfies Record<string, { de: string; en: string }>

export type MessageCode = keyof typeof messages
