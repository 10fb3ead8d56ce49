import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TEXT_FIELD } from '../../../../shared/text-field';
import { replaceText } from '../../../../server/versions/doc-versions';

/** A document whose text is one paragraph per string. */
function textDoc(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(TEXT_FIELD);
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    }),
  );
  return doc;
}

const paragraphs = (doc: Y.Doc) =>
  doc
    .getXmlFragment(TEXT_FIELD)
    .toArray()
    .map((node) => (node as Y.XmlElement).toArray().map((t) => t.toString()).join(''));

/** A comment's anchor (as the client stores it): a relative position at `offset` in paragraph `index`. */
function anchorIn(doc: Y.Doc, index: number, offset: number): Y.RelativePosition {
  const text = (doc.getXmlFragment(TEXT_FIELD).get(index) as Y.XmlElement).get(0) as Y.XmlText;
  return Y.createRelativePositionFromTypeIndex(text, offset);
}

/** Where the anchor points now: the text it sits in and its offset, or null when detached. */
function resolve(doc: Y.Doc, anchor: Y.RelativePosition): { text: string; index: number } | null {
  const at = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Y.encodeRelativePosition(anchor)), doc);
  if (!at || !(at.type instanceof Y.XmlText) || at.type._item?.deleted) return null;
  return { text: at.type.toString(), index: at.index };
}

describe('restoring a version (replaceText)', () => {
  it('makes the text the version’s, and anchors in paragraphs the restore leaves alone survive', () => {
    const old = ['세액공제 확대', '투자 인센티브', '규제 특례'];
    const version = Y.encodeStateAsUpdate(textDoc(old));
    // the live text: the first paragraph kept, the second changed, one paragraph added
    const live = new Y.Doc();
    Y.applyUpdate(live, version);
    const second = (live.getXmlFragment(TEXT_FIELD).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    second.insert(0, '새 ');
    const added = new Y.XmlElement('paragraph');
    added.insert(0, [new Y.XmlText('추가 문단')]);
    live.getXmlFragment(TEXT_FIELD).insert(3, [added]);
    const onFirst = anchorIn(live, 0, 2);
    const onThird = anchorIn(live, 2, 3);
    const onChanged = anchorIn(live, 1, 1);

    replaceText(live, version);

    expect(paragraphs(live)).toEqual(old);
    expect(resolve(live, onFirst)).toEqual({ text: '세액공제 확대', index: 2 });
    expect(resolve(live, onThird)).toEqual({ text: '규제 특례', index: 3 });
    // a paragraph the restore rewrites takes its comments' anchors with it
    expect(resolve(live, onChanged)).toBeNull();
  });

  it('table: any live text becomes exactly the version’s text', () => {
    const cases: [string[], string[]][] = [
      [[], ['가']],
      [['가'], []],
      [['가', '나', '다'], ['다', '나', '가']],
      [['가', '가', '나'], ['나', '가', '가', '가']],
      [['a', 'b', 'c', 'd'], ['x', 'b', 'y', 'd', 'z']],
    ];
    for (const [now, then] of cases) {
      const live = textDoc(now);
      replaceText(live, Y.encodeStateAsUpdate(textDoc(then)));
      expect(paragraphs(live), `${now.join('|')} → ${then.join('|')}`).toEqual(then);
    }
  });
});
