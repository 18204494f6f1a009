/**
 * A webhook receiver for the crash test: checks every delivery's signature with the Standard Webhooks library and
 * counts deliveries per event id (so duplicates show).
 */
import { createServer, type Server } from "node:http"
import { Webhook } from "standardwebhooks"

/** What the receiver saw. */
export interface Receiver {
  readonly url: string
  /** Deliveries per event id (`webhook-id`). */
  readonly byEvent: Map<string, number>
  /** The award ids of `badge.awarded` deliveries. */
  readonly awarded: Set<string>
  /** Deliveries whose signature did not verify. */
  bad: number
  total: number
  /** The secret deliveries are checked under, set once the endpoint is registered. */
  secret: string
  readonly close: () => Promise<void>
}

/** Starts a receiver on a free port of 127.0.0.1. */
export const startReceiver = (): Promise<Receiver> =>
  new Promise((resolve) => {
    const receiver: Receiver = {
      url: "",
      byEvent: new Map(),
      awarded: new Set(),
      bad: 0,
      total: 0,
      secret: "",
      close: () => new Promise((done) => server.close(() => done()))
    }
    const server: Server = createServer((request, response) => {
      let body = ""
      request.on("data", (chunk) => (body += chunk))
      request.on("end", () => {
        try {
          const event = new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>) as {
            readonly type: string
            readonly data: { readonly award?: { readonly id: string } }
          }
          const id = String(request.headers["webhook-id"])
          receiver.total++
          receiver.byEvent.set(id, (receiver.byEvent.get(id) ?? 0) + 1)
          if (event.type === "badge.awarded" && event.data.award !== undefined) {
            receiver.awarded.add(event.data.award.id)
          }
          response.writeHead(204).end()
        } catch {
          receiver.bad++
          response.writeHead(400).end()
        }
      })
    })
    server.keepAliveTimeout = 1000
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      Object.assign(receiver, { url: `http://127.0.0.1:${port}/hooks` })
      resolve(receiver)
    })
  })
