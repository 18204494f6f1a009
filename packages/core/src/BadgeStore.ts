/**
 * The storage port: everything the engine asks of a database, free of SQL.
 * Adapters (`@badge-engine/sql` over SQLite or Postgres) implement it and prove it with the conformance suite.
 *
 * Every write that can race is settled by the adapter atomically: a caller never reads first and writes after.
 *
 * @since 0.1.0
 */
import type { DateTime, Option } from "effect"
import { Context, type Effect } from "effect"
import type { Activity, ActivityDay, StoredActivity } from "./activities/Activity.js"
import type { ApiKey } from "./api-keys/ApiKey.js"
import type { Award, AwardFilter, NewAward, Recipient } from "./awards/Award.js"
import type { AwardConstraints, AwardRefusal } from "./awards/AwardStore.js"
import type { ClaimCode, ClaimCodePatch } from "./claim-codes/ClaimCode.js"
import type { BadgeDefinition, BadgeDefinitionPatch, DefinitionFilter } from "./definitions/BadgeDefinition.js"
import type { DefinitionRecord } from "./definitions/DefinitionRecord.js"
import type { ClaimCodeUnavailable, Conflict, NotFound, StoreError } from "./Errors.js"
import type { Grant } from "./grants/Grant.js"
import type {
  ApiKeyId,
  AwardId,
  BadgeDefinitionId,
  ClaimCodeId,
  GrantId,
  IssuerId,
  OrganisationId,
  ProgramId
} from "./Ids.js"
import type { Page, PageRequest } from "./Page.js"
import type { Issuer, ProfilePatch, Program } from "./tenancy/Issuer.js"
import type { Organisation, OrganisationPatch } from "./tenancy/Organisation.js"

/** The storage port. */
export class BadgeStore extends Context.Tag("@badge-engine/core/BadgeStore")<BadgeStore, {
  /** Runs `effect` in one transaction: all of its writes land, or none. Nested calls join the outer one. */
  readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>

  // Organisations, issuers, programs
  readonly createOrganisation: (organisation: Organisation) => Effect.Effect<Organisation, Conflict | StoreError>
  readonly getOrganisation: (id: OrganisationId) => Effect.Effect<Option.Option<Organisation>, StoreError>
  readonly listOrganisations: () => Effect.Effect<ReadonlyArray<Organisation>, StoreError>
  readonly updateOrganisation: (
    id: OrganisationId,
    patch: OrganisationPatch,
    now: DateTime.Utc
  ) => Effect.Effect<Organisation, NotFound | Conflict | StoreError>
  readonly createIssuer: (issuer: Issuer) => Effect.Effect<Issuer, Conflict | StoreError>
  readonly getIssuer: (id: IssuerId) => Effect.Effect<Option.Option<Issuer>, StoreError>
  readonly listIssuers: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<Issuer>, StoreError>
  readonly updateIssuer: (
    id: IssuerId,
    patch: ProfilePatch,
    now: DateTime.Utc
  ) => Effect.Effect<Issuer, NotFound | Conflict | StoreError>
  readonly createProgram: (program: Program) => Effect.Effect<Program, Conflict | StoreError>
  readonly getProgram: (id: ProgramId) => Effect.Effect<Option.Option<Program>, StoreError>
  readonly listPrograms: (issuerId: IssuerId) => Effect.Effect<ReadonlyArray<Program>, StoreError>
  readonly updateProgram: (
    id: ProgramId,
    patch: ProfilePatch,
    now: DateTime.Utc
  ) => Effect.Effect<Program, NotFound | Conflict | StoreError>

  // Badge definitions
  readonly createDefinition: (definition: DefinitionRecord) => Effect.Effect<BadgeDefinition, Conflict | StoreError>
  /** A definition by id, deleted ones included (their awards still point at them). */
  readonly getDefinition: (id: BadgeDefinitionId) => Effect.Effect<Option.Option<BadgeDefinition>, StoreError>
  readonly getDefinitionBySlug: (
    organisationId: OrganisationId,
    slug: string
  ) => Effect.Effect<Option.Option<BadgeDefinition>, StoreError>
  readonly listDefinitions: (
    filter: DefinitionFilter,
    page: PageRequest
  ) => Effect.Effect<Page<BadgeDefinition>, StoreError>
  /** Active definitions with a rule: the ones evaluation considers. */
  readonly listRuleDefinitions: (
    organisationId: OrganisationId
  ) => Effect.Effect<ReadonlyArray<BadgeDefinition>, StoreError>
  /** Applies a partial update; a changed rule bumps `ruleVersion`. Deleted definitions are not found. */
  readonly updateDefinition: (
    id: BadgeDefinitionId,
    patch: BadgeDefinitionPatch,
    now: DateTime.Utc
  ) => Effect.Effect<BadgeDefinition, NotFound | Conflict | StoreError>
  /** Soft delete: the definition stops being listed or earned, its awards stay. Idempotent. */
  readonly deleteDefinition: (
    id: BadgeDefinitionId,
    now: DateTime.Utc
  ) => Effect.Effect<BadgeDefinition, NotFound | StoreError>
  /** Live awards per definition at `now`, for the ids given (absent ids count 0). */
  readonly earnedCounts: (
    ids: ReadonlyArray<BadgeDefinitionId>,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlyMap<BadgeDefinitionId, number>, StoreError>

  // Activities and their aggregates
  /**
   * Stores an activity and, in the same transaction, adds it to the recipient's per-day aggregates.
   * An idempotency key seen before changes nothing and returns the first activity with `inserted: false`.
   */
  readonly recordActivity: (activity: Activity, day: string) => Effect.Effect<StoredActivity, StoreError>
  /**
   * Stores many activities in one transaction, each with its local day, and adds the new ones to the aggregates.
   * Activities whose idempotency key was seen before (also earlier in the same batch) change nothing; the ones
   * stored are returned.
   */
  readonly recordActivities: (
    activities: ReadonlyArray<{ readonly activity: Activity; readonly day: string }>
  ) => Effect.Effect<ReadonlyArray<Activity>, StoreError>
  /** A recipient's activity counts per type and day, optionally only for some types. */
  readonly activityDays: (
    organisationId: OrganisationId,
    recipientId: string,
    types?: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyArray<ActivityDay>, StoreError>
  /**
   * The activity counts per type and day of several recipients in one read, by recipient id (in the order of
   * `activityDays`); recipients without activity are absent. Backfills read a whole batch this way.
   */
  readonly activityDaysOf: (
    organisationId: OrganisationId,
    recipientIds: ReadonlyArray<string>
  ) => Effect.Effect<ReadonlyMap<string, ReadonlyArray<ActivityDay>>, StoreError>
  /** A recipient's total activity count per type. */
  readonly activityTotals: (
    organisationId: OrganisationId,
    recipientId: string
  ) => Effect.Effect<ReadonlyMap<string, number>, StoreError>
  /** Recipients of an organisation with any activity, in a stable order after `after`. */
  readonly listRecipients: (
    organisationId: OrganisationId,
    options: { readonly after?: string | undefined; readonly limit: number }
  ) => Effect.Effect<ReadonlyArray<string>, StoreError>
  readonly countRecipients: (organisationId: OrganisationId) => Effect.Effect<number, StoreError>

  // Awards
  /** Inserts an award, enforcing the definition's rules and `constraints` atomically against concurrent inserts. */
  readonly insertAward: (
    award: NewAward,
    constraints: AwardConstraints
  ) => Effect.Effect<Award, AwardRefusal | StoreError>
  /**
   * Inserts many awards at once, as one write per definition, where the definitions' rules allow all of a
   * definition's awards together; returns those made. An award not made here (a place taken meanwhile, a conflict,
   * no room for all) is left to the caller, to insert alone for an exact outcome.
   */
  readonly insertAwards: (
    awards: ReadonlyArray<{ readonly award: NewAward; readonly onceKey?: string | undefined }>
  ) => Effect.Effect<ReadonlyArray<Award>, StoreError>
  readonly getAward: (id: AwardId) => Effect.Effect<Option.Option<Award>, StoreError>
  /** Revokes a live award with a reason; revoking twice is a conflict. */
  readonly revokeAward: (
    id: AwardId,
    reason: string,
    now: DateTime.Utc
  ) => Effect.Effect<Award, NotFound | Conflict | StoreError>
  /** The live award of a definition for a recipient at `now`, if any. */
  readonly findLiveAward: (
    definitionId: BadgeDefinitionId,
    recipient: Recipient,
    now: DateTime.Utc
  ) => Effect.Effect<Option.Option<Award>, StoreError>
  /** The definitions a recipient holds a live award of at `now`, in one organisation. */
  readonly heldDefinitions: (
    organisationId: OrganisationId,
    recipient: Recipient,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlySet<BadgeDefinitionId>, StoreError>
  /**
   * What `heldDefinitions` returns for several recipients in one read, by recipient key; recipients holding
   * nothing are absent.
   */
  readonly heldDefinitionsOf: (
    organisationId: OrganisationId,
    recipients: ReadonlyArray<Recipient>,
    now: DateTime.Utc
  ) => Effect.Effect<ReadonlyMap<string, ReadonlySet<BadgeDefinitionId>>, StoreError>
  readonly listAwards: (
    filter: AwardFilter,
    page: PageRequest,
    now: DateTime.Utc
  ) => Effect.Effect<Page<Award>, StoreError>
  /** Awards an activity caused, so a replayed activity can answer as the first time. */
  readonly awardsByActivity: (activityId: string) => Effect.Effect<ReadonlyArray<Award>, StoreError>
  /** Marks awards that expired by `now` and returns them, each once (for `BadgeExpired` events). */
  readonly expireAwards: (now: DateTime.Utc) => Effect.Effect<ReadonlyArray<Award>, StoreError>

  // Grants
  /** Creates a pending grant; a pending grant of the same definition to the same person is returned instead. */
  readonly createGrant: (
    grant: Grant
  ) => Effect.Effect<{ readonly grant: Grant; readonly created: boolean }, StoreError>
  readonly getGrant: (id: GrantId) => Effect.Effect<Option.Option<Grant>, StoreError>
  /** Accepts a pending grant and makes its award, atomically; anything but `pending` is a conflict. */
  readonly acceptGrant: (
    id: GrantId,
    award: NewAward,
    constraints: AwardConstraints,
    now: DateTime.Utc
  ) => Effect.Effect<{ readonly grant: Grant; readonly award: Award }, NotFound | AwardRefusal | StoreError>
  readonly revokeGrant: (id: GrantId, now: DateTime.Utc) => Effect.Effect<Grant, NotFound | Conflict | StoreError>

  // Claim codes
  readonly createClaimCode: (code: ClaimCode) => Effect.Effect<ClaimCode, Conflict | StoreError>
  readonly getClaimCode: (id: ClaimCodeId) => Effect.Effect<Option.Option<ClaimCode>, StoreError>
  readonly listClaimCodes: (definitionId: BadgeDefinitionId) => Effect.Effect<ReadonlyArray<ClaimCode>, StoreError>
  readonly updateClaimCode: (id: ClaimCodeId, patch: ClaimCodePatch) => Effect.Effect<ClaimCode, NotFound | StoreError>
  readonly archiveClaimCode: (id: ClaimCodeId, now: DateTime.Utc) => Effect.Effect<ClaimCode, NotFound | StoreError>
  /**
   * Takes one use of the code with this hash and makes its award, atomically: uses never pass the limit,
   * however many redeem at once.
   */
  readonly redeemClaimCode: (
    codeHash: string,
    award: (code: ClaimCode) => NewAward,
    constraints: AwardConstraints,
    now: DateTime.Utc
  ) => Effect.Effect<Award, ClaimCodeUnavailable | AwardRefusal | StoreError>

  // API keys
  readonly createApiKey: (key: ApiKey) => Effect.Effect<ApiKey, StoreError>
  /** The unrevoked key with this hash. */
  readonly findApiKey: (keyHash: string) => Effect.Effect<Option.Option<ApiKey>, StoreError>
  readonly listApiKeys: () => Effect.Effect<ReadonlyArray<ApiKey>, StoreError>
  readonly revokeApiKey: (id: ApiKeyId, now: DateTime.Utc) => Effect.Effect<ApiKey, NotFound | StoreError>
}>() {}
