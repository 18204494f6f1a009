/**
 * On a public URL with a domain name, organisations sign as did:web: the credential's issuer is
 * `did:web:{host}:{base path}:orgs:{organisation id}`, whose document the server serves with every key the
 * organisation had. `@digitalcredentials/verifier-core` resolves it (its requests to the public host are answered by
 * the server under test) and still verifies a credential signed before a key rotation.
 */
import { Awards, Definitions, IssuerKeys, type OrganisationId, Organisations, Recipient } from "@badge-engine/core"
import { verifyCredential } from "@digitalcredentials/verifier-core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as DataIntegrity from "../../src/openbadges/v3/DataIntegrity.js"
import { asHost, base, type ServerRuntime, startServer } from "../pages/world.js"
import { schemaErrors } from "./schema.js"

const publicUrl = "https://badges.example.org/engine"
const schemaUrl = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

describe("did:web issuers on a public URL with a domain", () => {
  let runtime: ServerRuntime
  let url: string
  const realFetch = globalThis.fetch
  const elsewhere: Array<string> = []

  beforeAll(async () => {
    runtime = startServer({ publicUrl })
    url = await base(runtime)
    // The public host is the server under test; the schema is the official copy; nothing else is reachable.
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const target = input instanceof Request ? input.url : String(input)
      if (target.startsWith(`${publicUrl}/`)) return realFetch(`${url}${target.slice(publicUrl.length)}`, init)
      if (target === schemaUrl) {
        const { readFileSync } = await import("node:fs")
        return new Response(readFileSync(new URL("ob_v3p0_achievementcredential_schema.json", import.meta.url)))
      }
      elsewhere.push(target)
      throw new TypeError(`offline: ${target}`)
    }) as typeof fetch
  })
  afterAll(async () => {
    globalThis.fetch = realFetch
    await runtime?.dispose()
  })

  const organisationId = `org-didweb-${process.pid}` as OrganisationId

  const award = () =>
    runtime.runPromise(
      Effect.gen(function*() {
        yield* Effect.flatMap(Organisations.Organisations, (organisations) =>
          organisations.get(organisationId).pipe(
            Effect.catchTag("NotFound", () => organisations.create({ id: organisationId, name: "Oslo" }))
          ))
        const { definition } = yield* Effect.flatMap(Definitions.Definitions, (definitions) =>
          definitions.create({
            organisationId,
            name: "Keynote speaker",
            slug: `keynote-${Math.random().toString(36).slice(2)}`,
            description: "Opened a meetup."
          }))
        return yield* Effect.flatMap(Awards.Awards, (awards) =>
          awards.award({
            definitionId: definition.id,
            recipient: new Recipient({ kind: "profile", value: "did:example:kari" }),
            awardedBy: "test"
          }))
      }).pipe(asHost)
    )

  const credentialOf = async (id: string): Promise<any> => (await realFetch(`${url}/public/credentials/${id}`)).json()

  it("names the organisation by did:web and serves its DID document at the matching path", async () => {
    const credential = await credentialOf((await award()).id)
    const did = `did:web:badges.example.org:engine:orgs:${organisationId}`
    expect(schemaErrors(credential)).toEqual([])
    expect(credential.id).toMatch(new RegExp(`^${publicUrl}/public/credentials/`))
    expect(credential.issuer.id).toBe(did)
    expect(credential.credentialSubject.id).toBe("did:example:kari")
    expect(credential.proof[0].verificationMethod).toMatch(new RegExp(`^${did}#z6Mk`))
    const document = await (await realFetch(`${url}/orgs/${organisationId}/did.json`)).json()
    expect(document).toEqual({
      "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
      id: did,
      verificationMethod: [{
        id: credential.proof[0].verificationMethod,
        type: "Multikey",
        controller: did,
        publicKeyMultibase: credential.proof[0].verificationMethod.split("#")[1]
      }],
      assertionMethod: [credential.proof[0].verificationMethod]
    })
  })

  it("verifier-core resolves the did:web and verifies a credential signed before the key was rotated", async () => {
    const credential = await credentialOf((await award()).id)
    await runtime.runPromise(
      Effect.flatMap(IssuerKeys.IssuerKeys, (keys) => keys.rotate(organisationId)).pipe(asHost)
    )
    const fresh = await credentialOf((await award()).id)
    expect(fresh.proof[0].verificationMethod).not.toBe(credential.proof[0].verificationMethod)
    const keys = await runtime.runPromise(Effect.flatMap(IssuerKeys.IssuerKeys, (k) => k.all(organisationId)))
    expect(await DataIntegrity.verify(credential, keys)).toBe(true)
    for (const checked of [credential, fresh]) {
      const result: any = await verifyCredential({ credential: checked, knownDIDRegistries: [] })
      expect(result.errors).toBeUndefined()
      const log = Object.fromEntries(result.log.map((step: any) => [step.id, step]))
      expect(log.valid_signature).toMatchObject({ valid: true })
      expect(log.revocation_status).toMatchObject({ valid: true })
    }
    expect(elsewhere).toEqual([])
  })
})
