/**
 * Contents/header.xml of an HWPX file (OWPML, KS X 6101): the tables that the text
 * refers to by id — font faces, border fills, character shapes, tab and paragraph
 * shapes, styles. Modelled on files saved by Hancom Office (the layout of its empty
 * document); Hancom Office reports a file whose header lacks these tables as damaged.
 * Ids are fixed: section.ts refers to them through the constants below.
 */

export const NS = {
  ha: 'http://www.hancom.co.kr/hwpml/2011/app',
  hp: 'http://www.hancom.co.kr/hwpml/2011/paragraph',
  hp10: 'http://www.hancom.co.kr/hwpml/2016/paragraph',
  hs: 'http://www.hancom.co.kr/hwpml/2011/section',
  hc: 'http://www.hancom.co.kr/hwpml/2011/core',
  hh: 'http://www.hancom.co.kr/hwpml/2011/head',
  hhs: 'http://www.hancom.co.kr/hwpml/2011/history',
  hm: 'http://www.hancom.co.kr/hwpml/2011/master-page',
  hpf: 'http://www.hancom.co.kr/schema/2011/hpf',
  dc: 'http://purl.org/dc/elements/1.1/',
  opf: 'http://www.idpf.org/2007/opf/',
  ooxmlchart: 'http://www.hancom.co.kr/hwpml/2016/ooxmlchart',
  hwpunitchar: 'http://www.hancom.co.kr/hwpml/2016/HwpUnitChar',
  epub: 'http://www.idpf.org/2007/ops',
  config: 'urn:oasis:names:tc:opendocument:xmlns:config:1.0',
} as const;

/** The namespace declarations Hancom Office writes on every part's root. */
export const xmlns = Object.entries(NS)
  .map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`)
  .join(' ');

/** The Korean face every character shape uses (on every Korean Windows and in Hancom Office). */
export const HWPX_FONT = '맑은 고딕';
const fallbackFont = '함초롬돋움';

/** Character shapes (charPr ids). */
export const CHAR = { body: 0, bold: 1, h1: 2, h2: 3, h3: 4, muted: 5, link: 6, italic: 7, decision: 8, action: 9, draft: 10 } as const;
/** Paragraph shapes (paraPr ids). */
export const PARA = { body: 0, heading: 1, list: 2, cell: 3, barred: 4, nested: 5 } as const;
/** Styles (style ids). */
export const STYLE = { normal: 0, body: 1, h1: 2, h2: 3, h3: 4 } as const;
/** Border fills (borderFill ids). */
export const BORDER = { none: 1, charDefault: 2, cell: 3, headerCell: 4, bar: 5 } as const;

const langs = ['HANGUL', 'LATIN', 'HANJA', 'JAPANESE', 'OTHER', 'SYMBOL', 'USER'] as const;
const each = (value: string | number) => langs.map((l) => `${l.toLowerCase()}="${value}"`).join(' ');

function fontfaces(): string {
  const font = (id: number, face: string) =>
    `<hh:font id="${id}" face="${face}" type="TTF" isEmbedded="0"><hh:typeInfo familyType="FCAT_GOTHIC" weight="6" proportion="4" contrast="0" strokeVariation="1" armStyle="1" letterform="1" midline="1" xHeight="1"/></hh:font>`;
  const faces = langs.map((lang) => `<hh:fontface lang="${lang}" fontCnt="2">${font(0, HWPX_FONT)}${font(1, fallbackFont)}</hh:fontface>`);
  return `<hh:fontfaces itemCnt="${langs.length}">${faces.join('')}</hh:fontfaces>`;
}

function borderFill(id: number, sides: 'NONE' | 'SOLID' | 'LEFT', fill: string | null): string {
  const side = (name: string, on: boolean, width = '0.12 mm', colour = '#000000') =>
    `<hh:${name} type="${on ? 'SOLID' : 'NONE'}" width="${width}" color="${colour}"/>`;
  const bar = sides === 'LEFT';
  const brush = fill ? `<hc:fillBrush><hc:winBrush faceColor="${fill}" hatchColor="#999999" alpha="0"/></hc:fillBrush>` : '';
  return (
    `<hh:borderFill id="${id}" threeD="0" shadow="0" centerLine="NONE" breakCellSeparateLine="0">` +
    '<hh:slash type="NONE" Crooked="0" isCounter="0"/><hh:backSlash type="NONE" Crooked="0" isCounter="0"/>' +
    (bar ? side('leftBorder', true, '0.7 mm', '#0B3D91') : side('leftBorder', sides === 'SOLID')) +
    side('rightBorder', sides === 'SOLID') +
    side('topBorder', sides === 'SOLID') +
    side('bottomBorder', sides === 'SOLID') +
    '<hh:diagonal type="SOLID" width="0.1 mm" color="#000000"/>' +
    brush +
    '</hh:borderFill>'
  );
}

function charPr(id: number, o: { height: number; colour?: string; bold?: boolean; italic?: boolean; underline?: boolean }): string {
  return (
    `<hh:charPr id="${id}" height="${o.height}" textColor="${o.colour ?? '#000000'}" shadeColor="none" useFontSpace="0" useKerning="0" symMark="NONE" borderFillIDRef="${BORDER.charDefault}">` +
    `<hh:fontRef ${each(0)}/><hh:ratio ${each(100)}/><hh:spacing ${each(0)}/><hh:relSz ${each(100)}/><hh:offset ${each(0)}/>` +
    (o.bold ? '<hh:bold/>' : '') +
    (o.italic ? '<hh:italic/>' : '') +
    `<hh:underline type="${o.underline ? 'BOTTOM' : 'NONE'}" shape="SOLID" color="${o.colour ?? '#000000'}"/>` +
    '<hh:strikeout shape="NONE" color="#000000"/><hh:outline type="NONE"/><hh:shadow type="NONE" color="#C0C0C0" offsetX="10" offsetY="10"/>' +
    '</hh:charPr>'
  );
}

function paraPr(id: number, o: { align: 'JUSTIFY' | 'LEFT'; left?: number; indent?: number; prev?: number; next?: number; line?: number; keepWithNext?: boolean; border?: number }): string {
  const margin =
    `<hh:margin><hc:intent value="${o.indent ?? 0}" unit="HWPUNIT"/><hc:left value="${o.left ?? 0}" unit="HWPUNIT"/><hc:right value="0" unit="HWPUNIT"/>` +
    `<hc:prev value="${o.prev ?? 0}" unit="HWPUNIT"/><hc:next value="${o.next ?? 0}" unit="HWPUNIT"/></hh:margin>` +
    `<hh:lineSpacing type="PERCENT" value="${o.line ?? 160}" unit="HWPUNIT"/>`;
  return (
    `<hh:paraPr id="${id}" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="1" suppressLineNumbers="0" checked="0" textDir="LTR">` +
    `<hh:align horizontal="${o.align}" vertical="BASELINE"/><hh:heading type="NONE" idRef="0" level="0"/>` +
    // Korean breaks at spaces (KEEP_WORD), as Hancom Office does for body text.
    `<hh:breakSetting breakLatinWord="KEEP_WORD" breakNonLatinWord="KEEP_WORD" widowOrphan="0" keepWithNext="${o.keepWithNext ? 1 : 0}" keepLines="0" pageBreakBefore="0" lineWrap="BREAK"/>` +
    '<hh:autoSpacing eAsianEng="0" eAsianNum="0"/>' +
    `<hp:switch><hp:case hp:required-namespace="${NS.hwpunitchar}">${margin}</hp:case><hp:default>${margin}</hp:default></hp:switch>` +
    `<hh:border borderFillIDRef="${o.border ?? BORDER.charDefault}" offsetLeft="${o.border === BORDER.bar ? 600 : 0}" offsetRight="0" offsetTop="0" offsetBottom="0" connect="0" ignoreMargin="0"/>` +
    '</hh:paraPr>'
  );
}

function style(id: number, name: string, engName: string, para: number, char: number): string {
  return `<hh:style id="${id}" type="PARA" name="${name}" engName="${engName}" paraPrIDRef="${para}" charPrIDRef="${char}" nextStyleIDRef="${id <= STYLE.body ? id : STYLE.body}" langID="1042" lockForm="0"/>`;
}

/** The whole header part. */
export function headerXml(): string {
  const chars = [
    charPr(CHAR.body, { height: 1000 }),
    charPr(CHAR.bold, { height: 1000, bold: true }),
    charPr(CHAR.h1, { height: 1600, bold: true, colour: '#0B3D91' }),
    charPr(CHAR.h2, { height: 1300, bold: true }),
    charPr(CHAR.h3, { height: 1100, bold: true }),
    charPr(CHAR.muted, { height: 900, colour: '#555555' }),
    charPr(CHAR.link, { height: 1000, colour: '#0B3D91', underline: true }),
    charPr(CHAR.italic, { height: 1000, italic: true }),
    charPr(CHAR.decision, { height: 1000, bold: true, colour: '#0F7B3F' }),
    charPr(CHAR.action, { height: 1000, bold: true, colour: '#B45309' }),
    charPr(CHAR.draft, { height: 1100, bold: true, colour: '#B91C1C' }),
  ];
  const paras = [
    paraPr(PARA.body, { align: 'JUSTIFY', next: 400 }),
    paraPr(PARA.heading, { align: 'LEFT', prev: 1000, next: 500, keepWithNext: true }),
    paraPr(PARA.list, { align: 'LEFT', left: 2000, indent: -1200, next: 200 }),
    paraPr(PARA.cell, { align: 'LEFT', line: 130 }),
    paraPr(PARA.barred, { align: 'LEFT', left: 1200, next: 400, border: BORDER.bar }),
    paraPr(PARA.nested, { align: 'LEFT', left: 2400, next: 300 }),
  ];
  const styles = [
    style(STYLE.normal, '바탕글', 'Normal', PARA.body, CHAR.body),
    style(STYLE.body, '본문', 'Body', PARA.body, CHAR.body),
    style(STYLE.h1, '제목 1', 'Heading 1', PARA.heading, CHAR.h1),
    style(STYLE.h2, '제목 2', 'Heading 2', PARA.heading, CHAR.h2),
    style(STYLE.h3, '제목 3', 'Heading 3', PARA.heading, CHAR.h3),
  ];
  const borders = [
    borderFill(BORDER.none, 'NONE', null),
    borderFill(BORDER.charDefault, 'NONE', 'none'),
    borderFill(BORDER.cell, 'SOLID', null),
    borderFill(BORDER.headerCell, 'SOLID', '#EEF1F6'),
    borderFill(BORDER.bar, 'LEFT', null),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>' +
    `<hh:head ${xmlns} version="1.5" secCnt="1">` +
    '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/>' +
    '<hh:refList>' +
    fontfaces() +
    `<hh:borderFills itemCnt="${borders.length}">${borders.join('')}</hh:borderFills>` +
    `<hh:charProperties itemCnt="${chars.length}">${chars.join('')}</hh:charProperties>` +
    '<hh:tabProperties itemCnt="1"><hh:tabPr id="0" autoTabLeft="0" autoTabRight="0"/></hh:tabProperties>' +
    '<hh:numberings itemCnt="1"><hh:numbering id="1" start="0">' +
    '<hh:paraHead start="1" level="1" align="LEFT" useInstWidth="1" autoIndent="1" widthAdjust="0" textOffsetType="PERCENT" textOffset="50" numFormat="DIGIT" charPrIDRef="4294967295" checkable="0">^1.</hh:paraHead>' +
    '</hh:numbering></hh:numberings>' +
    `<hh:paraProperties itemCnt="${paras.length}">${paras.join('')}</hh:paraProperties>` +
    `<hh:styles itemCnt="${styles.length}">${styles.join('')}</hh:styles>` +
    '</hh:refList>' +
    '<hh:compatibleDocument targetProgram="HWP201X"><hh:layoutCompatibility/></hh:compatibleDocument>' +
    '<hh:docOption><hh:linkinfo path="" pageInherit="0" footnoteInherit="0"/></hh:docOption>' +
    '<hh:trackchageConfig flags="56"/>' +
    '</hh:head>'
  );
}
