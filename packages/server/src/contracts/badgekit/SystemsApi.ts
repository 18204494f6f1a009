/**
 * BadgeKit's hierarchy: systems (the engine's organisations), their issuers and the issuers' programs.
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

const Profile = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const answer = <const F extends Schema.Struct.Fields>(name: string, fields: F) =>
  Schema.Struct(fields).annotations({ identifier: `BadgeKit${name}` })

/** The hierarchy group. */
export class SystemsApi extends HttpApiGroup.make("badgekitSystems")
  .add(
    HttpApiEndpoint.get("listSystems", "/systems").addSuccess(answer("Systems", { systems: Schema.Array(Profile) }))
      .annotate(OpenApi.Summary, "Every system (the master key), or the key's own")
  )
  .add(
    HttpApiEndpoint.post("createSystem", "/systems")
      .addSuccess(answer("SystemCreated", { status: Schema.String, system: Profile }), { status: 201 })
      .annotate(OpenApi.Summary, "Create a system: an organisation (the master key)")
  )
  .add(HttpApiEndpoint.get("getSystem")`/systems/${system}`.addSuccess(answer("System", { system: Profile })))
  .add(
    HttpApiEndpoint.put("updateSystem")`/systems/${system}`
      .addSuccess(answer("SystemUpdated", { status: Schema.String, system: Profile }))
  )
  .add(
    HttpApiEndpoint.del("deleteSystem")`/systems/${system}`
      .addSuccess(answer("SystemDeleted", { status: Schema.String, system: Profile }))
      .annotate(OpenApi.Summary, "Delete a system with no issuers, badges or awards left")
  )
  .add(
    HttpApiEndpoint.get("listIssuers")`/systems/${system}/issuers`
      .addSuccess(answer("Issuers", { issuers: Schema.Array(Profile) }))
  )
  .add(
    HttpApiEndpoint.post("createIssuer")`/systems/${system}/issuers`
      .addSuccess(answer("IssuerCreated", { status: Schema.String, issuer: Profile }), { status: 201 })
  )
  .add(
    HttpApiEndpoint.get("getIssuer")`/systems/${system}/issuers/${issuer}`.addSuccess(
      answer("Issuer", { issuer: Profile })
    )
  )
  .add(
    HttpApiEndpoint.put("updateIssuer")`/systems/${system}/issuers/${issuer}`
      .addSuccess(answer("IssuerUpdated", { status: Schema.String, issuer: Profile }))
  )
  .add(
    HttpApiEndpoint.del("deleteIssuer")`/systems/${system}/issuers/${issuer}`
      .addSuccess(answer("IssuerDeleted", { status: Schema.String, issuer: Profile }))
      .annotate(OpenApi.Summary, "Delete an issuer with no programs, badges or awards left")
  )
  .add(
    HttpApiEndpoint.get("listPrograms")`/systems/${system}/issuers/${issuer}/programs`
      .addSuccess(answer("Programs", { programs: Schema.Array(Profile) }))
  )
  .add(
    HttpApiEndpoint.post("createProgram")`/systems/${system}/issuers/${issuer}/programs`
      .addSuccess(answer("ProgramCreated", { status: Schema.String, program: Profile }), { status: 201 })
  )
  .add(
    HttpApiEndpoint.get("getProgram")`/systems/${system}/issuers/${issuer}/programs/${program}`
      .addSuccess(answer("Program", { program: Profile }))
  )
  .add(
    HttpApiEndpoint.put("updateProgram")`/systems/${system}/issuers/${issuer}/programs/${program}`
      .addSuccess(answer("ProgramUpdated", { status: Schema.String, program: Profile }))
  )
  .add(
    HttpApiEndpoint.del("deleteProgram")`/systems/${system}/issuers/${issuer}/programs/${program}`
      .addSuccess(answer("ProgramDeleted", { status: Schema.String, program: Profile }))
      .annotate(OpenApi.Summary, "Delete a program with no badges or awards left")
  )
  .addError(BadgeKitErrors)
{}
