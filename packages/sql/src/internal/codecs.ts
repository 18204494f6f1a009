/**
 * Column codecs as Schemas, one place for every dialect difference in values: timestamps are read from `Date`
 * (node-postgres) or text (SQLite) and written as ISO-8601 UTC text; flags are 0/1 integers; JSON is text; int8 and
 * `count(*)` come back from Postgres as strings; NULL is an absent field. Row schemas are made of these alone.
 */
import { DateTime, Option, ParseResult, Schema } from "effect"

/** Writes a timestamp, as a column value or a query parameter: ISO-8601 UTC text. */
export const timestamp = (value: DateTime.Utc): string => DateTime.formatIso(value)

const isDateOrText = (u: unknown): u is Date | string => u instanceof Date || typeof u === "string"

/** A timestamp column: reads a `Date` or ISO text, writes ISO-8601 UTC text. */
export const Timestamp: Schema.Schema<DateTime.Utc, Date | string> = Schema.transformOrFail(
  Schema.declare(isDateOrText, { identifier: "DateOrText" }),
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (value, _, ast) => {
      const made = DateTime.make(value)
      return Option.isSome(made)
        ? ParseResult.succeed(DateTime.toUtc(made.value))
        : ParseResult.fail(new ParseResult.Type(ast, value, "not a timestamp"))
    },
    encode: (value) => ParseResult.succeed(timestamp(value))
  }
)

const isNumeric = (u: unknown): u is number | string | bigint =>
  typeof u === "number" || typeof u === "string" || typeof u === "bigint"

/** An integer column: reads a number, or the string or bigint Postgres gives for int8 and `count(*)`. */
export const Integer: Schema.Schema<number, number | string | bigint> = Schema.transformOrFail(
  Schema.declare(isNumeric, { identifier: "Numeric" }),
  Schema.Number,
  {
    strict: true,
    decode: (value, _, ast) => {
      const n = typeof value === "number" ? value : Number(value)
      return Number.isFinite(n) ? ParseResult.succeed(n) : ParseResult.fail(new ParseResult.Type(ast, value))
    },
    encode: ParseResult.succeed
  }
)

/** A flag column: 0/1 (SQLite cannot bind a boolean), read also from a boolean. */
export const Flag: Schema.Schema<boolean, number | boolean> = Schema.transform(
  Schema.Union(Schema.Number, Schema.Boolean),
  Schema.Boolean,
  { strict: true, decode: (value) => value === true || value === 1, encode: (value) => value ? 1 : 0 }
)

const isBytes = (u: unknown): u is Uint8Array => u instanceof Uint8Array

/** A binary column (BLOB, BYTEA): reads the driver's `Buffer` as a plain `Uint8Array`, writes it as it is. */
export const Bytes: Schema.Schema<Uint8Array, Uint8Array> = Schema.transform(
  Schema.declare(isBytes, { identifier: "Bytes" }),
  Schema.Uint8ArrayFromSelf,
  { strict: true, decode: (value) => new Uint8Array(value), encode: (value) => value }
)

/** A JSON text column holding a value of `schema`. */
export const Json = <A, I>(schema: Schema.Schema<A, I>): Schema.Schema<A, string> => Schema.parseJson(schema)

/** A nullable column as an optional field: NULL reads as an absent field, an absent field writes NULL. */
export const nullable = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.requiredToOptional(Schema.NullOr(schema), Schema.UndefinedOr(Schema.typeSchema(schema)), {
    decode: Option.fromNullable,
    encode: (value) => Option.getOrNull(value) ?? null
  })

/** A column whose name differs from the field's: `column("created_at", Timestamp)` for `createdAt`. */
export const column = <const K extends string, A, I>(name: K, schema: Schema.Schema<A, I>) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(name))

/** A nullable column whose name differs from the field's. */
export const nullableColumn = <const K extends string, A, I>(name: K, schema: Schema.Schema<A, I>) =>
  nullable(schema).pipe(Schema.fromKey(name))

/** Rows come from our own tables: entities are made from them without validating their fields again. */
export const trusted = { disableValidation: true } as const

/**
 * The schema of a table's rows as entities of a `Schema.Class`: `columns` decode a row (extra columns are
 * ignored) into the fields, which make the entity unvalidated; an entity encodes back into the row. Every field of
 * the entity must have a column, so a new field does not compile until its column is declared.
 */
export const entityRow = <
  EntityFields extends Schema.Struct.Fields,
  Fields extends Schema.Struct.Fields & { readonly [K in keyof EntityFields]: unknown },
  A extends Schema.Struct.Type<Fields>
>(
  entity: { readonly fields: EntityFields } & (new(fields: Schema.Struct.Type<Fields>, options: typeof trusted) => A),
  columns: Fields
) =>
  Schema.transform(Schema.Struct(columns), Schema.instanceOf(entity), {
    strict: true,
    decode: (fields) => new entity(fields as Schema.Struct.Type<Fields>, trusted),
    encode: (value) => value
  })
