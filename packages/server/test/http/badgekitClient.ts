/**
 * A small BadgeKit client, written from BadgeKit's published signing rules rather than the server's code: an HS256
 * JWS over `{ key, exp, method, path, body: { alg: "sha256", hash } }`, sent as `Authorization: JWT token="…"`.
 * Like BadgeKit's own client, it writes `exp` in milliseconds unless told otherwise.
 */
import { Effect } from "effect"
import { createHash, createHmac } from "node:crypto"
import { type AnswerWithHeaders, badgekitMasterSecret, baseUrl } from "./harness.js"

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url")

/** What a token says, and how it may be spoiled for a test. */
export interface TokenOptions {
  readonly key?: string
  readonly secret?: string
  readonly method: string
  readonly path: string
  readonly body?: Uint8Array | undefined
  /** `exp` as written; default now + 1 minute in milliseconds. */
  readonly exp?: number
  readonly alg?: string
  /** Overrides of the claims, e.g. `{ body: undefined }`. */
  readonly claims?: Record<string, unknown>
  /** The signature part as sent (default: the HMAC). */
  readonly signature?: string
}

/** A BadgeKit token. */
export const token = (options: TokenOptions): string => {
  const header = { typ: "JWT", alg: options.alg ?? "HS256" }
  const payload: Record<string, unknown> = {
    key: options.key ?? "master",
    exp: options.exp ?? Date.now() + 60_000,
    method: options.method,
    path: options.path,
    ...(options.body === undefined
      ? {}
      : { body: { alg: "sha256", hash: createHash("sha256").update(options.body).digest("hex") } }),
    ...options.claims
  }
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`
  const signature = options.signature ??
    createHmac("sha256", options.secret ?? badgekitMasterSecret).update(signingInput).digest("base64url")
  return `${signingInput}.${signature}`
}

/** A body and its content type. */
export interface Body {
  readonly bytes: Uint8Array
  readonly contentType: string
}

/** A JSON body. */
export const json = (value: unknown): Body => ({
  bytes: new TextEncoder().encode(JSON.stringify(value)),
  contentType: "application/json"
})

/** A form body. */
export const form = (fields: Record<string, string>): Body => ({
  bytes: new TextEncoder().encode(new URLSearchParams(fields).toString()),
  contentType: "application/x-www-form-urlencoded"
})

/** A multipart body, encoded as the runtime encodes FormData (boundary and all). */
export const multipart = async (data: FormData): Promise<Body> => {
  const response = new Response(data)
  return {
    bytes: new Uint8Array(await response.arrayBuffer()),
    contentType: response.headers.get("content-type")!
  }
}

/** Sends a signed request; `sign: false` sends none, `tokenOptions` spoils the token. */
export const badgekit = (
  method: string,
  path: string,
  options: {
    readonly body?: Body | undefined
    readonly key?: string
    readonly secret?: string
    readonly sign?: boolean
    readonly tokenOptions?: Partial<TokenOptions>
    readonly authorization?: string
  } = {}
) =>
  Effect.gen(function*() {
    const base = yield* baseUrl
    return yield* Effect.promise(async (): Promise<AnswerWithHeaders> => {
      const headers: Record<string, string> = {}
      const bytes = options.body?.bytes
      if (options.body !== undefined) headers["content-type"] = options.body.contentType
      if (options.authorization !== undefined) headers.authorization = options.authorization
      else if (options.sign !== false) {
        const signed = token({
          method,
          path,
          // BadgeKit's client hashes the body of every request that has one.
          body: bytes ?? (method === "POST" || method === "PUT" ? new Uint8Array() : undefined),
          ...(options.key === undefined ? {} : { key: options.key }),
          ...(options.secret === undefined ? {} : { secret: options.secret }),
          ...options.tokenOptions
        })
        headers.authorization = `JWT token="${signed}"`
      }
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(bytes === undefined ? {} : { body: bytes })
      })
      const text = await response.text()
      let parsed: unknown = undefined
      try {
        parsed = text === "" ? undefined : JSON.parse(text)
      } catch {
        parsed = text
      }
      return { status: response.status, body: parsed, headers: Object.fromEntries(response.headers) }
    })
  })
