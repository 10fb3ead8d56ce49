import { describe, expect, it } from 'vitest';
import { proposalStatuses } from '../../../shared/proposals/workflow';
import { beforeRestoreVersionLabel, incorporatedVersionLabel, readVersionLabel, statusVersionLabel } from '../../../shared/versions/labels';

describe('version labels written by the server read back as what they mean', () => {
  it.each(proposalStatuses.map((s) => [s]))('the status version for %s', (status) => {
    expect(readVersionLabel(statusVersionLabel(status))).toEqual({ kind: 'status', status });
  });

  it('an incorporation, and the text saved before a restore of either', () => {
    expect(readVersionLabel(incorporatedVersionLabel('국가 산업인재은행'))).toEqual({ kind: 'incorporated', title: '국가 산업인재은행' });
    expect(readVersionLabel(beforeRestoreVersionLabel(statusVersionLabel('submitted')))).toEqual({ kind: 'beforeRestore', of: { kind: 'status', status: 'submitted' } });
    expect(readVersionLabel(beforeRestoreVersionLabel('1차 검토본'))).toEqual({ kind: 'beforeRestore', of: { kind: 'text', text: '1차 검토본' } });
  });

  it('leaves a person’s own label as typed', () => {
    expect(readVersionLabel('1차 회의 반영본')).toEqual({ kind: 'text', text: '1차 회의 반영본' });
    expect(readVersionLabel('논의 중')).toEqual({ kind: 'text', text: '논의 중' });
  });
});
