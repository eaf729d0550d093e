import type { ColumnType, Generated } from 'kysely'

/** Row types of steering's bodies and meetings (migration 0014). */
type Timestamp = ColumnType<string, string | undefined, string>

export interface SteeringBodyTable {
  id: Generated<string>
  district_id: string
  kind: string
  name: string
  topic: Generated<string>
  mandate: Generated<string>
  starts_on: string | null
  ends_on: string | null
  parent_body_id: string | null
  quorum: number | null
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface BodySeatTable {
  id: Generated<string>
  district_id: string
  body_id: string
  position: number
  label: string
  organisation_kind: string | null
}

export interface BodyMembershipTable {
  id: Generated<string>
  district_id: string
  body_id: string
  seat_id: string | null
  organisation_id: string | null
  representative: string
  deputy: Generated<string>
  role: string
  from_on: string
  until_on: string | null
  created_at: Timestamp
}

export interface MeetingTable {
  id: Generated<string>
  district_id: string
  body_id: string
  title: string
  starts_at: string
  ends_at: string
  place: Generated<string>
  video_url: Generated<string>
  minutes: Generated<string>
  approved_at: string | null
  approved_by: string | null
  invitation_sequence: Generated<number>
  created_by: string
  version: Generated<number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface AgendaItemTable {
  id: Generated<string>
  district_id: string
  meeting_id: string
  position: number
  title: string
  description: Generated<string>
  /** The obstacle the item is about, when it was pulled in from the board (migration 0017). */
  obstacle_id: Generated<string | null>
}

export interface MeetingAttendanceTable {
  district_id: string
  meeting_id: string
  membership_id: string
  status: string
}

export interface SteeringDecisionTable {
  id: Generated<string>
  district_id: string
  body_id: string
  meeting_id: string
  agenda_item_id: string | null
  number: string
  text: string
  votes_for: number | null
  votes_against: number | null
  abstentions: number | null
  created_by: string
  created_at: Timestamp
}

export interface ActionItemTable {
  id: Generated<string>
  district_id: string
  meeting_id: string
  decision_id: string | null
  title: string
  owner_id: string
  organisation_id: string | null
  due_on: string
  created_by: string
  created_at: Timestamp
}

export interface MinutesAmendmentTable {
  id: Generated<string>
  district_id: string
  meeting_id: string
  text: string
  created_by: string
  created_at: Timestamp
}

export interface SteeringTables {
  steering_body: SteeringBodyTable
  body_seat: BodySeatTable
  body_membership: BodyMembershipTable
  meeting: MeetingTable
  agenda_item: AgendaItemTable
  meeting_attendance: MeetingAttendanceTable
  steering_decision: SteeringDecisionTable
  action_item: ActionItemTable
  minutes_amendment: MinutesAmendmentTable
}
