/**
 * The Open Badges 2.0 hosted documents' endpoints: public, no credentials, answering JSON-LD or, for a browser
 * asking for an assertion, its badge page. They stay out of the OpenAPI document, as the pages do: what they answer
 * is the Open Badges specification's, not a contract of this server's (see `docs/openbadges.md`).
 *
 * @since 0.1.0
 */
import * as HttpApi from "@effect/platform/HttpApi"
import * as HttpApiEndpoint from "@effect/platform/HttpApiEndpoint"
import * as HttpApiGroup from "@effect/platform/HttpApiGroup"
import * as HttpApiSchema from "@effect/platform/HttpApiSchema"
import * as OpenApi from "@effect/platform/OpenApi"
import { Schema } from "effect"
import { prefixes } from "./Paths.js"

// Any id decodes: one that names nothing answers 404, as an unknown one does.
const byId = Schema.Struct({ id: Schema.String })

const document = HttpApiSchema.Text({ contentType: "application/ld+json" })

/** The hosted documents group. */
export class OpenBadgesV2Group extends HttpApiGroup.make("openBadgesV2")
  .add(HttpApiEndpoint.get("assertion", `${prefixes.assertions}/:id`).setPath(byId).addSuccess(document))
  .add(HttpApiEndpoint.get("bakedImage", `${prefixes.assertions}/:id/image`).setPath(byId).addSuccess(document))
  .add(HttpApiEndpoint.get("badgeClass", `${prefixes.badges}/:id`).setPath(byId).addSuccess(document))
  .add(HttpApiEndpoint.get("issuer", `${prefixes.issuers}/:id`).setPath(byId).addSuccess(document))
  .annotate(OpenApi.Exclude, true)
{}

/** The hosted documents API: the group alone, mounted beside the contracts as the pages are. */
export class OpenBadgesV2Api extends HttpApi.make("openBadgesV2").add(OpenBadgesV2Group) {}
