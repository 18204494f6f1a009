/**
 * A third-party verifier checks the server's credentials: `@digitalcredentials/verifier-core` (the Digital
 * Credentials Consortium's, behind its VerifierPlus) verifies a credential as valid, reports it revoked once its award
 * is revoked, and rejects it with one character changed. It runs offline: its contexts are bundled, the issuer is a
 * did:key (resolved without a request), the status list comes from the server under test, and the schema it checks
 * against is the official copy beside this file; any other request fails the test.
 */
import { Awards, Definitions, type OrganisationId, Organisations, Recipient } from "@badge-engine/core"
import { verifyCredential } from "@digitalcredentials/verifier-core"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { asHost, base, type ServerRuntime, startServer } from "../pages/world.js"

const schemaUrl = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
const schema = readFileSync(new URL("ob_v3p0_achievementcredential_schema.json", import.meta.url), "utf8")

describe("@digitalcredentials/verifier-core on the server's credentials", () => {
  let runtime: ServerRuntime
  let url: string
  const realFetch = globalThis.fetch
  const elsewhere: Array<string> = []

  beforeAll(async () => {
    runtime = startServer()
    url = await base(runtime)
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      const target = input instanceof Request ? input.url : String(input)
      if (target.startsWith(url)) return realFetch(input, init)
      if (target === schemaUrl) return new Response(schema, { headers: { "content-type": "application/json" } })
      elsewhere.push(target)
      throw new TypeError(`offline: ${target}`)
    }) as typeof fetch
  })
  afterAll(async () => {
    globalThis.fetch = realFetch
    await runtime?.dispose()
  })

  const award = () =>
    runtime.runPromise(
      Effect.gen(function*() {
        const organisationId = `org-verifier-${process.pid}-${Date.now()}` as OrganisationId
        yield* Effect.flatMap(Organisations.Organisations, (organisations) =>
          organisations.create({ id: organisationId, name: "Oslo Volunteer Centre", url: "https://example.org" }))
        const { definition } = yield* Effect.flatMap(Definitions.Definitions, (definitions) =>
          definitions.create({
            organisationId,
            name: "Keynote speaker",
            description: "Opened a meetup with a keynote talk.",
            imageUrl: "https://images.example.org/keynote.png"
          }))
        return yield* Effect.flatMap(Awards.Awards, (awards) =>
          awards.award({
            definitionId: definition.id,
            recipient: new Recipient({ kind: "email", value: "kari@example.org" }),
            awardedBy: "test"
          }))
      }).pipe(asHost)
    )

  const credentialOf = async (id: string): Promise<any> => (await realFetch(`${url}/public/credentials/${id}`)).json()

  const logOf = (result: any) => Object.fromEntries((result.log ?? []).map((step: any) => [step.id, step]))

  it("verifies a credential as valid, then reports it revoked once the award is revoked", async () => {
    const made = await award()
    const credential = await credentialOf(made.id)
    const result: any = await verifyCredential({ credential, knownDIDRegistries: [] })
    expect(result.errors).toBeUndefined()
    const log = logOf(result)
    expect(log.valid_signature).toMatchObject({ valid: true })
    expect(log.revocation_status).toMatchObject({ valid: true })
    expect(log.expiration).toMatchObject({ valid: true })
    // No registry was given, so the issuer is in none; the official schema, which it checks too, passes.
    expect(log.registered_issuer).toMatchObject({ valid: false, matchingIssuers: [] })
    expect(result.additionalInformation).toContainEqual(expect.objectContaining({
      id: "schema_check",
      results: [expect.objectContaining({ schema: schemaUrl, result: { valid: true } })]
    }))

    await runtime.runPromise(
      Effect.flatMap(Awards.Awards, (awards) => awards.revoke(made.id, "issued by mistake")).pipe(asHost)
    )
    const after: any = await verifyCredential({ credential, knownDIDRegistries: [] })
    expect(logOf(after).valid_signature).toMatchObject({ valid: true })
    expect(logOf(after).revocation_status).toMatchObject({ valid: false })
    expect(elsewhere).toEqual([])
  })

  it("rejects a credential with one character changed", async () => {
    const credential = await credentialOf((await award()).id)
    const tampered = { ...credential, name: credential.name.replace("K", "C") }
    const result: any = await verifyCredential({ credential: tampered, knownDIDRegistries: [] })
    expect(result.errors?.[0]?.name).toBe("invalid_signature")
    expect(elsewhere).toEqual([])
  })
})
