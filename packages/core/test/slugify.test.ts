import { describe, expect, it } from "@effect/vitest"
import { slugify } from "../src/definitions/BadgeDefinition.js"

describe("slugify", () => {
  it("transliterates letters beyond ASCII into readable slugs", () => {
    expect(slugify("Første økt")).toBe("forste-okt")
    expect(slugify("Ærlig talt")).toBe("aerlig-talt")
    expect(slugify("Årets mentor")).toBe("arets-mentor")
    expect(slugify("Straße")).toBe("strasse")
    expect(slugify("Café crème")).toBe("cafe-creme")
  })

  it("keeps lowercase letters and digits joined by single dashes, at most 50 long", () => {
    expect(slugify("  First Session -- #1!  ")).toBe("first-session-1")
    expect(slugify("Self-care: week 2")).toBe("self-care-week-2")
    expect(slugify("a ".repeat(40))).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(slugify("x".repeat(60))).toHaveLength(50)
    expect(slugify("ジョン")).toBe("")
  })
})
