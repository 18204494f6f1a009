/**
 * The 1EdTech Open Badges 3.0 test vector (the specification's "Linked Data Proof Test Vector"): the document and the
 * proof options canonicalize to the published N-Quads, and the published key signs them to the published proof value.
 */
import { Multikey } from "@badge-engine/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { readFileSync } from "node:fs"
import * as DataIntegrity from "../../src/openbadges/v3/DataIntegrity.js"

const expected = (name: string) => readFileSync(new URL(name, import.meta.url), "utf8")

const document = {
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
  ],
  id: "http://example.com/credentials/3527",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: {
    id: "https://example.edu/issuers/565049",
    type: ["Profile"],
    url: "https://www.imsglobal.org",
    name: "Example Corp"
  },
  validFrom: "2010-01-01T00:00:00Z",
  name: "Teamwork Badge",
  credentialSubject: {
    id: "did:example:ebfeb1f712ebc6f1c276e12ec21",
    type: ["AchievementSubject"],
    achievement: {
      id: "https://example.com/achievements/21st-century-skills/teamwork",
      type: ["Achievement"],
      criteria: {
        narrative:
          "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."
      },
      description: "This badge recognizes the development of the capacity to collaborate within a group environment.",
      name: "Teamwork"
    }
  }
}

const options = DataIntegrity.proofOptions(
  "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
  new Date("2010-01-01T19:23:24Z")
)

const seed = Buffer.from("6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4", "hex")

describe("the Open Badges 3.0 test vector", () => {
  it("canonicalizes the document to the published N-Quads", async () => {
    expect(await DataIntegrity.canonicalize(document)).toBe(expected("ob-document-canon.txt"))
  })

  it("canonicalizes the proof options, in the document's contexts, to the published N-Quads", async () => {
    expect(await DataIntegrity.canonicalize({ "@context": document["@context"], ...options })).toBe(
      expected("ob-proof-canon.txt")
    )
  })

  it("signs to the published proof value with the published key, which is its z6Mk… public key", async () => {
    expect(Multikey.encodePublicKey(Multikey.publicKeyOf(seed))).toBe(
      "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    )
    const data = await DataIntegrity.hashData(document, options)
    expect(Buffer.from(data).toString("hex")).toBe(
      "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19" +
        "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
    )
    const secured = await Effect.runPromise(
      DataIntegrity.secure(document, options, (bytes) => Effect.succeed(Multikey.sign(seed, bytes)))
    )
    expect((secured.proof as any)[0].proofValue).toBe(
      "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"
    )
  })

  it("a changed character fails verification", async () => {
    const key = { publicKeyMultibase: "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi" } as any
    const secured = await Effect.runPromise(
      DataIntegrity.secure(document, options, (bytes) => Effect.succeed(Multikey.sign(seed, bytes)))
    )
    expect(await DataIntegrity.verify(secured, [key])).toBe(true)
    expect(await DataIntegrity.verify({ ...secured, name: "Teamwork Badgf" }, [key])).toBe(false)
  })
})
