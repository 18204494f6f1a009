/**
 * BadgeKit's badges at the three levels of its hierarchy: a system's, an issuer's and a program's. Bodies (JSON,
 * form or multipart) and the query (`archived`, `page`, `count`) are read by the handlers: the signature covers the
 * raw body, and BadgeKit words its own errors.
 *
 * @since 0.1.0
 */
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { BadgeKitErrors } from "./Errors.js"

const system = HttpApiSchema.param("system", Schema.String)
const issuer = HttpApiSchema.param("issuer", Schema.String)
const program = HttpApiSchema.param("program", Schema.String)
const badge = HttpApiSchema.param("badge", Schema.String)

const Badge = Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
  identifier: "BadgeKitBadge",
  description: "A badge: id, slug, name, strapline, earnerDescription, consumerDescription, … (see the seed)"
})
/** A list of badges, with `pageData` when paged. */
export const BadgeList = Schema.Struct({
  badges: Schema.Array(Badge),
  pageData: Schema.optional(Schema.Struct({ page: Schema.Int, count: Schema.Int, total: Schema.Int }))
}).annotations({ identifier: "BadgeKitBadgeList" })
/** One badge. */
export const OneBadge = Schema.Struct({ badge: Badge }).annotations({ identifier: "BadgeKitOneBadge" })
/** A badge created, updated or deleted. */
export const BadgeStatus = Schema.Struct({
  status: Schema.Literal("created", "updated", "deleted"),
  badge: Badge
}).annotations({ identifier: "BadgeKitBadgeStatus" })

const listed = "Badges here and below; archived=false|true|any (or 0|1), page and count page them"

/** The badges group. */
export class BadgesApi extends HttpApiGroup.make("badgekitBadges")
  .add(
    HttpApiEndpoint.get("listOfSystem")`/systems/${system}/badges`.addSuccess(BadgeList)
      .annotate(OpenApi.Summary, `A system's badges. ${listed}`)
  )
  .add(
    HttpApiEndpoint.post("createInSystem")`/systems/${system}/badges`.addSuccess(BadgeStatus, { status: 201 })
      .annotate(OpenApi.Summary, "Create a badge of a system (JSON, form or multipart with an image file)")
  )
  .add(HttpApiEndpoint.get("getOfSystem")`/systems/${system}/badges/${badge}`.addSuccess(OneBadge))
  .add(HttpApiEndpoint.put("updateOfSystem")`/systems/${system}/badges/${badge}`.addSuccess(BadgeStatus))
  .add(HttpApiEndpoint.del("deleteOfSystem")`/systems/${system}/badges/${badge}`.addSuccess(BadgeStatus))
  .add(
    HttpApiEndpoint.get("listOfIssuer")`/systems/${system}/issuers/${issuer}/badges`.addSuccess(BadgeList)
      .annotate(OpenApi.Summary, `An issuer's badges. ${listed}`)
  )
  .add(
    HttpApiEndpoint.post("createInIssuer")`/systems/${system}/issuers/${issuer}/badges`
      .addSuccess(BadgeStatus, { status: 201 })
  )
  .add(HttpApiEndpoint.get("getOfIssuer")`/systems/${system}/issuers/${issuer}/badges/${badge}`.addSuccess(OneBadge))
  .add(
    HttpApiEndpoint.put("updateOfIssuer")`/systems/${system}/issuers/${issuer}/badges/${badge}`
      .addSuccess(BadgeStatus)
  )
  .add(
    HttpApiEndpoint.del("deleteOfIssuer")`/systems/${system}/issuers/${issuer}/badges/${badge}`
      .addSuccess(BadgeStatus)
  )
  .add(
    HttpApiEndpoint.get("listOfProgram")`/systems/${system}/issuers/${issuer}/programs/${program}/badges`
      .addSuccess(BadgeList)
      .annotate(OpenApi.Summary, `A program's badges. ${listed}`)
  )
  .add(
    HttpApiEndpoint.post("createInProgram")`/systems/${system}/issuers/${issuer}/programs/${program}/badges`
      .addSuccess(BadgeStatus, { status: 201 })
  )
  .add(
    HttpApiEndpoint.get("getOfProgram")`/systems/${system}/issuers/${issuer}/programs/${program}/badges/${badge}`
      .addSuccess(OneBadge)
  )
  .add(
    HttpApiEndpoint.put("updateOfProgram")`/systems/${system}/issuers/${issuer}/programs/${program}/badges/${badge}`
      .addSuccess(BadgeStatus)
  )
  .add(
    HttpApiEndpoint.del("deleteOfProgram")`/systems/${system}/issuers/${issuer}/programs/${program}/badges/${badge}`
      .addSuccess(BadgeStatus)
  )
  .addError(BadgeKitErrors)
  .annotate(OpenApi.Description, "Signed with Authorization: JWT token=\"…\" (BadgeKit's HS256 request signing)")
{}
