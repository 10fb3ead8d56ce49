import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExportDocument } from '../model';
import { headerXml, xmlns } from './header';
import { escapeXml, previewText, sectionXml } from './section';

const declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>';

/** The package's entries in the order Hancom Office writes them; `mimetype` must come first, stored. */
export const HWPX_ENTRIES = [
  'mimetype',
  'version.xml',
  'settings.xml',
  'META-INF/container.xml',
  'META-INF/manifest.xml',
  'META-INF/container.rdf',
  'Contents/content.hpf',
  'Contents/header.xml',
  'Contents/section0.xml',
  'Preview/PrvText.txt',
] as const;

const versionXml = () =>
  `${declaration}<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" tagetApplication="WORDPROCESSOR" major="5" minor="1" micro="1" buildNumber="0" os="1" xmlVersion="1.5" application="Forum Workspace" appVersion="0.1.0"/>`;

const settingsXml = () =>
  `${declaration}<ha:HWPApplicationSetting xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"><ha:CaretPosition listIDRef="0" paraIDRef="0" pos="0"/></ha:HWPApplicationSetting>`;

const containerXml = () =>
  `${declaration}<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf"><ocf:rootfiles>` +
  '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>' +
  '<ocf:rootfile full-path="Preview/PrvText.txt" media-type="text/plain"/>' +
  '<ocf:rootfile full-path="META-INF/container.rdf" media-type="application/rdf+xml"/>' +
  '</ocf:rootfiles></ocf:container>';

const manifestXml = () => `${declaration}<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`;

function containerRdf(): string {
  const pkg = 'http://www.hancom.co.kr/hwpml/2016/meta/pkg#';
  const part = (path: string, type: string) =>
    `<rdf:Description rdf:about=""><ns0:hasPart xmlns:ns0="${pkg}" rdf:resource="${path}"/></rdf:Description>` +
    `<rdf:Description rdf:about="${path}"><rdf:type rdf:resource="${pkg}${type}"/></rdf:Description>`;
  return (
    `${declaration}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    part('Contents/header.xml', 'HeaderFile') +
    part('Contents/section0.xml', 'SectionFile') +
    `<rdf:Description rdf:about=""><rdf:type rdf:resource="${pkg}Document"/></rdf:Description></rdf:RDF>`
  );
}

function contentHpf(doc: ExportDocument, now: Date): string {
  const meta = (name: string, value: string) => `<opf:meta name="${name}" content="text">${escapeXml(value)}</opf:meta>`;
  const iso = now.toISOString().replace(/\.\d+Z$/, 'Z');
  return (
    `${declaration}<opf:package ${xmlns} version="" unique-identifier="" id="">` +
    `<opf:metadata><opf:title>${escapeXml(doc.title)}</opf:title><opf:language>ko</opf:language>` +
    meta('creator', 'Forum Workspace') +
    meta('subject', '') +
    meta('description', '') +
    meta('lastsaveby', 'Forum Workspace') +
    meta('CreatedDate', iso) +
    meta('ModifiedDate', iso) +
    meta('keyword', '') +
    '</opf:metadata><opf:manifest>' +
    '<opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>' +
    '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>' +
    '<opf:item id="settings" href="settings.xml" media-type="application/xml"/>' +
    '</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/><opf:itemref idref="section0" linear="yes"/></opf:spine></opf:package>'
  );
}

/**
 * The document as HWPX (OWPML, KS X 6101), the Korean government's open format: a zip
 * whose first entry is `mimetype`, stored, reading exactly `application/hwp+zip`.
 */
export function renderHwpx(doc: ExportDocument, now = new Date()): Buffer {
  const parts: Record<(typeof HWPX_ENTRIES)[number], string> = {
    mimetype: 'application/hwp+zip',
    'version.xml': versionXml(),
    'settings.xml': settingsXml(),
    'META-INF/container.xml': containerXml(),
    'META-INF/manifest.xml': manifestXml(),
    'META-INF/container.rdf': containerRdf(),
    'Contents/content.hpf': contentHpf(doc, now),
    'Contents/header.xml': headerXml(),
    'Contents/section0.xml': sectionXml(doc),
    'Preview/PrvText.txt': previewText(doc),
  };
  const files: Zippable = {};
  // Insertion order is entry order; the mimetype is stored so that it can be sniffed at offset 38.
  for (const name of HWPX_ENTRIES) files[name] = [strToU8(parts[name]), { level: name === 'mimetype' ? 0 : 6, mtime: now }];
  return Buffer.from(zipSync(files));
}
