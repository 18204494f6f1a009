/**
 * The official Open Badges 3.0 AchievementCredential JSON schema (1EdTech, draft 2019-09), compiled once with Ajv.
 */
import addFormats from "ajv-formats"
import { Ajv2019 } from "ajv/dist/2019.js"
import { readFileSync } from "node:fs"

const schema = JSON.parse(
  readFileSync(new URL("ob_v3p0_achievementcredential_schema.json", import.meta.url), "utf8")
)

const ajv = new Ajv2019({ allErrors: true, strict: false })
addFormats.default(ajv)

/** Validates a credential; the errors Ajv found, none when it is valid. */
export const schemaErrors = (credential: unknown): ReadonlyArray<unknown> => {
  const validate = ajv.compile(schema)
  return validate(credential) ? [] : validate.errors ?? []
}
