import { Group, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { Case } from '../../../../common/casework.ts'
import { ExportMenu } from '../../components/ExportMenu.tsx'
import { QueryState } from '../../components/QueryState.tsx'
import { formatDateTime } from '../../i18n.ts'
import { ClosedNotice, canWrite } from '../casework/bits.tsx'
import { languageName } from '../casework/format.ts'
import { contactsQuery } from '../casework/queries.ts'
import { QuickContactForm } from './QuickContactForm.tsx'

/** Counselling contacts: the quick entry on top, the contacts of the case below, newest first. */
export function ContactsTab({ item }: { item: Case }) {
  const { t, i18n } = useTranslation()
  const language = i18n.language
  const contacts = useQuery(contactsQuery(item.id))
  return (
    <Stack gap="lg">
      {canWrite(item) && (
        <section aria-labelledby="contact-new-heading">
          <Title order={3} size="h4" id="contact-new-heading" mb="xs">
            {t('casework.contacts.new')}
          </Title>
          <QuickContactForm item={item} />
        </section>
      )}
      <section aria-labelledby="contacts-heading">
        <Group justify="space-between" align="flex-start" mb="xs">
          <Title order={3} size="h4" id="contacts-heading">
            {t('casework.contacts.title')}
          </Title>
          <ExportMenu path={`/cases/${item.id}/contacts/export`} listName={t('casework.contacts.title')} />
        </Group>
        <ClosedNotice item={item} />
        <QueryState query={contacts}>
          {(list) =>
            list.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('casework.contacts.none')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={800}>
                <Table withTableBorder striped>
                  <Table.Caption>{t('casework.contacts.count', { count: list.length })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('casework.contacts.when')}</Table.Th>
                      <Table.Th scope="col">{t('casework.contacts.duration')}</Table.Th>
                      <Table.Th scope="col">{t('casework.fields.channel')}</Table.Th>
                      <Table.Th scope="col">{t('casework.fields.language')}</Table.Th>
                      <Table.Th scope="col">{t('casework.fields.domains')}</Table.Th>
                      <Table.Th scope="col">{t('casework.contacts.note')}</Table.Th>
                      <Table.Th scope="col">{t('casework.contacts.by')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.map((contact) => (
                      <Table.Tr key={contact.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(contact.occurredAt, language)}
                        </Table.Td>
                        <Table.Td>
                          {t('casework.contacts.minutes', { count: contact.durationMinutes })}
                        </Table.Td>
                        <Table.Td>{t(`casework.channels.${contact.channel}`)}</Table.Td>
                        <Table.Td>
                          {languageName(contact.language, language)}
                          {contact.interpreterUsed &&
                            ` (${t('casework.contacts.withInterpreter', {
                              language: languageName(
                                contact.interpreterLanguage ?? contact.language,
                                language,
                              ),
                            })})`}
                        </Table.Td>
                        <Table.Td>
                          {contact.domains.map((domain) => t(`casework.domains.${domain}`)).join(', ')}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>
                          {contact.note || '–'}
                        </Table.Td>
                        <Table.Td>{contact.createdBy}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </QueryState>
      </section>
    </Stack>
  )
}
