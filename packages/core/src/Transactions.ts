/**
 * The storage transaction: the one port every store adapter provides beside the aggregates' ports, so a service
 * can make writes to several aggregates land together.
 *
 * @since 0.1.0
 */
import { Context, type Effect } from "effect"
import type { StoreError } from "./Errors.js"

/** Runs effects in one storage transaction. */
export class Transactions extends Context.Tag("@badge-engine/core/Transactions")<Transactions, {
  /**
   * Runs `effect` in one transaction: all of its writes land, or none. Nested calls join the outer one. A
   * transaction the database gives up to end a deadlock runs `effect` again from the start, so `effect` must keep
   * its results in what it returns, not in state outside it.
   */
  readonly run: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreError, R>
  /** Whether the current fiber runs inside a transaction. */
  readonly active: Effect.Effect<boolean>
}>() {}
