import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../../server/audit/audit-log';

describe('audit CSV', () => {
  it('quotes cells, escapes quotes, defuses formulas, keeps Korean, gives times in Korea time with the offset', () => {
    const csv = auditCsv([
      { id: 1, at: '2026-11-29T00:00:00.000Z', actorId: 'u1', actorName: '이정민', action: 'a.b', target: 'proposal:1', details: { t: 'say "hi"' } },
      { id: 2, at: '2026-11-29T00:00:01.000Z', actorId: null, actorName: null, action: 'x', target: '=HYPERLINK("evil")', details: {} },
    ]);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at_kst,actor_id,actor_name,action,target,details');
    expect(lines[1]).toBe('"1","2026-11-29T09:00:00+09:00","u1","이정민","a.b","proposal:1","{""t"":""say \\""hi\\""""}"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""evil"")"`);
  });
});
