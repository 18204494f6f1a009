/**
 * For page tests: the server under test as a runtime, and a badge offered to a person through the services.
 */
import { Actor, ClaimCodes, Definitions, Grants, type OrganisationId, Organisations } from "@badge-engine/core"
import { SqliteStore } from "@badge-engine/sqlite"
import { Effect, ManagedRuntime, Redacted } from "effect"
import * as Server from "../../src/Server.js"
import { baseUrl, serverUnderTest, type TestServices } from "../http/harness.js"

/** The server under test as a runtime, with the services tests set up data through. */
export type ServerRuntime = ManagedRuntime.ManagedRuntime<TestServices, never>

/** The server over a fresh in-memory database, and its services; its public URL the one given, if any. */
export const startServer = (options: { readonly publicUrl?: string } = {}): ServerRuntime =>
  ManagedRuntime.make(serverUnderTest(SqliteStore.layer({ filename: ":memory:" }), Server.contracts, options))

/** Runs an effect as the host app would, in-process. */
export const asHost = Actor.actingAs(new Actor.Host())

/** The server's base URL. */
export const base = (runtime: ServerRuntime) => runtime.runPromise(baseUrl)

/** The badge's image URL: definitions take http(s) image URLs only, so browser tests serve this host themselves. */
export const imageUrl = "https://images.example.org/badges/keynote-speaker.svg"

let counter = 0

/** What the offer is made of; each test can change a part. */
export interface OfferInput {
  readonly badgeName?: string
  readonly description?: string
  readonly recipientName?: string
  readonly email?: string
  readonly evidence?: string
}

/** An organisation, a definition with an image, and a pending grant: the grant and its accept link's path. */
export const offerBadge = (input: OfferInput = {}) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    const organisationId = `org-pages-${process.pid}-${counter++}` as OrganisationId
    yield* organisations.create({ id: organisationId, name: "Oslo Volunteer Centre", timezone: "Europe/Oslo" })
    const definitions = yield* Definitions.Definitions
    const { definition } = yield* definitions.create({
      organisationId,
      name: input.badgeName ?? "Keynote speaker",
      description: input.description ??
        "Given to volunteers who opened one of our meetups with a keynote talk, sharing what they learnt.",
      imageUrl,
      imageAltText: "A gold star on a blue ring"
    })
    const grants = yield* Grants.Grants
    const made = yield* grants.offer({
      definitionId: definition.id,
      email: input.email ?? "kari.nordmann@example.org",
      name: input.recipientName ?? "Kari Nordmann",
      evidence: input.evidence ?? "Opened the spring meetup with a talk on welcoming new volunteers."
    })
    const path = `/accept/grant/${made.grant.id}/${Redacted.value(made.acceptKey)}`
    return { organisationId, definition, grant: made.grant, path }
  }).pipe(asHost)

/** An organisation, a definition with an image, and a claim code for it: the code and its claim link's path. */
export const claimableBadge = (input: { readonly limit?: number } = {}) =>
  Effect.gen(function*() {
    const organisations = yield* Organisations.Organisations
    const organisationId = `org-claims-${process.pid}-${counter++}` as OrganisationId
    yield* organisations.create({ id: organisationId, name: "Oslo Volunteer Centre", timezone: "Europe/Oslo" })
    const definitions = yield* Definitions.Definitions
    const { definition } = yield* definitions.create({
      organisationId,
      name: "Spring meetup",
      description: "Given to everyone who came to our spring meetup for volunteers.",
      imageUrl,
      imageAltText: "A gold star on a blue ring"
    })
    const codes = yield* ClaimCodes.ClaimCodes
    const { code, record } = yield* codes.create({
      definitionId: definition.id,
      label: "Spring meetup 2026",
      ...(input.limit !== undefined ? { limit: input.limit } : {})
    })
    return { organisationId, definition, record, code, path: `/claim/${Redacted.value(code)}` }
  }).pipe(asHost)
