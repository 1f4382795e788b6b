// Deterministic benchmark corpus: client-onboarding playbooks in the default
// ("agency") profile's shape, spread over client folders, plus one ~1 MB playbook
// with long lines, one 10,000-line playbook and an ordinary README.md per folder.
//
//   node bench/corpus.mjs [--quick] [--force]
//   node bench/corpus.mjs --shape <name> [--playbooks N] [--force]
//
// The corpus lives in bench/.corpus/<full|quick>/ (gitignored). It is regenerated
// only when its stamp file is missing or GENERATOR_VERSION changed. Everything
// comes from a seeded PRNG (no Math.random, no clock), so every machine gets the
// same bytes.
//
// Shapes (issue 14): the same generator with knobs (KNOBS: findings, Korean share,
// playbook size, frontmatter size, share of ordinary docs), named in SHAPES, each
// written to bench/.corpus/shape-<name>/. The default knobs take exactly the path
// (and PRNG calls) of the full corpus, so shape-default holds the full corpus's bytes.
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 6;
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const CORPUS_ROOT = join(BENCH_DIR, '.corpus');

export const SIZES = {
  full: { playbooks: 2000, bigBytes: 1_000_000, longLines: 10_000, seed: 0x5eed2026 },
  quick: { playbooks: 200, bigBytes: 200_000, longLines: 2_000, seed: 0x5eed2026 },
};

// Bumped when the code of a non-default shape changes (shape corpora are regenerated).
export const SHAPE_VERSION = 1;

/**
 * The knobs of a shape. The defaults are the full corpus's:
 * - playbooks: how many playbooks (plus the ~1 MB one and the 10,000-line one).
 * - findings: a multiplier of the generator's deliberate mistakes per playbook: banned
 *   phrases and jargon per sentence, vague goals, missing, empty and duplicate sections,
 *   frontmatter errors (each probability times this, capped). 1 gives about 9.4
 *   findings per playbook, 37 (dense) about 93; 0 leaves about 4 that no knob makes
 *   (follow-ups overdue by today's date, paid search without an ad budget, Korean names
 *   in e-mail addresses, sections some headings and blocks leave missing or empty).
 * - ko: the share of clients whose playbooks are in Korean (90% of theirs are, and 1% of
 *   the others'): about 0.89 * ko + 0.01 of the playbooks.
 * - kb: [lo, hi] playbook size in KB, each drawn evenly in the range; null: 150-400
 *   lines (about 6-25 KB), today's.
 * - frontmatter: [lo, hi] extra frontmatter lines per playbook (keys the profile allows
 *   but does not check: history, stakeholders, tags...); [0, 0]: none.
 * - docs: the share of the Markdown files that are not playbooks (meeting notes, guides,
 *   some with a frontmatter without `client`), added to each client folder until the
 *   share is reached; null: only the one README.md per folder (about 11% of the files).
 */
export const KNOBS = { playbooks: 2000, findings: 1, ko: 0.1, kb: null, frontmatter: [0, 0], docs: null };

/** The named shapes (knobs that differ from KNOBS). See bench/README.md. */
export const SHAPES = {
  default: {},
  dense: { findings: 37 },
  ko: { ko: 0.95 },
  small: { playbooks: 6000, kb: [2, 4] },
  large: { playbooks: 1000, kb: [20, 40], frontmatter: [40, 120] },
  docs: { docs: 0.5 },
};

export const shapeKnobs = (name) => {
  if (!Object.hasOwn(SHAPES, name)) throw new Error(`unknown shape "${name}" (${Object.keys(SHAPES).join(', ')})`);
  return { ...KNOBS, ...SHAPES[name] };
};

// ---------------------------------------------------------------- PRNG
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) { this.next = mulberry32(seed); }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); } // inclusive
  chance(p) { return this.next() < p; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  shuffle(arr) {
    const a = arr.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

// ---------------------------------------------------------------- vocabulary
const SECTIONS = [
  // id, en canonical, en aliases, ko canonical, ko aliases
  ['welcome', 'Welcome & Kickoff', ['Kickoff', 'Welcome'], '환영 및 킥오프', ['킥오프', '환영']],
  ['goals', 'Goals & Success Metrics', ['Goals', 'Success Criteria', 'Objectives'], '목표 및 성공 지표', ['목표', '성공 기준']],
  ['baseline', 'Baseline Data', ['Current State', 'Data Collection'], '기준 데이터', ['현재 상태', '현황']],
  ['scope', 'Scope & Milestones', ['Scope', 'Milestones', 'Timeline', 'Deliverables'], '범위 및 이정표', ['범위', '일정']],
  ['roles', 'Roles & Responsibilities', ['Roles', 'RACI', 'Responsibilities'], '역할 및 책임', ['역할', '역할과 책임']],
  ['contacts', 'Contacts', ['Key Contacts', 'Stakeholders'], '연락처', ['주요 연락처', '담당자']],
  ['communication', 'Communication Plan', ['Communication', 'Communication Rules'], '커뮤니케이션 계획', ['커뮤니케이션', '소통 계획']],
  ['reporting', 'Reporting', ['Reports', 'Reporting Cadence'], '보고', ['보고서', '보고 주기']],
  ['tools', 'Tools & Access', ['Tools', 'Access', 'Software'], '도구 및 접근 권한', ['도구', '접근 권한']],
  ['workflow', 'Workflow & Approvals', ['Workflow', 'Approval Process', 'Feedback'], '워크플로 및 승인', ['워크플로', '피드백 및 승인']],
  ['brand', 'Brand Guidelines', ['Brand', 'Style Guide'], '브랜드 가이드라인', ['브랜드', '스타일 가이드']],
  ['billing', 'Billing & Invoicing', ['Billing', 'Invoicing', 'Payment Terms'], '청구 및 인보이스', ['청구', '결제 조건']],
  ['quick-wins', 'Quick Wins', ['First 30 Days'], '빠른 성과', ['빠른 승리', '첫 30일']],
  ['education', 'Client Education', ['Resources', 'Training'], '고객 교육', ['교육', '리소스']],
  ['follow-ups', 'Follow-ups', ['Check-ins', 'Relationship Reviews'], '후속 조치', ['체크인', '관계 검토']],
];

const CLIENT_A = ['Acme', 'Blue Harbor', 'Northwind', 'Cedar Ridge', 'Lumen', 'Brightwater', 'Oak & Iron', 'Summit', 'Redwood', 'Silver Lake', 'Fox Hollow', 'Granite', 'Harborview', 'Juniper', 'Kestrel', 'Maple Street', 'Nimbus', 'Orchard', 'Pioneer', 'Quarry', 'Riverbend', 'Saltmarsh', 'Tidewater', 'Upland', 'Vista', 'Willow', 'Yellowstone', 'Zephyr'];
const CLIENT_B = ['Outdoor Co.', 'Dental Group', 'Bakery', 'Logistics', 'Software', 'Realty', 'Fitness', 'Coffee Roasters', 'Law Partners', 'Clinic', 'Furniture', 'Travel', 'Analytics', 'Pet Supply', 'Solar', 'Brewing', 'Florist', 'Academy', 'Cycles', 'Foods'];
const KO_CLIENT_A = ['한빛', '푸른숲', '새벽', '다온', '바른', '하늘빛', '미소', '온누리', '가온', '청솔'];
const KO_CLIENT_B = ['코스메틱', '베이커리', '치과', '물류', '소프트웨어', '부동산', '피트니스', '여행사', '가구', '식품'];
const FIRST = ['Dana', 'Sam', 'Priya', 'Leo', 'Mina', 'Tom', 'Jo', 'Ava', 'Chris', 'Noah', 'Emma', 'Liam', 'Olivia', 'Ethan', 'Sofia', 'Mateo', 'Hana', 'Yuki', 'Omar', 'Zara', 'Felix', 'Nora'];
const LAST = ['Reyes', 'Okafor', 'Shah', 'Park', 'Cho', 'Varga', 'Lin', 'Moss', 'Bell', 'Kim', 'Nguyen', 'Garcia', 'Schmidt', 'Rossi', 'Tanaka', 'Haddad', 'Novak', 'Larsen', 'Silva', 'Brennan'];
const KO_NAMES = ['김민지', '이서준', '박지우', '최하은', '정도윤', '강서연', '조예준', '윤지호', '장수아', '임시우'];
const ROLES = ['Head of Marketing', 'Marketing Coordinator', 'Content Manager', 'Designer', 'CEO', 'Operations Lead', 'E-commerce Manager', 'Brand Manager'];
const TOOLS = ['Asana', 'Trello', 'Google Docs', 'Confluence', 'Slack', 'Zoom', 'Klipfolio', 'Notion', 'Figma', 'HubSpot', 'Google Analytics', 'Jira'];
const SERVICES = ['search engine optimisation', 'landing pages', 'paid search', 'monthly blog content', 'email campaigns', 'social media', 'site speed work', 'video ads'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const NOUNS = ['report', 'landing page', 'campaign', 'budget', 'dashboard', 'calendar', 'brief', 'audit', 'newsletter', 'keyword list', 'invoice', 'review', 'agenda', 'persona', 'roadmap', 'draft', 'guide', 'checklist', 'timeline', 'proposal', 'workshop', 'template', 'backlog', 'survey'];
const VERBS = ['share', 'review', 'approve', 'update', 'send', 'prepare', 'check', 'publish', 'schedule', 'confirm', 'plan', 'document', 'track', 'present', 'collect', 'summarise'];
const ADJ = ['weekly', 'shared', 'current', 'final', 'detailed', 'short', 'monthly', 'updated', 'new', 'agreed', 'quarterly', 'first', 'clear', 'simple'];
const PLACES = ['the shared drive', 'Asana', 'the team channel', 'the kickoff deck', 'Google Docs', 'the client portal', 'Confluence', 'the project board'];
const WHEN = ['every Monday', 'before each call', 'by the end of the week', 'within 2 business days', 'on the first of the month', 'after each sprint', 'by Friday noon', 'each quarter'];

const EN_BANNED = ['to be honest', 'frankly', 'honestly', 'I think', 'Does that make sense?', 'with all due respect', 'you never', 'you always', 'they never', 'of course we can', 'we guarantee'];
const EN_JARGON = ['retargeting', 'paradigm', 'omnichannel', 'low-hanging fruit', 'programmatic', 'CTR', 'CRM', 'KPI'];
const EN_JARGON_DEF = ['key performance indicator (KPI)', 'customer relationship management (CRM)', 'click-through rate (CTR)'];
const KO_BANNED = ['솔직히 말하면', '내 생각에', '말이 됩니까?', '모든 정당한 존경심으로', '고객님은 항상', '귀사는 절대', '보장합니다'];
const KO_JARGON = ['리타게팅', '패러다임', '옴니채널', 'KPI를', 'CRM에서', 'CTR이'];

const KO_SENT = [
  '담당자는 매주 월요일에 진행 상황을 공유합니다',
  '모든 자료는 공유 드라이브에 보관합니다',
  '고객사 마케팅 팀과 격주로 회의를 진행합니다',
  '보고서는 매월 첫 영업일에 이메일로 발송합니다',
  '긴급한 문제는 전화로 바로 연락합니다',
  '수정 요청은 2영업일 이내에 반영합니다',
  '최종 승인은 고객사 마케팅 팀장이 합니다',
  '브랜드 가이드라인은 최신 버전을 기준으로 합니다',
  '청구서는 매월 1일에 발송하며 30일 이내에 결제합니다',
  '분기마다 관계 검토 회의를 엽니다',
  '첫 30일 안에 랜딩 페이지 속도를 개선합니다',
  '도구 사용법 안내 자료를 함께 전달합니다',
  '현재 월간 방문자는 약 12,000명입니다',
  '검색 광고 예산은 월 500만 원입니다',
  '회의 전날까지 안건을 공유합니다',
];

// ---------------------------------------------------------------- text helpers
function wrap(text, width) {
  if (!width || text.length <= width) return [text];
  const words = text.split(' ');
  const out = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) { out.push(line); line = w; } else line = line ? line + ' ' + w : w;
  }
  if (line) out.push(line);
  return out;
}

function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

function dateStr(rng, y0 = 2024, y1 = 2026) {
  const y = rng.int(y0, y1), m = rng.int(1, 12), d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

class Doc {
  constructor(rng, ctx) { this.rng = rng; this.ctx = ctx; this.lines = []; }
  push(...ls) { for (const l of ls) this.lines.push(l); }
  blank() { if (this.lines.length && this.lines[this.lines.length - 1] !== '') this.lines.push(''); }
  get count() { return this.lines.length; }
}

// One English sentence; decorations (banned phrases, jargon, code spans, links) by chance.
function enSentence(rng, ctx, opts = {}) {
  const r = rng;
  const person = ctx.person(r);
  const templates = [
    () => `${person} will ${r.pick(VERBS)} the ${r.pick(ADJ)} ${r.pick(NOUNS)} ${r.pick(WHEN)}`,
    () => `The ${r.pick(NOUNS)} lives in ${r.pick(PLACES)} and is ${r.pick(['updated', 'reviewed', 'checked'])} ${r.pick(WHEN)}`,
    () => `We ${r.pick(VERBS)} the ${r.pick(NOUNS)} with ${ctx.client} ${r.pick(WHEN)}, so nobody waits for an answer`,
    () => `${ctx.client} wants to ${r.pick(VERBS)} every ${r.pick(NOUNS)} before it goes out`,
    () => `On ${dateStr(r)} ${person} agreed to ${r.pick(VERBS)} the ${r.pick(NOUNS)} and to send a ${r.pick(ADJ)} ${r.pick(NOUNS)}`,
    () => `Questions about the ${r.pick(NOUNS)} go to ${person} in ${r.pick(PLACES)}`,
    () => `The ${r.pick(ADJ)} ${r.pick(NOUNS)} covers ${r.int(2, 9)} items and takes about ${r.int(10, 90)} minutes to ${r.pick(VERBS)}`,
    () => `If the ${r.pick(NOUNS)} is late, ${person} tells ${ctx.client} ${r.pick(WHEN)} and proposes a new date`,
  ];
  let s = r.pick(templates)();
  if (!opts.plain) {
    if (r.chance(ctx.pBanned)) s = `${cap(r.pick(EN_BANNED).replace(/\?$/, ''))}, ${s.charAt(0).toLowerCase()}${s.slice(1)}`;
    if (r.chance(ctx.pJargon)) s += ` to improve the ${r.pick(EN_JARGON)}`;
    if (r.chance(0.06)) s += `; see \`${r.pick(['utm_source=newsletter', 'npm run report', '#client-' + ctx.slug, 'KPI', 'status: active', 'docs/brief.md'])}\``;
    if (r.chance(0.06)) s += ` ([${r.pick(NOUNS)}](https://${ctx.slug}.example/${r.pick(NOUNS).replace(/ /g, '-')}))`;
    if (r.chance(0.02)) s += ` <https://drive.example/${ctx.slug}/${r.int(100, 999)}>`;
    if (r.chance(0.04)) s += ` **${r.pick(['Important', 'Note', 'Agreed'])}:** ${r.pick(ADJ)} ${r.pick(NOUNS)} first`;
  }
  return cap(s) + (s.endsWith('?') ? '' : '.');
}

function koSentence(rng, ctx) {
  let s = rng.pick(KO_SENT);
  if (rng.chance(ctx.pBanned)) s = `${rng.pick(KO_BANNED)} ${s}`;
  if (rng.chance(ctx.pJargon)) s += ` (${rng.pick(KO_JARGON)} 확인)`;
  if (rng.chance(0.05)) s += ` \`${rng.pick(['status: active', 'utm_source', 'docs/brief.md'])}\``;
  if (rng.chance(0.05)) s += ` [자료](https://${ctx.slug}.example/docs)`;
  return s + '.';
}

function sentence(rng, ctx, opts) { return ctx.lang === 'ko' ? koSentence(rng, ctx) : enSentence(rng, ctx, opts); }

function paragraph(doc, nSent) {
  const { rng, ctx } = doc;
  const sents = [];
  if (ctx.longItems) nSent *= 3;
  for (let i = 0; i < nSent; i++) sents.push(sentence(rng, ctx));
  doc.push(...wrap(sents.join(' '), ctx.wrap));
  doc.blank();
}

function list(doc, n, { tasks = false, goals = false } = {}) {
  const { rng, ctx } = doc;
  const bullet = ctx.bullet;
  for (let i = 0; i < n; i++) {
    let text;
    if (goals) text = goalItem(rng, ctx);
    else if (ctx.longItems) text = Array.from({ length: rng.int(2, 6) }, () => sentence(rng, ctx)).join(' ');
    else text = sentence(rng, ctx);
    let prefix = `${bullet} `;
    if (tasks) {
      const done = rng.chance(0.7);
      prefix += done ? '[x] ' : '[ ] ';
      if (rng.chance(0.5)) text += ` (due ${dateStr(rng)})`;
    }
    const lines = wrap(prefix + text, ctx.wrap);
    doc.push(lines[0], ...lines.slice(1).map((l) => '  ' + l));
    if (rng.chance(0.05)) doc.push(`  ${bullet} ${sentence(rng, ctx, { plain: true })}`);
  }
  doc.blank();
}

function goalItem(rng, ctx) {
  if (ctx.lang === 'ko') {
    return rng.chance(ctx.p(0.2))
      ? rng.pick(['블로그 방문자를 늘리기', '브랜드 인지도 개선', '더 많은 문의'])
      : `${rng.pick(['월간 방문자를', '문의 건수를', '전환율을'])} ${rng.int(10, 60)}% ${rng.pick(['늘리', '높이'])}기 (${rng.int(3, 12)}월까지)`;
  }
  if (rng.chance(ctx.p(0.2))) return rng.pick(['More traffic to the blog.', 'Better conversion rates.', 'More leads.', 'Improve brand awareness.', 'Grow the newsletter audience.']);
  const metric = rng.pick(['organic search sessions', 'newsletter sign-ups', 'demo requests', 'qualified leads', 'store visits', 'booked calls']);
  return rng.pick([
    `Raise ${metric} from ${rng.int(100, 9000)} to ${rng.int(9001, 20000)} a month by ${dateStr(rng, 2026, 2027)}.`,
    `Grow ${metric} by ${rng.int(5, 60)}% by the end of Q${rng.int(1, 4)}.`,
    `Cut the cost per lead by ${rng.int(5, 30)}% by ${rng.pick(MONTHS)} ${rng.int(2026, 2027)}.`,
    `Double ${metric} within ${rng.int(3, 12)} months.`,
  ]);
}

function table(doc, rows) {
  const { rng, ctx } = doc;
  if (ctx.lang === 'ko') doc.push('| 구분 | 역할 | 이름 | 이메일 |', '|---|---|---|---|');
  else doc.push('| Side | Role | Name | Email |', '|---|---|---|---|');
  for (let i = 0; i < rows; i++) {
    const name = ctx.person(rng);
    doc.push(`| ${rng.pick(['Client', 'Agency'])} | ${rng.pick(ROLES)} | ${name} | ${name.toLowerCase().replace(/\s+/g, '.')}@${ctx.slug}.example |`);
  }
  doc.blank();
}

function codeBlock(doc) {
  const { rng } = doc;
  const fence = rng.chance(0.8) ? '```' : '~~~';
  doc.push(fence + rng.pick(['', 'text', 'yaml', 'sh']));
  const n = rng.int(2, 6);
  for (let i = 0; i < n; i++) doc.push(rng.pick(['## Not a heading', 'status: active', 'npm run report -- --month 3', 'I think this is code, not prose', 'KPI: cost per lead', '- [ ] not a task']));
  doc.push(fence);
  doc.blank();
}

function comment(doc) {
  const { rng, ctx } = doc;
  if (ctx.lang === 'ko') doc.push('<!-- 이 섹션에는 합의된 내용을 기록하십시오. 솔직히 말하면 여기는 주석입니다. -->');
  else doc.push(...wrap(`<!-- ${rng.pick(['Guidance:', 'Note for the team:', 'TODO:'])} ${enSentence(rng, ctx, { plain: true })} To be honest, this comment is not prose. -->`, ctx.wrap));
  doc.blank();
}

function quote(doc) {
  const { rng, ctx } = doc;
  for (const l of wrap(sentence(rng, ctx), ctx.wrap ? ctx.wrap - 2 : 0)) doc.push('> ' + l);
  doc.blank();
}

function block(doc, sectionId) {
  const { rng } = doc;
  const r = rng.next();
  if (sectionId === 'goals' && r < 0.6) return list(doc, rng.int(3, 7), { goals: true });
  if ((sectionId === 'follow-ups' || sectionId === 'quick-wins' || sectionId === 'welcome' || sectionId === 'scope') && r < 0.5) return list(doc, rng.int(2, 6), { tasks: true });
  if (sectionId === 'contacts' && r < 0.5) return table(doc, rng.int(3, 7));
  if (r < 0.34) return paragraph(doc, rng.int(1, 4));
  if (r < 0.70) return list(doc, rng.int(3, 8), { goals: sectionId === 'goals' });
  if (r < 0.80) return list(doc, rng.int(2, 5), { tasks: true, goals: sectionId === 'goals' });
  if (r < 0.85) return table(doc, rng.int(2, 5));
  if (r < 0.89) return codeBlock(doc);
  if (r < 0.94) return comment(doc);
  if (r < 0.97) return quote(doc);
  // a sub-heading inside the section (level 3, not a section)
  doc.push(`### ${doc.ctx.lang === 'ko' ? '세부 사항' : cap(rng.pick(ADJ)) + ' ' + rng.pick(NOUNS)}`);
  doc.blank();
  return paragraph(doc, rng.int(1, 3));
}

function headingText(rng, ctx, sec) {
  const [, en, enAliases, ko, koAliases] = sec;
  if (ctx.lang === 'ko') {
    const r = rng.next();
    if (r < 0.7) return ko;
    if (r < 0.9) return rng.pick(koAliases);
    return en; // English heading in a Korean file still counts
  }
  const r = rng.next();
  if (r < 0.6) return en;
  if (r < 0.82) return rng.pick(enAliases);
  if (r < 0.87) return en.toLowerCase();
  if (r < 0.92) return `${ctx.sectionNo}. ${en}`;
  if (r < 0.97) return en.replace('&', 'and');
  return en.toUpperCase();
}

function heading(doc, sec) {
  const { rng, ctx } = doc;
  const text = headingText(rng, ctx, sec);
  doc.blank();
  const r = rng.next();
  if (r < 0.03) doc.push(text, '-'.repeat(Math.max(3, text.length)));
  else if (r < 0.05) doc.push(`## ${text} ##`);
  else doc.push(`## ${text}`);
  doc.blank();
}

// ---------------------------------------------------------------- frontmatter
function frontmatter(doc, { brokenYaml, missingKey, wrongValue }, extra = [0, 0]) {
  const { rng, ctx } = doc;
  const p = ctx.person(rng), b = ctx.person(rng);
  const email = (n) => `${n.toLowerCase().replace(/\s+/g, '.')}@${ctx.slug}.example`;
  const keys = [
    ['client', `"${ctx.client}"`],
    ['account_owner', `"${ctx.person(rng)}"`],
    ['status', rng.pick(['draft', 'active', 'active', 'active', 'complete', 'paused'])],
    ['start_date', ctx.start],
    ['kickoff_date', dateStr(rng)],
    ['reporting_cadence', rng.pick(['weekly', 'biweekly', 'monthly'])],
    ['response_window_hours', String(rng.pick([4, 8, 12, 12, 24, 24, 48]))],
    ['billing_cycle_days', String(rng.pick([21, 30, 30, 60, 45]))],
    ['payment_terms', `"net ${rng.pick([15, 30, 60])}, ${rng.pick(['1', '1.5', '2'])}% monthly late fee"`],
    ['primary_contact', rng.chance(0.5)
      ? `{ name: "${p}", role: "${rng.pick(ROLES)}", email: "${email(p)}" }`
      : `\n  name: "${p}"\n  role: "${rng.pick(ROLES)}"\n  email: "${email(p)}"`],
    ['backup_contact', `{ name: "${b}", role: "${rng.pick(ROLES)}", email: "${email(b)}" }`],
    ['tools', rng.chance(0.5) ? `[${rng.shuffle(TOOLS).slice(0, rng.int(2, 6)).join(', ')}]` : '\n' + rng.shuffle(TOOLS).slice(0, rng.int(2, 5)).map((t) => `  - ${t}`).join('\n')],
    ['services', `[${rng.shuffle(SERVICES).slice(0, rng.int(1, 4)).join(', ')}]`],
    ['lang', ctx.lang],
  ];
  doc.push('---');
  for (const [k, v] of keys) {
    if (k === missingKey) continue;
    let val = v;
    if (k === wrongValue) val = { status: 'ongoing', reporting_cadence: 'quarterly', response_window_hours: '72', billing_cycle_days: '"thirty"', start_date: '"next week"' }[k] ?? v;
    if (k === 'lang' && ctx.lang === 'en' && rng.chance(0.5)) continue; // lang is optional
    const text = `${k}:${val.startsWith('\n') ? '' : ' '}${val}`;
    doc.push(...text.split('\n'));
  }
  if (extra[1] > 0) frontmatterExtra(doc, rng.int(extra[0], extra[1]));
  if (rng.chance(0.3)) doc.push(`# notes: ${sentence(rng, ctx, { plain: true })}`);
  if (brokenYaml) doc.push('notes: "an unclosed quote', 'owner_phone: [555, 0100');
  doc.push('---');
  doc.blank();
}

/** About `n` more frontmatter lines, in keys the profile allows without checking them. */
function frontmatterExtra(doc, n) {
  const { rng, ctx } = doc;
  const lines = [];
  const kinds = [
    () => [`region: ${rng.pick(['emea', 'apac', 'amer', 'kr'])}`],
    () => [`tags: [${rng.shuffle(['retail', 'b2b', 'seo', 'paid', 'content', 'local', 'ecommerce', 'launch']).slice(0, rng.int(2, 5)).join(', ')}]`],
    () => ['history:', ...Array.from({ length: rng.int(2, 8) }, () => `  - { date: ${dateStr(rng)}, note: "${sentence(rng, ctx, { plain: true }).replace(/"/g, "'")}" }`)],
    () => ['stakeholders:', ...Array.from({ length: rng.int(1, 4) }, () => { const who = ctx.person(rng); return [`  - name: "${who}"`, `    role: "${rng.pick(ROLES)}"`, `    since: ${dateStr(rng)}`]; }).flat()],
    () => ['links:', ...Array.from({ length: rng.int(1, 4) }, () => `  ${rng.pick(NOUNS).replace(/ /g, '_')}_${rng.int(1, 99)}: "https://${ctx.slug}.example/${rng.pick(NOUNS).replace(/ /g, '-')}"`)],
    () => [`renewal_date: ${dateStr(rng, 2026, 2027)}`],
    () => [`contract_value: ${rng.int(5, 200) * 1000}`],
    () => ['summary: >', ...wrap(Array.from({ length: rng.int(1, 3) }, () => sentence(rng, ctx, { plain: true })).join(' '), 76).map((l) => '  ' + l)],
  ];
  const used = new Set();
  while (lines.length < n) {
    const i = rng.int(0, kinds.length - 1);
    const entry = kinds[i]();
    // a key may appear once: a repeated kind gets a numbered key
    const k = entry[0].slice(0, entry[0].indexOf(':'));
    if (used.has(k)) entry[0] = entry[0].replace(k, `${k}_${lines.length}`);
    used.add(k);
    lines.push(...entry);
  }
  doc.push(...lines);
}

// ---------------------------------------------------------------- ordinary docs
const DOC_KINDS = ['meeting-notes', 'guide', 'retro', 'brief', 'faq', 'runbook', 'decision-log'];
const DOC_HEADINGS = ['Agenda', 'Notes', 'Decisions', 'Action items', 'Background', 'Open questions', 'Setup', 'How to', 'Links', 'Attendees', 'Summary', 'Details'];
const KO_DOC_HEADINGS = ['안건', '메모', '결정 사항', '배경', '질문', '설정 방법', '요약', '참고 자료'];

/** An ordinary Markdown document of about `bytes` bytes: not a playbook (no `client` key). */
function ordinaryDoc(rng, { client, slug, lang, kind, bytes: goal, findings }) {
  const ctx = makeCtx(rng, client, slug, lang, findings);
  const doc = new Doc(rng, ctx);
  if (rng.chance(0.4)) {
    doc.push('---', `title: "${cap(kind.replace(/-/g, ' '))} (${client})"`, `date: ${dateStr(rng)}`, `author: "${ctx.person(rng)}"`);
    if (rng.chance(0.5)) doc.push(`tags: [${kind}, ${rng.pick(['internal', 'shared', 'draft'])}]`);
    doc.push('---', '');
  }
  doc.push(`# ${cap(kind.replace(/-/g, ' '))}: ${client}`, '');
  let bytes = doc.lines.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0);
  for (let guard = 0; bytes < goal && guard < 10000; guard++) {
    const before = doc.count;
    if (guard % 3 === 0) {
      const h = lang === 'ko' ? rng.pick(KO_DOC_HEADINGS) : rng.pick(DOC_HEADINGS);
      doc.blank(); doc.push(`${rng.chance(0.8) ? '##' : '###'} ${h}`); doc.blank();
    }
    block(doc, 'doc');
    for (let i = before; i < doc.count; i++) bytes += Buffer.byteLength(doc.lines[i]) + 1;
  }
  return doc.lines.join('\n') + '\n';
}

// ---------------------------------------------------------------- playbooks
function makeCtx(rng, client, slug, lang, findings = 1) {
  const ko = lang === 'ko';
  // A deliberate mistake's probability times the findings knob, capped (x * 1 === x:
  // the default draws exactly what it always drew).
  const p = (base, max = 0.9) => Math.min(max, base * findings);
  // A per-sentence rate drawn from `rates` (some files have none), scaled so that the
  // average rate is multiplied by the knob: above 1 every file gets the extra
  // (x + mean * 0 === x at 1), below 1 each rate shrinks.
  const rate = (rates, max) => {
    const x = rng.pick(rates);
    if (findings < 1) return x * findings;
    return Math.min(max, x + (rates.reduce((a, b) => a + b, 0) / rates.length) * (findings - 1));
  };
  return {
    client, slug, lang,
    start: dateStr(rng),
    wrap: ko ? 0 : rng.pick([0, 0, 80, 100]),
    bullet: rng.pick(['-', '-', '-', '*']),
    pBanned: rate([0, 0, 0.005, 0.01, 0.03], 0.5),
    pJargon: rate([0, 0.005, 0.01, 0.02], 0.5),
    person: ko ? (r) => r.pick(KO_NAMES) : (r) => `${r.pick(FIRST)} ${r.pick(LAST)}`,
    sectionNo: 0,
    p,
  };
}

/**
 * A playbook of about `targetLines` lines, or `targetBytes` bytes of long unwrapped
 * lines (the 1 MB file), or `sizeBytes` bytes in the ordinary style (the `kb` knob).
 * `knobs.findings` scales the deliberate mistakes, `knobs.frontmatter` adds lines.
 */
function playbook(rng, { client, slug, lang, targetLines = 0, targetBytes = 0, sizeBytes = 0, shortLines = false, complete = false, knobs = KNOBS }) {
  const ctx = makeCtx(rng, client, slug, lang, knobs.findings);
  const p = ctx.p;
  if (shortLines) ctx.wrap = 72;
  if (targetBytes) { ctx.wrap = 0; ctx.longItems = true; } // the 1 MB file: long unwrapped lines
  const doc = new Doc(rng, ctx);
  const r = rng.next();
  // frontmatter mistakes: broken YAML, then a missing key, then a wrong value (r's ranges)
  const [rBroken, rMissing, rWrong] = [p(0.01, 0.1), p(0.07, 0.6), p(0.11, 0.9)];
  const fmCase = complete ? {} : {
    brokenYaml: r < rBroken,
    missingKey: r >= rBroken && r < rMissing ? rng.pick(['account_owner', 'status', 'backup_contact', 'billing_cycle_days', 'start_date']) : null,
    wrongValue: r >= rMissing && r < rWrong ? rng.pick(['status', 'reporting_cadence', 'response_window_hours', 'billing_cycle_days', 'start_date']) : null,
  };
  const noFrontmatter = !complete && r >= 0.995;
  if (!noFrontmatter) frontmatter(doc, fmCase, knobs.frontmatter);
  doc.push(`# ${client} ${lang === 'ko' ? '온보딩 플레이북' : 'onboarding playbook'}`);
  doc.blank();
  paragraph(doc, rng.int(1, 3));
  if (lang === 'en' && rng.chance(0.3)) { doc.push(`We track one ${rng.pick(EN_JARGON_DEF)} for this account.`); doc.blank(); }

  // which sections are present (some missing), a few files drop many
  const pMissing = complete ? 0 : (rng.chance(p(0.05, 0.3)) ? p(0.4, 0.5) : p(0.05, 0.3));
  let present = SECTIONS.filter(() => !rng.chance(pMissing));
  if (!complete && rng.chance(0.1)) { // a swapped pair: order is not enforced
    const i = rng.int(0, present.length - 2);
    present = present.slice(); [present[i], present[i + 1]] = [present[i + 1], present[i]];
  }
  const duplicate = !complete && rng.chance(p(0.02, 0.3)) ? rng.pick(present) : null;
  const sectionsList = duplicate ? [...present, duplicate] : present;

  const goalBytes = targetBytes || sizeBytes;
  const budget = (n) => {
    if (goalBytes) return Infinity;
    return Math.max(2, Math.floor((targetLines - doc.count) / n));
  };
  const bytesOf = () => doc.lines.reduce((s, l) => s + Buffer.byteLength(l) + 1, 0);
  let remaining = sectionsList.length;
  let bytes = bytesOf();
  for (const sec of sectionsList) {
    ctx.sectionNo++;
    const beforeHeading = doc.count;
    heading(doc, sec);
    if (sizeBytes) for (let i = beforeHeading; i < doc.count; i++) bytes += Buffer.byteLength(doc.lines[i]) + 1;
    const start = doc.count;
    if (!complete && rng.chance(p(0.03, 0.3))) { doc.push(rng.pick(['TBD', 'TODO', 'N/A', '-', '<!-- to fill in -->'])); doc.blank(); remaining--; continue; }
    const lim = budget(remaining);
    const perSectionBytes = goalBytes ? (goalBytes - bytes) / remaining : 0;
    const startBytes = bytes;
    for (let guard = 0; guard < 100000; guard++) {
      const before = doc.count;
      // a small playbook's sections hold one short block each
      if (sizeBytes && perSectionBytes < 400) shortBlock(doc, sec[0]);
      else block(doc, sec[0]);
      if (goalBytes) {
        for (let i = before; i < doc.count; i++) bytes += Buffer.byteLength(doc.lines[i]) + 1;
        if (bytes - startBytes >= perSectionBytes) break;
      } else if (doc.count - start >= lim) break;
    }
    remaining--;
  }
  return doc.lines.join('\n') + '\n';
}

/** One sentence, or a list of one or two items (tasks or goals where the section has them). */
function shortBlock(doc, sectionId) {
  const { rng } = doc;
  if (sectionId === 'goals') return list(doc, rng.int(1, 2), { goals: true });
  if (sectionId === 'follow-ups' || sectionId === 'quick-wins') return list(doc, rng.int(1, 2), { tasks: true });
  if (rng.chance(0.5)) return list(doc, rng.int(1, 2));
  const { ctx } = doc;
  doc.push(...wrap(sentence(rng, ctx), ctx.wrap));
  doc.blank();
}

function readme(rng, title, entries) {
  const lines = [`# ${title}`, '', 'Working folder for the account team. Playbooks are linted with `playbook-lint`; this README is not a playbook.', ''];
  lines.push('## Files', '');
  for (const e of entries.slice(0, 40)) lines.push(`- [${e}](./${e})`);
  lines.push('', '## How we work', '');
  const n = rng.int(3, 12);
  for (let i = 0; i < n; i++) lines.push(`${i + 1}. ${cap(rng.pick(VERBS))} the ${rng.pick(ADJ)} ${rng.pick(NOUNS)} ${rng.pick(WHEN)}.`);
  lines.push('', '```sh', 'npx playbook-lint .', '```', '');
  if (rng.chance(0.5)) lines.push('Setext heading', '--------------', '', 'More notes; see <https://wiki.example/onboarding>.', '');
  return lines.join('\n');
}

const round1 = (x) => Math.round(x * 10) / 10;

function slugify(s) {
  return s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9가-힣]+/g, '-').replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------- corpus
/**
 * Generates the corpus into `dir`; returns a summary written into the stamp. `knobs`
 * (KNOBS by default) shape it; the default knobs give the corpus of the old
 * generate(dir, size), byte for byte.
 */
export function generate(dir, size, knobs = KNOBS) {
  knobs = { ...KNOBS, ...knobs };
  const rng = new Rng(size.seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const teams = ['north', 'south', 'east', 'west', 'apac'];
  let files = 0, bytes = 0, playbooks = 0, withoutFrontmatter = 0, docs = 0, korean = 0;
  const catalog = []; // {path, lines, lang, complete, bytes}
  const write = (rel, text) => {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    files++; bytes += Buffer.byteLength(text);
  };
  const usedSlugs = new Set();
  const teamEntries = new Map(teams.map((t) => [t, []]));
  while (playbooks < size.playbooks) {
    const ko = rng.chance(knobs.ko);
    let client = ko ? `${rng.pick(KO_CLIENT_A)} ${rng.pick(KO_CLIENT_B)}` : `${rng.pick(CLIENT_A)} ${rng.pick(CLIENT_B)}`;
    let slug = slugify(client);
    for (let k = 2; usedSlugs.has(slug); k++) { slug = `${slugify(client)}-${k}`; }
    usedSlugs.add(slug);
    if (ko && usedSlugs.size % 2) slug = `ko-${usedSlugs.size}`; // ASCII folder names too
    const team = rng.pick(teams);
    const n = Math.min(rng.int(2, 14), size.playbooks - playbooks);
    const names = [];
    for (let i = 0; i < n; i++) {
      const lang = ko && rng.chance(0.9) ? 'ko' : (!ko && rng.chance(0.01) ? 'ko' : 'en');
      // one draw either way: lines (today's) or bytes (the kb knob)
      const lines = knobs.kb ? 0 : rng.int(150, 400);
      const sizeBytes = knobs.kb ? rng.int(knobs.kb[0] * 1024, knobs.kb[1] * 1024) : 0;
      const complete = rng.chance(0.15);
      const name = `${rng.pick(['onboarding', 'playbook', 'engagement'])}-${2024 + (i % 3)}-${String(i + 1).padStart(2, '0')}.md`;
      const text = playbook(rng, { client, slug, lang, targetLines: lines, sizeBytes, complete, knobs });
      write(join(team, slug, name), text);
      if (!text.startsWith('---\n')) withoutFrontmatter++;
      if (lang === 'ko') korean++;
      names.push(name);
      catalog.push({ path: join(team, slug, name), lines: text.split('\n').length - 1, lang, complete, bytes: Buffer.byteLength(text) });
      playbooks++;
    }
    write(join(team, slug, 'README.md'), readme(rng, `${client} workspace`, names));
    teamEntries.get(team).push(`${slug}/README.md`);
    // the docs knob: ordinary documents until they (with the READMEs) make its share of the files
    if (knobs.docs != null) {
      for (let k = 1; (files - playbooks) / files < knobs.docs; k++) {
        const kind = rng.pick(DOC_KINDS);
        const docLang = ko && rng.chance(0.9) ? 'ko' : 'en';
        const sub = rng.chance(0.3) ? 'notes' : '';
        write(join(team, slug, sub, `${kind}-${k}.md`), ordinaryDoc(rng, { client, slug, lang: docLang, kind, bytes: rng.int(1024, 16 * 1024), findings: knobs.findings }));
        docs++;
      }
    }
  }
  for (const t of teams) write(join(t, 'README.md'), readme(rng, `Team ${t}`, teamEntries.get(t)));
  // the two big ones (with the default knobs in every shape)
  const big = playbook(rng, { client: 'Megacorp Holdings', slug: 'megacorp', lang: 'en', targetBytes: size.bigBytes, complete: true });
  write(join('big', 'megacorp-1mb.md'), big);
  const long = playbook(rng, { client: 'Longview Retail', slug: 'longview', lang: 'en', targetLines: size.longLines, shortLines: true, complete: true });
  write(join('big', 'longview-10k-lines.md'), long);
  write(join('big', 'README.md'), readme(rng, 'Big playbooks', ['megacorp-1mb.md', 'longview-10k-lines.md']));
  write('README.md', readme(rng, 'Benchmark corpus', teams.map((t) => `${t}/README.md`)));
  playbooks += 2;

  // a typical 300-line English playbook with every section, for the in-process bench
  const typical = catalog
    .filter((c) => c.lang === 'en' && c.complete)
    .sort((a, b) => Math.abs(a.lines - 300) - Math.abs(b.lines - 300) || (a.path < b.path ? -1 : 1))[0];
  const kbs = catalog.map((c) => c.bytes / 1024).sort((a, b) => a - b);
  return {
    version: GENERATOR_VERSION, files, bytes, playbooks,
    // playbook-lint reports the files whose frontmatter has `client`: not those without frontmatter
    linted: playbooks - withoutFrontmatter, withoutFrontmatter,
    readmes: files - playbooks - docs, docs, korean,
    // the ordinary playbooks' sizes (not the two big ones)
    playbookKB: { min: round1(kbs[0]), median: round1(kbs[kbs.length >> 1]), max: round1(kbs[kbs.length - 1]) },
    big: { bytes: Buffer.byteLength(big), lines: big.split('\n').length - 1 },
    long: { bytes: Buffer.byteLength(long), lines: long.split('\n').length - 1 },
    typical: typical.path.split('\\').join('/'),
    typicalLines: typical.lines,
  };
}

// bench/.corpus/ is gitignored, and playbook-lint (like git) skips gitignored
// folders, so each corpus folder is marked as a repository root of its own (an
// empty `.git` folder, which git itself does not treat as a repository): like a
// real agency's playbooks repository.
function markRepoRoot(dir) { mkdirSync(join(dir, '.git'), { recursive: true }); }

/** Makes sure bench/.corpus/<mode> exists and is current; returns {dir, stamp, generated}. */
export function ensureCorpus({ quick = false, force = false, log = () => {} } = {}) {
  const mode = quick ? 'quick' : 'full';
  return ensure({ name: mode, size: SIZES[mode], extra: { mode }, force, log });
}

/**
 * Makes sure bench/.corpus/shape-<name>[-<playbooks>]/ exists and is current (its stamp
 * holds the generator's versions and the knobs); `playbooks` overrides the shape's count
 * (a quick check), in a folder of its own. Returns {dir, stamp, generated, knobs}.
 */
export function ensureShapeCorpus(name, { playbooks, force = false, log = () => {} } = {}) {
  const knobs = shapeKnobs(name);
  if (playbooks) knobs.playbooks = playbooks;
  const folder = `shape-${name}${playbooks ? `-${playbooks}` : ''}`;
  const size = { ...SIZES.full, playbooks: knobs.playbooks };
  return { ...ensure({ name: folder, size, knobs, extra: { shape: name, knobs, shapeVersion: SHAPE_VERSION }, force, log }), knobs };
}

/** Generates `name` unless its stamp says it is current (same version, size and extra fields). */
function ensure({ name, size, knobs = KNOBS, extra, force, log }) {
  const dir = join(CORPUS_ROOT, name);
  const stampFile = join(CORPUS_ROOT, `${name}.stamp.json`);
  if (!force && existsSync(stampFile) && existsSync(dir)) {
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
      const same = (k) => JSON.stringify(stamp[k]) === JSON.stringify(extra[k]);
      if (stamp.version === GENERATOR_VERSION && stamp.size && JSON.stringify(stamp.size) === JSON.stringify(size) && Object.keys(extra).every(same)) {
        markRepoRoot(dir);
        return { dir, stamp, generated: false };
      }
    } catch { /* regenerate */ }
  }
  log(`generating the ${name} corpus in ${relative(process.cwd(), dir) || dir} ...`);
  const t0 = performance.now();
  const summary = generate(dir, size, knobs);
  markRepoRoot(dir);
  const stamp = { ...summary, size, ...extra };
  mkdirSync(CORPUS_ROOT, { recursive: true });
  writeFileSync(stampFile, JSON.stringify(stamp, null, 2) + '\n');
  log(`  ${summary.files} files (${summary.playbooks} playbooks, ${summary.readmes} READMEs${summary.docs ? `, ${summary.docs} other docs` : ''}), ${(summary.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { dir, stamp, generated: true };
}

/** A tiny folder (3 playbooks + a README) to check that every tool runs. */
export function ensureTiny() {
  const dir = join(CORPUS_ROOT, 'tiny');
  const rng = new Rng(42);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'acme'), { recursive: true });
  const names = [];
  for (let i = 0; i < 3; i++) {
    const name = `playbook-${i + 1}.md`;
    writeFileSync(join(dir, 'acme', name), playbook(rng, { client: 'Acme Outdoor Co.', slug: 'acme', lang: i === 2 ? 'ko' : 'en', targetLines: 150 }));
    names.push(name);
  }
  writeFileSync(join(dir, 'acme', 'README.md'), readme(rng, 'Acme workspace', names));
  markRepoRoot(dir);
  return { dir, playbooks: 3, files: 4 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (k) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : undefined; };
  const quick = args.includes('--quick');
  const force = args.includes('--force');
  const log = (m) => process.stderr.write(m + '\n');
  const shape = opt('--shape');
  const { dir, stamp, generated } = shape
    ? ensureShapeCorpus(shape, { playbooks: Number(opt('--playbooks')) || undefined, force, log })
    : ensureCorpus({ quick, force, log });
  if (!generated) process.stderr.write(`corpus is current: ${dir}\n`);
  process.stdout.write(JSON.stringify(stamp, null, 2) + '\n');
}
