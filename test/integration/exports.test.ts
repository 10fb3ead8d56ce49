import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ITEM_NODE, DECISION_NODE, minutesDocName } from '../../shared/meetings/minutes';
import { HWPX_ENTRIES } from '../../server/exports/hwpx';
import { libreOfficePdf, parseXml, pdfText, sofficePath, textsOf, unzip, zipEntries } from '../helpers/exports';
import { must, pollHarness, type PollHarness } from './polls-harness';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/**
 * Exports opened as a reader would open them: pdftotext, the XML inside DOCX and
 * HWPX, Markdown; the sealed text hashed again; LibreOffice converting the DOCX.
 */
describe('exports of the record', () => {
  let h: PollHarness;
  let meetingId = '';
  let present = '';
  let proxy = '';
  const title = '제5차 산업대전환 포럼 위원장 회의';
  const decision = '국가 산업인재은행을 전략 초안에 포함한다';

  const get = async (path: string, token = h.ministry.token) => {
    const res = await fetch(`${h.server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    h = await pollHarness({ realMeetings: true });
    const created = await h.http(h.ministry, 'POST', '/api/meetings', {
      title,
      startsAt: '2026-11-20T05:00:00.000Z',
      place: '대한상공회의소 국제회의장',
      chairId: h.ministry.user.id,
      agenda: [{ title: '국가 산업인재은행', proposalId: 'talent-bank' }, { title: '기타 안건' }],
    });
    const meeting = (created.json as { meeting: { id: string; agenda: { id: string }[] } }).meeting;
    meetingId = meeting.id;
    const admin = h.client(h.ministry);
    await must(admin, 'meeting:join', { meetingId });
    await must(admin, 'meeting:start', { meetingId });
    const [voter, away] = h.chairs;
    present = voter!.user.name;
    proxy = away!.user.name;
    const socket = h.client(voter!);
    await must(socket, 'meeting:join', { meetingId });
    await must(socket, 'meeting:checkIn', { meetingId });
    await h.http(away!, 'POST', `/api/meetings/${meetingId}/delegations`, { toUserId: voter!.user.id });
    const poll = await h.createPoll(h.ministry, meetingId, { title: '국가 산업인재은행 채택', agendaItemId: meeting.agenda[0]!.id, proposalId: 'talent-bank', quorum: 0 });
    await must(admin, 'poll:open', { pollId: poll.id });
    await must(socket, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
    await must(admin, 'poll:close', { pollId: poll.id });
    // What the minute-taker wrote: a decision, an action item and a table under the first item.
    await h.server.documents.change(minutesDocName(meetingId), (doc) => {
      const fragment = doc.getXmlFragment('default');
      const at = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === 'heading' && n.toString().includes('2. 기타 안건'));
      const made = new Y.XmlElement(DECISION_NODE);
      made.insert(0, [new Y.XmlText(decision)]);
      const action = new Y.XmlElement(ACTION_ITEM_NODE);
      action.setAttribute('owner', '산업부 산업정책과');
      action.setAttribute('due', '2026-12-15');
      action.insert(0, [new Y.XmlText('인재은행 운영 방안 보고')]);
      const table = new Y.XmlElement('table');
      const row = (cells: string[], kind: string) => {
        const tr = new Y.XmlElement('tableRow');
        tr.insert(0, cells.map((c) => {
          const cell = new Y.XmlElement(kind);
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(c)]);
          cell.insert(0, [p]);
          return cell;
        }));
        return tr;
      };
      table.insert(0, [row(['과제', '담당'], 'tableHeader'), row(['인재 데이터 플랫폼', '인력 분과'], 'tableCell')]);
      fragment.insert(at, [made, action, table]);
    });
    await must(admin, 'meeting:end', { meetingId });
  }, 120_000);
  afterAll(() => h.close());

  it('marks draft minutes as a draft, and refuses the sealed text until they are approved', async () => {
    const { res, body } = await get(`/api/exports/minutes/${meetingId}.md`);
    expect(res.status).toBe(200);
    expect(body.toString('utf8')).toContain('초안 — 확정되지 않은 회의록입니다');
    expect((await get(`/api/exports/minutes/${meetingId}.txt`)).res.status).toBe(409);
  });

  describe('approved minutes', () => {
    let hash = '';
    beforeAll(async () => {
      for (const to of ['circulated', 'approved']) {
        const moved = await h.http(h.ministry, 'POST', `/api/meetings/${meetingId}/minutes/status`, { to });
        expect(moved.status).toBe(200);
        hash = (moved.json as { minutes: { contentHash: string } }).minutes.contentHash;
      }
    });

    it('name the file by title and date in Korean (RFC 5987) with an ASCII fallback', async () => {
      const { res } = await get(`/api/exports/minutes/${meetingId}.pdf`);
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
      const encoded = disposition.split("filename*=UTF-8''")[1]!;
      expect(decodeURIComponent(encoded)).toBe(`${title} 회의록_2026-11-20.pdf`);
      expect(res.headers.get('content-type')).toBe('application/pdf');
    });

    it('state the hash of the approved text, and hashing that text again gives the same value', async () => {
      const md = (await get(`/api/exports/minutes/${meetingId}.md`)).body.toString('utf8');
      expect(md).toContain(`SHA-256: ${hash}`);
      expect(md).not.toContain('초안 — 확정되지 않은');
      const sealed = (await get(`/api/exports/minutes/${meetingId}.txt`)).body;
      expect(sha256(sealed)).toBe(hash);
      // The sealed text is the record: title, attendance, the result under its item, the decision.
      const text = sealed.toString('utf8');
      expect(text).toContain(`${title} 회의록`);
      expect(text).toContain(`${present} (투자 분과위원장)`);
      expect(text).toContain(decision);
    });

    it('PDF: pdftotext reads the Korean title, the attendees, a decision, the result and the hash', async () => {
      const { body } = await get(`/api/exports/minutes/${meetingId}.pdf`);
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(body).replace(/\s+/g, ' ');
      for (const wanted of [`${title} 회의록`, present, proxy, decision, '표결 결과: 국가 산업인재은행 채택 — 가결', '인재은행 운영 방안 보고', '인재 데이터 플랫폼', hash]) {
        expect(text).toContain(wanted);
      }
    });

    it('DOCX: word/document.xml is XML holding the text, and runs name an East Asian font', () => docxChecks());

    async function docxChecks() {
      const { body } = await get(`/api/exports/minutes/${meetingId}.docx`);
      const files = unzip(body);
      const xml = parseXml(files['word/document.xml']!, 'word/document.xml');
      const text = textsOf(xml, 't').join('');
      for (const wanted of [`${title} 회의록`, present, decision, '표결 결과: 국가 산업인재은행 채택 — 가결', hash]) expect(text).toContain(wanted);
      expect(xml.getElementsByTagName('w:tbl').length).toBeGreaterThanOrEqual(2); // the facts and the minute-taker's table
      parseXml(files['word/styles.xml']!, 'word/styles.xml');
      expect(files['word/styles.xml']).toMatch(/w:eastAsia="맑은 고딕"/);
      return body;
    }

    it('HWPX: the package entry by entry, section0.xml holding the text, header ids that the text refers to', async () => {
      const { res, body } = await get(`/api/exports/minutes/${meetingId}.hwpx`);
      expect(res.headers.get('content-type')).toBe('application/hwp+zip');
      const entries = zipEntries(body);
      expect(entries.map((e) => e.name)).toEqual([...HWPX_ENTRIES]);
      expect(entries[0]).toMatchObject({ name: 'mimetype', method: 0, offset: 0 });
      expect(body.subarray(38, 38 + 19).toString('ascii')).toBe('application/hwp+zip');
      const files = unzip(body);
      expect(files.mimetype).toBe('application/hwp+zip');
      for (const name of HWPX_ENTRIES.filter((n) => n.endsWith('.xml') || n.endsWith('.hpf') || n.endsWith('.rdf'))) parseXml(files[name]!, name);
      const section = parseXml(files['Contents/section0.xml']!, 'section0.xml');
      const text = textsOf(section, 't').join('\n');
      for (const wanted of [`${title} 회의록`, present, proxy, decision, '표결 결과: 국가 산업인재은행 채택 — 가결', '인재 데이터 플랫폼', hash]) expect(text).toContain(wanted);
      expect(section.getElementsByTagNameNS('*', 'tbl').length).toBeGreaterThanOrEqual(2);
      // Every id the text refers to exists in the header's tables.
      const header = parseXml(files['Contents/header.xml']!, 'header.xml');
      const ids = (name: string) => new Set(Array.from(header.getElementsByTagNameNS('*', name)).map((e) => e.getAttribute('id')));
      const refs = (attribute: string) => new Set(Array.from(section.getElementsByTagNameNS('*', '*')).flatMap((e) => (e.hasAttribute(attribute) ? [e.getAttribute(attribute)] : [])));
      for (const [attribute, table] of [['charPrIDRef', 'charPr'], ['paraPrIDRef', 'paraPr'], ['styleIDRef', 'style'], ['borderFillIDRef', 'borderFill']] as const) {
        const known = ids(table);
        for (const ref of refs(attribute)) expect(known.has(ref), `${attribute}=${ref} is in header.xml`).toBe(true);
      }
      for (const list of ['fontfaces', 'charProperties', 'paraProperties', 'styles', 'borderFills']) {
        const element = header.getElementsByTagNameNS('*', list)[0]!;
        expect(Number(element.getAttribute('itemCnt')), `${list} itemCnt`).toBe(Array.from(element.childNodes).filter((n) => n.nodeType === 1).length);
      }
      expect(files['Preview/PrvText.txt']).toContain(title);
    });

    it('Markdown keeps headings, the decision, the action item with owner and due, and the table', async () => {
      const md = (await get(`/api/exports/minutes/${meetingId}.md`)).body.toString('utf8');
      expect(md).toMatch(new RegExp(`^# ${title} 회의록$`, 'm'));
      expect(md).toMatch(/^## 1\. 국가 산업인재은행$/m);
      expect(md).toContain(`> **결정 사항** ${decision}`);
      expect(md).toContain('- [ ] **후속 조치** 인재은행 운영 방안 보고 (담당: 산업부 산업정책과, 기한: 2026-12-15)');
      expect(md).toContain('| 인재 데이터 플랫폼 | 인력 분과 |');
    });

    it.skipIf(!sofficePath)('LibreOffice headless converts the DOCX to a PDF whose text is the Korean record', async () => {
      const pdf = await libreOfficePdf(await docxChecks());
      // pdftotext puts spaces between Hangul and digits of LibreOffice's runs: compare without spaces.
      const squeeze = (s: string) => s.replace(/\s+/g, '');
      const text = squeeze(pdfText(pdf));
      for (const wanted of [`${title} 회의록`, decision, present, '표결 결과: 국가 산업인재은행 채택 — 가결']) expect(text).toContain(squeeze(wanted));
    }, 180_000);
  });

  it('exports a proposal with its subcommittee and status', async () => {
    const { res, body } = await get('/api/exports/proposals/talent-bank.md');
    expect(res.status).toBe(200);
    const md = body.toString('utf8');
    expect(md).toContain('# 국가 산업인재은행');
    expect(md).toContain('| 상태 | 채택 |');
    expect(md).toContain('은퇴 전문가 재고용 및 멘토링');
  });

  it('the poll CSV opens with its header block, naming the meeting', async () => {
    const polls = (await h.http(h.ministry, 'GET', `/api/meetings/${meetingId}/polls`)).json as { polls: { id: string }[] };
    const csv = await h.http(h.ministry, 'GET', `/api/polls/${polls.polls[0]!.id}/export.csv`);
    expect(csv.text).toContain(`"meeting / 회의","${title}"`);
    expect(csv.text).toContain('"result / 결과","가결 (passed): 찬성 1, 반대 0, 기권 0"');
  });

  it('follows the permissions of reading: observers may, anonymous callers may not; unknown names are 404', async () => {
    expect((await get(`/api/exports/minutes/${meetingId}.pdf`, h.observer.token)).res.status).toBe(200);
    expect((await get(`/api/exports/minutes/${meetingId}.pdf`, '')).res.status).toBe(401);
    expect((await get('/api/exports/minutes/nope.pdf')).res.status).toBe(404);
    expect((await get(`/api/exports/minutes/${meetingId}.exe`)).res.status).toBe(404);
    expect((await get('/api/exports/proposals/talent-bank.txt')).res.status).toBe(404);
  });
});

if (!sofficePath) console.warn('LibreOffice is not installed: the DOCX → PDF conversion test is skipped (apt-get install libreoffice-writer-nogui).');
