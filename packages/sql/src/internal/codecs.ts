/**
 * Column codecs, one place for every dialect difference in values:
 * timestamps are written as ISO-8601 UTC and read from `Date` (node-postgres) or text (SQLite);
 * flags are 0/1 integers; JSON is text; `count(*)` and int8 come back from Postgres as strings.
 */
import { DateTime } from "effect"

/** Writes a timestamp. */
export const toTimestamp = (value: DateTime.Utc): string => DateTime.formatIso(value)

/** Writes an optional timestamp as NULL when absent. */
export const toTimestampOrNull = (value: DateTime.Utc | undefined): string | null =>
  value === undefined ? null : toTimestamp(value)

/** Reads a timestamp column. */
export const fromTimestamp = (value: unknown): DateTime.Utc =>
  DateTime.unsafeMake(value instanceof Date ? value : String(value)) as DateTime.Utc

/** Reads a nullable timestamp column. */
export const fromTimestampOrNull = (value: unknown): DateTime.Utc | undefined =>
  value === null || value === undefined ? undefined : fromTimestamp(value)

/** Reads an integer column (Postgres returns int8 and counts as strings). */
export const fromInt = (value: unknown): number => typeof value === "number" ? value : Number(value)

/** Reads a nullable integer column. */
export const fromIntOrNull = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : fromInt(value)

/** Writes a flag. */
export const toFlag = (value: boolean): number => value ? 1 : 0

/** Reads a flag. */
export const fromFlag = (value: unknown): boolean => value === true || fromInt(value) === 1

/** Writes JSON text. */
export const toJson = (value: unknown): string => JSON.stringify(value)

/** Writes optional JSON text as NULL when absent. */
export const toJsonOrNull = (value: unknown): string | null => value === undefined ? null : JSON.stringify(value)

/** Reads a JSON text column. */
export const fromJson = <A>(value: unknown): A => (typeof value === "string" ? JSON.parse(value) : value) as A

/** Reads a nullable JSON text column. */
export const fromJsonOrNull = <A>(value: unknown): A | undefined =>
  value === null || value === undefined ? undefined : fromJson<A>(value)

/** Reads a nullable text column. */
export const fromTextOrNull = <A extends string = string>(value: unknown): A | undefined =>
  value === null || value === undefined ? undefined : (value as A)

/** Writes an optional value as NULL when absent. */
export const orNull = <A>(value: A | undefined): A | null => value === undefined ? null : value
