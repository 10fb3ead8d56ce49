import { statusVersionLabel } from '../../shared/versions/labels';
import * as Y from 'yjs';
import type { SubcommitteeId } from '../../shared/domain';
import type { ProposalStatus } from '../../shared/proposals/workflow';
import type { Clock } from '../clock';
import { TEXT_FIELD } from '../../shared/text-field';
import { proposalDocName } from '../proposals/live-documents';
import type { StatusChangeRecord } from '../proposals/proposal-store';
import type { Store } from '../store/store';

interface DemoProposal {
  /** Stable, so that seeding again finds it. */
  id: string;
  subcommittee: SubcommitteeId;
  title: string;
  summary: string;
  status: ProposalStatus;
  text: { paragraphs: string[]; bullets: string[] };
}

/** Proposals named at the first chairpersons' meeting (see the glossary), mostly drafts. */
export const demoProposals: DemoProposal[] = [
  {
    id: 'k-temasek',
    subcommittee: 'investment',
    title: '국가투자지주회사 (K-테마섹)',
    summary: 'National investment holding company (K-Temasek)',
    status: 'submitted',
    text: {
      paragraphs: [
        '싱가포르 테마섹(Temasek) 모델을 참고하여, 정부 보유 지분을 통합 관리하고 전략 산업에 장기 투자하는 국가투자지주회사를 설립한다.',
        'The holding company invests patiently in strategic industries and is governed at arm’s length from the government.',
      ],
      bullets: ['정부 보유 지분의 통합 관리 및 수익 재투자', '반도체·배터리·바이오 등 전략 산업 장기 투자', '독립적 이사회와 성과 공시 (transparent governance)'],
    },
  },
  {
    id: 'investment-incentives',
    subcommittee: 'investment',
    title: '경쟁국 이상의 투자 인센티브 보장',
    summary: 'Investment incentives above those of competing countries, by industry',
    status: 'draft',
    text: {
      paragraphs: [
        '미국 IRA, EU 칩스법 등 주요 경쟁국의 투자 인센티브를 산업별로 비교하고, 그 이상의 수준을 보장하는 제도를 마련한다.',
        'Benchmark: US IRA, EU Chips Act, Japan’s semiconductor subsidies.',
      ],
      bullets: ['산업별 인센티브 비교표 작성', '세액공제 및 현금 보조금 병행', '대규모 투자에 대한 인허가 신속 처리'],
    },
  },
  {
    id: 'impact-assessment',
    subcommittee: 'investment',
    title: '규제에 대한 산업영향평가 제도',
    summary: 'Industrial impact assessment for regulations',
    status: 'draft',
    text: {
      paragraphs: ['새로운 규제가 산업 투자와 경쟁력에 미치는 영향을 사전에 평가하는 산업영향평가 제도를 도입한다.'],
      bullets: ['신설·강화 규제의 사전 영향 분석', '업계 의견 수렴 절차 의무화', 'Sunset clause for regulations with high industrial cost'],
    },
  },
  {
    id: 'talent-bank',
    subcommittee: 'workforce',
    title: '국가 산업인재은행',
    summary: 'National industrial talent bank',
    status: 'under_discussion',
    text: {
      paragraphs: [
        '산업 현장의 숙련 인재와 은퇴 전문가를 등록하고, 필요한 기업과 연결하는 국가 산업인재은행을 운영한다.',
        'A national registry that matches skilled engineers and retired experts with companies that need them.',
      ],
      bullets: ['은퇴 전문가 재고용 및 멘토링', '중소·중견기업 우선 매칭', '인재 데이터 플랫폼 구축'],
    },
  },
  {
    id: 'red-carpet',
    subcommittee: 'workforce',
    title: '우수인재 레드카펫 프로젝트',
    summary: 'Excellent Talent Red Carpet Project',
    status: 'draft',
    text: {
      paragraphs: ['해외 우수 인재가 한국에서 일하고 정착할 수 있도록 비자, 주거, 자녀 교육을 한 번에 지원한다.'],
      bullets: ['최우수 인재 전용 비자 (fast-track visa)', '정착 지원 원스톱 센터', '교육 규제 개혁과 기업 참여 확대 연계'],
    },
  },
  {
    id: 'critical-tech',
    subcommittee: 'productivity',
    title: '초격차 핵심 기술 발굴·지원',
    summary: 'Critical technologies for a super-gap',
    status: 'draft',
    text: {
      paragraphs: [
        '경쟁국과의 기술 격차를 벌릴 수 있는 초격차 핵심 기술을 발굴하고, 정부출연연구기관의 기업 지원을 강화한다.',
      ],
      bullets: ['핵심 기술 목록 선정 및 매년 갱신', '출연연-기업 공동 연구 확대', 'Mission-oriented R&D funding'],
    },
  },
  {
    id: 'mother-factory',
    subcommittee: 'productivity',
    title: '마더 팩토리 프로젝트 (AI 공급망)',
    summary: 'Mother Factory Project: an AI supply chain across the value chain',
    status: 'adopted',
    text: {
      paragraphs: [
        '국내에 첨단 생산 거점(마더 팩토리)을 두고, AI로 연결된 공급망을 통해 가치사슬 전반의 생산성을 높인다.',
        'The mother factory keeps core know-how at home while AI links suppliers across the value chain.',
      ],
      bullets: ['AI 기반 스마트 공장 확산', '공급망 데이터 공유 표준', '협력사 생산성 향상 지원'],
    },
  },
  {
    id: 'oslo-agenda',
    subcommittee: 'ecosystem',
    title: '한국형 오슬로 어젠다',
    summary: 'Korean-style Oslo Agenda (entrepreneurship education)',
    status: 'draft',
    text: {
      paragraphs: ['유럽의 오슬로 어젠다(Oslo Agenda for Entrepreneurship Education)를 참고하여, 초·중·고와 대학에 기업가정신 교육을 체계화한다.'],
      bullets: ['학교 단계별 기업가정신 교육과정', '기업인 멘토 참여', '창업 실패 경험의 사회적 인정'],
    },
  },
  {
    id: 'growth-support',
    subcommittee: 'ecosystem',
    title: '성장·혁신 비례형 기업 지원 제도',
    summary: 'Corporate support proportional to growth and innovation',
    status: 'draft',
    text: {
      paragraphs: ['기업 규모가 아니라 성장과 혁신의 성과에 비례하여 지원하는 제도로 전환한다.'],
      bullets: ['규모 기준 지원의 단계적 축소', '성장률·R&D 성과 연동 인센티브', 'Remove cliffs that discourage firms from growing'],
    },
  },
  {
    id: 'china-cooperation',
    subcommittee: 'global',
    title: '대중 협력 고도화 (고급 소비재·서비스·수소)',
    summary: 'Deeper cooperation with China: consumer goods, services, hydrogen',
    status: 'draft',
    text: {
      paragraphs: ['중국과의 협력을 중간재 중심에서 고급 소비재, 서비스, 수소 분야로 고도화한다.'],
      bullets: ['고급 소비재 수출 확대', '서비스 시장 진출 지원', '수소 산업 공동 프로젝트'],
    },
  },
  {
    id: 'new-markets',
    subcommittee: 'global',
    title: '아세안·인도·중동 신시장 개척',
    summary: 'New export and investment markets: ASEAN, India, Middle East',
    status: 'draft',
    text: {
      paragraphs: ['수출과 투자 시장을 다변화하기 위해 아세안, 인도, 중동을 전략 신시장으로 개척한다.', 'Market diversification reduces dependence on any single trading partner.'],
      bullets: ['국가별 진출 전략 수립', '현지 금융·보증 지원', '중동 인프라·에너지 협력'],
    },
  },
  {
    id: 'future-trends',
    subcommittee: 'newbusiness',
    title: '탄소중립·건강·삶의 질 등 미래 트렌드',
    summary: 'Future trends: carbon neutrality, health, quality of life',
    status: 'draft',
    text: {
      paragraphs: ['탄소중립, 건강, 삶의 질 등 미래 트렌드에서 새로운 사업 기회를 발굴하고 사업화를 지원한다.'],
      bullets: ['미래 트렌드 기반 신사업 발굴', '실증 및 규제 샌드박스', 'Venture–conglomerate open innovation'],
    },
  },
];

/** A Tiptap-compatible text: a heading, paragraphs and a bullet list in the 'default' XmlFragment. */
export function demoDocument(title: string, text: DemoProposal['text']): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = (content: string) => {
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    t.insert(0, content);
    p.insert(0, [t]);
    return p;
  };
  const heading = new Y.XmlElement('heading');
  // Tiptap's heading level is a number; yjs types attributes as strings by default.
  (heading as Y.XmlElement<{ level: number }>).setAttribute('level', 1);
  const headingText = new Y.XmlText();
  headingText.insert(0, title);
  heading.insert(0, [headingText]);
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    text.bullets.map((b) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, [paragraph(b)]);
      return item;
    }),
  );
  doc.getXmlFragment(TEXT_FIELD).insert(0, [heading, ...text.paragraphs.map(paragraph), list]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const pathTo: Record<ProposalStatus, ProposalStatus[]> = {
  draft: [],
  submitted: ['submitted'],
  under_discussion: ['submitted', 'under_discussion'],
  adopted: ['submitted', 'under_discussion', 'adopted'],
  rejected: ['submitted', 'under_discussion', 'rejected'],
  withdrawn: ['withdrawn'],
  incorporated: ['submitted', 'under_discussion', 'adopted', 'incorporated'],
};

/** Demo mode only; safe to run on every start (stable ids, existing ones are left alone). */
export async function seedDemoProposals(store: Store, clock: Clock): Promise<number> {
  const ministry = await store.auth.userByEmail('ministry@forum.demo');
  const day = 24 * 60 * 60 * 1000;
  let created = 0;
  for (const [index, p] of demoProposals.entries()) {
    const chair = await store.auth.userByEmail(`chair.${p.subcommittee}@forum.demo`);
    if (!chair || !ministry) continue;
    const docName = proposalDocName(p.id);
    const state = demoDocument(p.title, p.text);
    // The text first: a start interrupted between the two steps still ends with both.
    if ((await store.docs.count(docName)) === 0) await store.docs.append(docName, state);
    const createdAt = clock.now() - (20 - index) * day;
    const at = (step: number) => new Date(createdAt + step * 2 * day).toISOString();
    const moves = pathTo[p.status];
    const history: StatusChangeRecord[] = [{ from: null, to: 'draft', note: null, actorId: chair.id, actorName: null, at: at(0) }];
    moves.forEach((to, i) => {
      const actorId = to === 'submitted' || to === 'withdrawn' ? chair.id : ministry.id;
      history.push({ from: history.at(-1)!.to, to, note: null, actorId, actorName: null, at: at(i + 1) });
    });
    const record = {
      id: p.id,
      title: p.title,
      subcommittee: p.subcommittee,
      status: p.status,
      summary: p.summary,
      createdBy: chair.id,
      createdAt: at(0),
      updatedAt: history.at(-1)!.at,
    };
    if (!(await store.proposals.createIfMissing(record, history))) continue;
    created++;
    for (const h of history.slice(1)) {
      await store.docs.saveVersion({ docName, label: statusVersionLabel(h.to), state, createdBy: null, createdAt: h.at });
    }
  }
  return created;
}
