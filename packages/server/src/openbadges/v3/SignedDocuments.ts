/**
 * The signed documents Open Badges 3.0 serves: an award's `OpenBadgeCredential`, an organisation's revocation status
 * list credential (its bits read from the awards at the moment it is asked for, so a revocation shows at once) and
 * its DID document. Everything is public, so the server reads as the host; each document is signed with the
 * organisation's current key, made on first use.
 *
 * @since 0.1.0
 */
import {
  Actor,
  type Award,
  type AwardId,
  Awards,
  type BadgeDefinition,
  Credentials,
  IssuerKeys,
  NotFound,
  type OrganisationId,
  Organisations,
  RecipientIdentity,
  ServerSecrets,
  StatusLists,
  type StoreError
} from "@badge-engine/core"
import { Context, DateTime, Effect, Layer } from "effect"
import { gzipSync } from "node:zlib"
import { PublicUrl } from "../../PublicUrl.js"
import * as DataIntegrity from "./DataIntegrity.js"
import * as Dids from "./Dids.js"
import * as Paths from "./Paths.js"
import * as VcJose from "./VcJose.js"

type JsonObject = Credentials.JsonObject

/** An award's credential with what it was made of. */
export interface SignedCredential {
  readonly document: JsonObject
  readonly award: Award
  readonly definition: BadgeDefinition
}

/** The signed documents service. */
export class SignedDocuments extends Context.Tag("@badge-engine/server/SignedDocuments")<SignedDocuments, {
  /** An award's credential, signed now. */
  readonly credential: (awardId: string) => Effect.Effect<SignedCredential, NotFound | StoreError>
  /** An award's credential as a VC-JOSE compact JWT, signed now. */
  readonly credentialJwt: (awardId: string) => Effect.Effect<string, NotFound | StoreError>
  /** An organisation's status list credential `list`, as the awards stand now. */
  readonly statusList: (organisationId: string, list: number) => Effect.Effect<JsonObject, NotFound | StoreError>
  /** An organisation's did:web document: every key it had. */
  readonly didDocument: (organisationId: string) => Effect.Effect<JsonObject, NotFound | StoreError>
}>() {}

/** How many signed documents are kept to answer again. */
const cacheSize = 1_000

/** The largest list number a path may name: past every serial a 53-bit integer holds. */
const maxList = Math.floor(Number.MAX_SAFE_INTEGER / StatusLists.listSize)

/** Builds the service over the engine's services and the public URL in context. */
export const make = Effect.gen(function*() {
  const awards = yield* Awards.Awards
  const organisations = yield* Organisations.Organisations
  const keys = yield* IssuerKeys.IssuerKeys
  const lists = yield* StatusLists.StatusLists
  const secrets = yield* ServerSecrets.ServerSecrets
  const urls = yield* PublicUrl
  const asHost = Actor.actingAs(new Actor.Host())
  const saltsNow = RecipientIdentity.salts(secrets)

  /**
   * Documents signed before, by key and content: canonicalizing costs tens of milliseconds, and a credential or list
   * asked for again with nothing changed is answered with the proof it got the first time. Bounded, oldest dropped.
   */
  const signedBefore = new Map<string, JsonObject>()
  const remember = (key: string, document: JsonObject) => {
    signedBefore.set(key, document)
    if (signedBefore.size > cacheSize) signedBefore.delete(signedBefore.keys().next().value!)
    return document
  }

  /**
   * Signs a document as the organisation, with its current key; `volatile` fields (a list's `validFrom`) are added
   * to what is signed but do not make a document new.
   */
  const signed = (organisationId: OrganisationId, build: (issuer: string) => JsonObject, volatile: JsonObject = {}) =>
    Effect.gen(function*() {
      const key = yield* keys.current(organisationId)
      const did = Dids.issuerDid(urls, organisationId, key)
      const method = Dids.verificationMethod(did, key)
      const content = build(did)
      const cacheKey = `${method}\n${JSON.stringify(content)}`
      const known = signedBefore.get(cacheKey)
      if (known !== undefined) return known
      const options = DataIntegrity.proofOptions(method, new Date(DateTime.toEpochMillis(yield* DateTime.now)))
      const document = yield* DataIntegrity.secure({ ...content, ...volatile }, options, (data) => keys.sign(key, data))
      return remember(cacheKey, document)
    })

  /** What an award's credential says before it is secured, given the issuer's DID. */
  const unsecured = Effect.fnUntraced(function*(awardId: string) {
    const award = yield* awards.get(awardId as AwardId).pipe(
      asHost,
      Effect.catchTag("Forbidden", () => new NotFound({ entity: "award", id: awardId }))
    )
    const { definition } = yield* asHost(awards.view(award.id))
    const organisation = yield* asHost(organisations.get(award.organisationId))
    const salt = (yield* saltsNow)(award.id)
    const status = StatusLists.positionOf(award.serial)
    const build = (issuer: string) =>
      Credentials.credentialOf(award, definition, organisation, {
        id: urls.to(Paths.credentialPath(award.id)),
        issuer,
        achievement: urls.to(Paths.achievementPath(definition.id)),
        statusList: urls.to(Paths.statusListPath(organisation.id, status.list)),
        status,
        salt
      })
    return { award, definition, organisationId: organisation.id, build }
  })

  const credential = Effect.fn("SignedDocuments.credential")(function*(awardId: string) {
    const { award, build, definition, organisationId } = yield* unsecured(awardId)
    return { document: yield* signed(organisationId, build), award, definition }
  })

  const credentialJwt = Effect.fn("SignedDocuments.credentialJwt")(function*(awardId: string) {
    const { build, organisationId } = yield* unsecured(awardId)
    const key = yield* keys.current(organisationId)
    const did = Dids.issuerDid(urls, organisationId, key)
    return yield* VcJose.compactJwt(build(did), Dids.verificationMethod(did, key), (input) => keys.sign(key, input))
  })

  const statusList = Effect.fn("SignedDocuments.statusList")(function*(organisationId: string, list: number) {
    if (!Number.isSafeInteger(list) || list < 0 || list > maxList) {
      return yield* new NotFound({ entity: "status list", id: `${organisationId}/${list}` })
    }
    const organisation = yield* asHost(organisations.get(organisationId as OrganisationId))
    const bits = yield* lists.bits(organisation.id, list)
    const id = urls.to(Paths.statusListPath(organisation.id, list))
    const validFrom = DateTime.formatIso(yield* DateTime.now).replace(/\.\d+Z$/, "Z")
    return yield* signed(organisation.id, (issuer) => ({
      "@context": [Credentials.contexts[0]],
      id,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer,
      credentialSubject: {
        id: `${id}#list`,
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        // Multibase base64url (no padding) of the GZIP-compressed bitstring.
        encodedList: `u${Buffer.from(gzipSync(bits)).toString("base64url")}`
      }
    }), { validFrom })
  })

  const didDocument = Effect.fn("SignedDocuments.didDocument")(function*(organisationId: string) {
    const organisation = yield* asHost(organisations.get(organisationId as OrganisationId))
    // The first request for a new organisation's document makes its key, as signing would.
    yield* keys.current(organisation.id)
    return Dids.didDocument(Dids.didWeb(urls, organisation.id), yield* keys.all(organisation.id))
  })

  return SignedDocuments.of({ credential, credentialJwt, statusList, didDocument })
})

/** The signed documents service over the engine and the public URL in context. */
export const layer: Layer.Layer<
  SignedDocuments,
  never,
  | Awards.Awards
  | Organisations.Organisations
  | IssuerKeys.IssuerKeys
  | StatusLists.StatusLists
  | ServerSecrets.ServerSecrets
  | PublicUrl
> = Layer.effect(SignedDocuments, make)
