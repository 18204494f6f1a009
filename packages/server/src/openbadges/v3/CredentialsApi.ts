/**
 * Open Badges 3.0 over HTTP, public and under no contract's prefix (errors in the server's fallback shape, v1's): an
 * award's signed `OpenBadgeCredential`, its badge image with the credential baked in, an organisation's revocation
 * status list credential, and its DID document.
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { V1Error } from "../../contracts/v1/Errors.js"

const id = HttpApiSchema.param("id", Schema.String)
const organisationId = HttpApiSchema.param("organisationId", Schema.String)
const list = HttpApiSchema.param("list", Schema.String)

const json = (description: string) => HttpApiSchema.Empty(200).annotations({ description })

/** The Open Badges 3.0 group: no credentials needed. */
export class OpenBadgesV3Group extends HttpApiGroup.make("openBadgesV3")
  .add(
    HttpApiEndpoint.get("credential")`/public/credentials/${id}`
      .addSuccess(json(
        "The award's OpenBadgeCredential (JSON), signed with eddsa-rdfc-2022; with `Accept: application/vc+jwt`, " +
          "the credential as a VC-JOSE compact JWT (EdDSA)"
      ))
      .annotate(OpenApi.Summary, "An award as a signed Open Badges 3.0 credential")
  )
  .add(
    HttpApiEndpoint.get("credentialImage")`/public/credentials/${id}/image`
      .addSuccess(json("The badge image (PNG or SVG) with the credential baked in"))
      .annotate(OpenApi.Summary, "An award's badge image with its Open Badges 3.0 credential baked in")
  )
  .add(
    HttpApiEndpoint.get("statusList")`/public/status-lists/${organisationId}/${list}`
      .addSuccess(json("A BitstringStatusListCredential (JSON), signed: a revoked award's bit is set"))
      .annotate(OpenApi.Summary, "An organisation's revocation status list, as the awards stand now")
  )
  .add(
    HttpApiEndpoint.get("didDocument")`/orgs/${organisationId}/did.json`
      .addSuccess(json("The organisation's did:web document: every key it signed with, as Multikeys"))
      .annotate(OpenApi.Summary, "An organisation's DID document")
  )
  .addError(V1Error)
{}

/** The Open Badges 3.0 API: the group alone. */
export class OpenBadgesV3Api extends HttpApi.make("openBadgesV3").add(OpenBadgesV3Group) {}
