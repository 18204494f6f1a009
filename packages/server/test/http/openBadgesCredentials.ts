/**
 * Open Badges 3.0 over real sockets: every award as a signed OpenBadgeCredential the official schema validates, its
 * revocation in a signed status list, its image baked, one key per organisation made once however many ask, and
 * rotation that keeps old credentials verifying.
 */
import {
  Awards,
  Definitions,
  Evidence,
  type Image,
  Images,
  IssuerKeys,
  Multikey,
  type OrganisationId,
  Recipient
} from "@badge-engine/core"
import { expect, type Vitest } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { base64url, decodeProtectedHeader, importJWK, jwtVerify } from "jose"
import { gunzipSync } from "node:zlib"
import * as Baking from "../../src/openbadges/Baking.js"
import * as DataIntegrity from "../../src/openbadges/v3/DataIntegrity.js"
import { schemaErrors } from "../openbadges/schema.js"
import { baseUrl, call, callWithHeaders, type TestServices, world } from "./harness.js"

type It = Vitest.MethodsNonLive<TestServices, true>

let made = 0

/** A definition of the organisation, and an award of it to a recipient. */
const awarded = (
  organisationId: OrganisationId,
  recipient: Recipient,
  fields: Record<string, unknown> = {},
  awardFields: Partial<Awards.ManualAward> = {}
) =>
  Effect.gen(function*() {
    const { definition } = yield* Effect.flatMap(Definitions.Definitions, (definitions) =>
      definitions.create({
        organisationId,
        name: "Peer mentor",
        slug: `peer-mentor-${++made}`,
        description: "Completed the peer mentor course.",
        criteriaNarrative: "Attend **all** sessions.",
        tags: ["mentoring"],
        ...fields
      }))
    const award = yield* Effect.flatMap(Awards.Awards, (awards) =>
      awards.award({
        definitionId: definition.id,
        recipient,
        awardedBy: "test",
        narrative: "Led three sessions.",
        ...awardFields
      }))
    return { definition, award }
  }).pipe(Effect.orDie)

const credentialOf = (awardId: string) => Effect.map(call("GET", `/public/credentials/${awardId}`), (a) => a.body)

const keysOf = (organisationId: OrganisationId) =>
  Effect.flatMap(IssuerKeys.IssuerKeys, (keys) => keys.all(organisationId)).pipe(Effect.orDie)

const verified = (document: any, organisationId: OrganisationId) =>
  Effect.flatMap(keysOf(organisationId), (keys) => Effect.promise(() => DataIntegrity.verify(document, keys)))

/** The bit of an index in a status list credential's `encodedList`. */
const bitOf = (statusList: any, index: number): boolean => {
  const bits = gunzipSync(Buffer.from(statusList.credentialSubject.encodedList.slice(1), "base64url"))
  expect(bits.length).toBe(16_384)
  return (bits[index >> 3]! & (0x80 >> (index & 7))) !== 0
}

/** The Open Badges 3.0 tests. */
export const openBadgesCredentials = (it: It) => {
  it.effect("asked for application/vc+jwt, a credential is a VC-JOSE compact JWT jose verifies with the issuer's key", () =>
    Effect.gen(function*() {
      const w = yield* world
      const { award } = yield* awarded(w.organisationId, new Recipient({ kind: "email", value: "kari@example.org" }))
      const answer = yield* callWithHeaders("GET", `/public/credentials/${award.id}`, {
        headers: { accept: "application/vc+jwt" }
      })
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/vc+jwt")
      expect(answer.headers.vary).toBe("Accept")
      const jwt = answer.body as string
      expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      const [key] = yield* keysOf(w.organisationId)
      const header = decodeProtectedHeader(jwt)
      expect(header).toEqual({
        alg: "EdDSA",
        typ: "vc+jwt",
        cty: "vc",
        kid: expect.stringContaining(`#${key!.publicKeyMultibase}`)
      })
      const publicKey = yield* Effect.promise(() =>
        importJWK({
          kty: "OKP",
          crv: "Ed25519",
          x: base64url.encode(Multikey.decodePublicKey(key!.publicKeyMultibase)!)
        }, "EdDSA")
      )
      const { payload } = yield* Effect.promise(() => jwtVerify(jwt, publicKey, { typ: "vc+jwt" }))
      // The payload is the credential the JSON form signs, without its Data Integrity proof.
      const { proof: _proof, ...unsecured } = yield* credentialOf(award.id)
      expect(payload).toEqual(unsecured)
      expect(schemaErrors(payload)).toEqual([])
      // One changed character of the payload and the signature no longer holds.
      const [head, body, signature] = jwt.split(".")
      const changed = base64url.encode(
        new TextDecoder().decode(base64url.decode(body!)).replace("Peer mentor", "Peer mentoR")
      )
      const refused = yield* Effect.promise(() =>
        jwtVerify(`${head}.${changed}.${signature}`, publicKey).then(() => "accepted", (error) => error.code)
      )
      expect(refused).toBe("ERR_JWS_SIGNATURE_VERIFICATION_FAILED")
      // Without the JWT media type, JSON as before.
      const json = yield* callWithHeaders("GET", `/public/credentials/${award.id}`, { headers: { accept: "*/*" } })
      expect(json.headers["content-type"]).toBe("application/json")
    }))

  it.effect("an award is an OpenBadgeCredential the official schema validates, signed as the organisation's did:key", () =>
    Effect.gen(function*() {
      const w = yield* world
      const base = yield* baseUrl
      const { award, definition } = yield* awarded(
        w.organisationId,
        new Recipient({ kind: "email", value: "Kari@Example.org", name: "Kari" })
      )
      const answer = yield* callWithHeaders("GET", `/public/credentials/${award.id}`)
      expect(answer.status).toBe(200)
      expect(answer.headers["content-type"]).toBe("application/json")
      const credential = answer.body
      expect(schemaErrors(credential)).toEqual([])
      expect(credential).toMatchObject({
        "@context": [
          "https://www.w3.org/ns/credentials/v2",
          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        id: `${base}/public/credentials/${award.id}`,
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        name: "Peer mentor",
        issuer: { id: expect.stringMatching(/^did:key:z6Mk/), type: ["Profile"], name: "HTTP test" },
        validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        credentialSubject: {
          type: ["AchievementSubject"],
          identifier: [{
            type: "IdentityObject",
            identityType: "emailAddress",
            hashed: true,
            identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
            salt: expect.any(String)
          }],
          narrative: "Led three sessions.",
          achievement: {
            id: `${base}/public/badges/${definition.id}`,
            type: ["Achievement"],
            name: "Peer mentor",
            description: "Completed the peer mentor course.",
            criteria: { narrative: "Attend **all** sessions." },
            tag: ["mentoring"]
          }
        },
        credentialStatus: {
          type: "BitstringStatusListEntry",
          statusPurpose: "revocation",
          statusListIndex: String(award.serial % 131_072),
          statusListCredential: `${base}/public/status-lists/${w.organisationId}/${Math.floor(award.serial / 131_072)}`
        },
        proof: [{
          type: "DataIntegrityProof",
          cryptosuite: "eddsa-rdfc-2022",
          proofPurpose: "assertionMethod",
          verificationMethod: `${credential.issuer.id}#${credential.issuer.id.slice("did:key:".length)}`,
          proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/)
        }]
      })
      // The email is never in the credential, only its salted hash, which the recipient can show to be theirs.
      expect(JSON.stringify(credential)).not.toMatch(/kari@example\.org/i)
      const { identityHash, salt } = credential.credentialSubject.identifier[0]
      const { createHash } = yield* Effect.promise(() => import("node:crypto"))
      expect(identityHash).toBe(`sha256$${createHash("sha256").update(`kari@example.org${salt}`).digest("hex")}`)
      expect(yield* verified(credential, w.organisationId)).toBe(true)
      // The same salt each time, so the hash a recipient showed once stays theirs.
      expect((yield* credentialOf(award.id)).credentialSubject.identifier[0].salt).toBe(salt)
    }))

  it.effect("a URL recipient is the subject's id, evidence and expiry are kept; a changed character breaks the signature", () =>
    Effect.gen(function*() {
      const w = yield* world
      const { award } = yield* awarded(
        w.organisationId,
        new Recipient({ kind: "url", value: "https://example.org/people/kari" }),
        { criteriaUrl: "https://example.org/criteria", criteriaNarrative: undefined, tags: [] },
        {
          evidence: [new Evidence({ url: "https://example.org/talk", narrative: "The recording." })],
          expiresAt: DateTime.unsafeMake("2099-01-01T00:00:00.000Z")
        }
      )
      const credential = yield* credentialOf(award.id)
      expect(schemaErrors(credential)).toEqual([])
      expect(credential.validUntil).toBe("2099-01-01T00:00:00Z")
      expect(credential.evidence).toEqual([
        { id: "https://example.org/talk", type: ["Evidence"], narrative: "The recording." }
      ])
      expect(credential.credentialSubject.id).toBe("https://example.org/people/kari")
      expect(credential.credentialSubject.identifier).toBeUndefined()
      expect(credential.credentialSubject.achievement.criteria).toEqual({ id: "https://example.org/criteria" })
      expect(yield* verified(credential, w.organisationId)).toBe(true)
      const tampered = { ...credential, name: credential.name.replace("P", "Q") }
      expect(yield* verified(tampered, w.organisationId)).toBe(false)
    }))

  it.effect("revoking an award sets its bit in the organisation's signed status list, and only its bit", () =>
    Effect.gen(function*() {
      const w = yield* world
      const recipient = (n: number) => new Recipient({ kind: "id", value: `pm-${n}` })
      const first = yield* awarded(w.organisationId, recipient(1))
      const second = yield* awarded(w.organisationId, recipient(2))
      const credential = yield* credentialOf(first.award.id)
      expect(schemaErrors(credential)).toEqual([])
      expect(credential.credentialSubject.identifier[0].identityType).toBe("systemId")
      const listPath = new URL(credential.credentialStatus.statusListCredential).pathname
      const before = yield* callWithHeaders("GET", listPath)
      expect(before.status).toBe(200)
      expect(before.headers["cache-control"]).toBe("no-cache")
      expect(before.body).toMatchObject({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        id: credential.credentialStatus.statusListCredential,
        type: ["VerifiableCredential", "BitstringStatusListCredential"],
        issuer: credential.issuer.id,
        credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation" },
        proof: [{ cryptosuite: "eddsa-rdfc-2022" }]
      })
      expect(yield* verified(before.body, w.organisationId)).toBe(true)
      const index = Number(credential.credentialStatus.statusListIndex)
      expect(bitOf(before.body, index)).toBe(false)

      yield* Effect.flatMap(Awards.Awards, (awards) => awards.revoke(first.award.id, "mistake")).pipe(Effect.orDie)
      const after = (yield* call("GET", listPath)).body
      expect(yield* verified(after, w.organisationId)).toBe(true)
      expect(bitOf(after, index)).toBe(true)
      expect(bitOf(after, second.award.serial % 131_072)).toBe(false)
    }))

  it.effect("concurrent first requests of an organisation make one key, which signs every answer", () =>
    Effect.gen(function*() {
      const w = yield* world
      const { award } = yield* awarded(w.organisationId, new Recipient({ kind: "id", value: "pm-race" }))
      const answers = yield* Effect.all(
        Array.from({ length: 12 }, () => credentialOf(award.id)),
        { concurrency: "unbounded" }
      )
      const keys = yield* keysOf(w.organisationId)
      expect(keys).toHaveLength(1)
      expect(new Set(answers.map((credential) => credential.proof[0].verificationMethod))).toEqual(
        new Set([`did:key:${keys[0]!.publicKeyMultibase}#${keys[0]!.publicKeyMultibase}`])
      )
    }))

  it.effect("after a rotation new credentials are signed with the new key and old ones still verify", () =>
    Effect.gen(function*() {
      const w = yield* world
      const { award } = yield* awarded(w.organisationId, new Recipient({ kind: "id", value: "pm-rotate" }))
      const old = yield* credentialOf(award.id)
      const rotated = yield* Effect.flatMap(IssuerKeys.IssuerKeys, (keys) => keys.rotate(w.organisationId))
      expect(rotated.generation).toBe(2)
      const fresh = yield* credentialOf(award.id)
      expect(fresh.issuer.id).toBe(`did:key:${rotated.publicKeyMultibase}`)
      expect(fresh.proof[0].verificationMethod).not.toBe(old.proof[0].verificationMethod)
      expect(yield* verified(old, w.organisationId)).toBe(true)
      expect(yield* verified(fresh, w.organisationId)).toBe(true)
      const document = yield* callWithHeaders("GET", `/orgs/${w.organisationId}/did.json`)
      expect(document.status).toBe(200)
      expect(document.headers["content-type"]).toBe("application/did+json")
      expect(document.body.verificationMethod.map((method: any) => method.publicKeyMultibase)).toEqual(
        (yield* keysOf(w.organisationId)).map((key) => key.publicKeyMultibase)
      )
      expect(document.body.assertionMethod).toHaveLength(2)
    }))

  it.effect("the image bakes the credential into an uploaded PNG (iTXt openbadgecredential) or SVG", () =>
    Effect.gen(function*() {
      const w = yield* world
      const base = yield* baseUrl
      const upload = (mediaType: string, bytes: Uint8Array) =>
        Effect.flatMap(
          Images.Images,
          (images) => images.upload(`data:${mediaType};base64,${Buffer.from(bytes).toString("base64")}`)
        ).pipe(
          Effect.map((image: Image) => `${base}/images/${image.hash}`),
          Effect.orDie
        )
      const png = Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
        "base64"
      )
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`
      const fetchBytes = (path: string) =>
        Effect.promise(async () => {
          const response = await fetch(`${base}${path}`)
          return { type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) }
        })

      const asPng = yield* awarded(w.organisationId, new Recipient({ kind: "id", value: "pm-png" }), {
        imageUrl: yield* upload("image/png", new Uint8Array(png))
      })
      const bakedPng = yield* fetchBytes(`/public/credentials/${asPng.award.id}/image`)
      expect(bakedPng.type).toBe("image/png")
      const fromPng = JSON.parse(Baking.unbakePng(bakedPng.bytes, "openbadgecredential")[0]!)
      expect(fromPng.id).toBe(`${base}/public/credentials/${asPng.award.id}`)
      expect(yield* verified(fromPng, w.organisationId)).toBe(true)
      const chunks = Buffer.from(bakedPng.bytes).toString("latin1").match(/iTXtopenbadgecredential/g)
      expect(chunks).toHaveLength(1)

      const asSvg = yield* awarded(w.organisationId, new Recipient({ kind: "id", value: "pm-svg" }), {
        imageUrl: yield* upload("image/svg+xml", new TextEncoder().encode(svg))
      })
      const bakedSvg = yield* fetchBytes(`/public/credentials/${asSvg.award.id}/image`)
      expect(bakedSvg.type).toBe("image/svg+xml")
      const text = new TextDecoder().decode(bakedSvg.bytes)
      expect(text).toContain(`xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"`)
      const fromSvg = JSON.parse(Baking.unbakeSvg(text, "openbadgecredential")!)
      expect(fromSvg.id).toBe(`${base}/public/credentials/${asSvg.award.id}`)
      expect(yield* verified(fromSvg, w.organisationId)).toBe(true)

      const elsewhere = yield* awarded(w.organisationId, new Recipient({ kind: "id", value: "pm-far" }), {
        imageUrl: "https://cdn.example.org/badge.png"
      })
      const wrapped = new TextDecoder().decode(
        (yield* fetchBytes(`/public/credentials/${elsewhere.award.id}/image`)).bytes
      )
      expect(wrapped).toContain(`<image href="https://cdn.example.org/badge.png"`)
      expect(JSON.parse(Baking.unbakeSvg(wrapped, "openbadgecredential")!).credentialSubject.achievement.image).toEqual(
        {
          id: "https://cdn.example.org/badge.png",
          type: "Image"
        }
      )
    }))

  it.effect("an unknown award, organisation or list is a 404 in the fallback shape, hostile paths too", () =>
    Effect.gen(function*() {
      const w = yield* world
      for (
        const path of [
          "/public/credentials/award-nope",
          "/public/credentials/award-nope/image",
          "/public/status-lists/org-nope/0",
          `/public/status-lists/${w.organisationId}/-1`,
          `/public/status-lists/${w.organisationId}/x`,
          `/public/status-lists/${w.organisationId}/99999999999999999`,
          "/orgs/org-nope/did.json",
          `/public/credentials/${"a".repeat(200)}/image`,
          "/orgs/%2F..%2F/did.json",
          "/public/status-lists/%E2%80%AE/0"
        ]
      ) {
        const answer = yield* call("GET", path)
        expect(answer.status, path).toBe(404)
        expect(answer.body.error.code, path).toBe("not_found")
      }
      // A NUL in a path is refused before any lookup, as everywhere on the server.
      const nul = yield* call("GET", "/public/credentials/%00")
      expect(nul.status).toBe(400)
      expect(nul.body.error.code).toBe("invalid_request")
    }))
}
