import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';

/** The text of a PDF as poppler's pdftotext extracts it (the layout of the page kept). */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'forum-pdf-'));
  try {
    const file = join(dir, 'export.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses XML strictly: a malformed document throws (xmldom 0.9 stops at fatal errors). */
export function parseXml(xml: string, what: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'text/xml');
  if (errors.length > 0) throw new Error(`${what} is not well-formed XML: ${errors.join('; ')}`);
  return doc;
}

/** The text of every element with this local name, in document order. */
export function textsOf(doc: ReturnType<typeof parseXml>, localName: string): string[] {
  return Array.from(doc.getElementsByTagNameNS('*', localName)).map((e) => e.textContent ?? '');
}

/** A zip's entries by name. */
export function unzip(file: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(new Uint8Array(file))).map(([name, data]) => [name, strFromU8(data)]));
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** The local file headers of a zip, in the order they are in the file. */
export function zipEntries(file: Buffer): ZipEntry[] {
  const out: ZipEntry[] = [];
  let at = 0;
  while (at + 30 <= file.length && file.readUInt32LE(at) === 0x04034b50) {
    const method = file.readUInt16LE(at + 8);
    const compressed = file.readUInt32LE(at + 18);
    const nameLength = file.readUInt16LE(at + 26);
    const extra = file.readUInt16LE(at + 28);
    out.push({ name: file.subarray(at + 30, at + 30 + nameLength).toString('utf8'), method, offset: at });
    at += 30 + nameLength + extra + compressed;
  }
  return out;
}

export const sofficePath = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p)) ?? null;

/**
 * A DOCX converted to PDF by LibreOffice headless (a profile of its own, so runs do not
 * collide). Asynchronous: a test server in the same process keeps answering meanwhile.
 */
export async function libreOfficePdf(docx: Buffer): Promise<Buffer> {
  if (!sofficePath) throw new Error('LibreOffice is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'forum-lo-'));
  try {
    const input = join(dir, 'export.docx');
    writeFileSync(input, docx);
    const args = [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input];
    const said = await new Promise<string>((resolve) => {
      execFile(sofficePath, args, { encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => resolve(`${stderr}${stdout}${error ? ` ${error.message}` : ''}`));
    });
    const output = join(dir, 'export.pdf');
    if (!existsSync(output)) throw new Error(`LibreOffice made no PDF: ${said}`);
    return readFileSync(output);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
