import { spawnSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "vitest"

const root = path.resolve(__dirname, "..", "..", "..")
const docs = path.join(root, "docs")
const out = path.resolve(__dirname, "..", ".snippets")

/** A ```ts block of a Markdown file: its code and the line of the file it starts on. */
interface Block {
  readonly code: string
  readonly line: number
}

/** Every ```ts block of a Markdown file, in order. */
const blocksOf = (markdown: string): ReadonlyArray<Block> => {
  const lines = markdown.split("\n")
  const blocks: Array<Block> = []
  let open: { start: number; code: Array<string> } | undefined
  lines.forEach((text, i) => {
    if (open === undefined) {
      if (/^```ts\s*$/.test(text)) open = { start: i + 2, code: [] }
    } else if (/^```\s*$/.test(text)) {
      blocks.push({ code: open.code.join("\n"), line: open.start })
      open = undefined
    } else {
      open.code.push(text)
    }
  })
  return blocks
}

/** Writes each block as its own module under .snippets/, named after its page; returns the files written. */
const extract = (): ReadonlyArray<string> => {
  fs.rmSync(out, { recursive: true, force: true })
  fs.mkdirSync(out, { recursive: true })
  const files: Array<string> = []
  for (const page of fs.readdirSync(docs).filter((name) => name.endsWith(".md")).sort()) {
    blocksOf(fs.readFileSync(path.join(docs, page), "utf8")).forEach((block, i) => {
      const file = `${path.basename(page, ".md")}-${String(i + 1).padStart(2, "0")}.ts`
      // The first line says where the block comes from; the block's own lines follow unchanged.
      fs.writeFileSync(path.join(out, file), `// docs/${page}:${block.line}\n${block.code}\n`)
      files.push(file)
    })
  }
  fs.writeFileSync(
    path.join(out, "tsconfig.json"),
    JSON.stringify(
      {
        extends: "../../../tsconfig.base.json",
        // Host apps compile the snippets; they emit no declarations, so declaration checks do not apply.
        compilerOptions: {
          noEmit: true,
          composite: false,
          incremental: false,
          declaration: false,
          declarationMap: false
        },
        include: ["*.ts"]
      },
      null,
      2
    )
  )
  return files
}

describe("docs/*.md", () => {
  it("every ts code block compiles as a module of its own", { timeout: 120_000 }, () => {
    const files = extract()
    expect(files.length).toBeGreaterThan(0)
    const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc")
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(out, "tsconfig.json"), "--pretty", "false"], {
      encoding: "utf8"
    })
    const output = `${result.stdout}${result.stderr}`
    if (result.status !== 0) console.error(`tsc over ${files.length} snippets in ${out}:\n${output}`)
    expect(result.status, output).toBe(0)
  })
})
