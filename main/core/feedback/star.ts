/**
 * STAR structure of a behavioral answer: which of situation, task, action and result are
 * there, and whether the result is concrete (a number, a percentage, time saved). Cue phrases,
 * not understanding: it tells a story with no result from one with a result, and a result
 * with numbers from one without — the two things candidates most often leave out.
 */
import type { StarPartName, StarView } from '../../contract/services/feedback.js';

const LABEL = (name: string) => new RegExp(`(^|\\n|[.!?]\\s+)\\s*${name}\\s*[:—–-]`, 'i');

const CUES: Record<StarPartName, RegExp[]> = {
  situation: [
    /\b(at|in) my (last|previous|current|old|first|former) (job|company|team|role|employer|position|startup)\b/,
    /\b(when|while) (i|we) (was|were)\b/,
    /\b(a few|two|three|several|some) (years|months|weeks) ago\b/,
    /\blast (year|quarter|month|summer|spring|autumn|fall|winter)\b/,
    /\bback (in|when)\b/,
    /\bthe (context|situation|background|setting) (was|is)\b/,
    /\b(we|our team|the team|our company|the company) (had|was|were) (a|an|the|about|around|only|running|building|using|migrating|growing|struggling|dealing)\b/,
    /\bthere (was|were) (a|an|this|some|two|three|many)\b/,
    /\bi was (a|an|the|on|at|part of|working|leading|one of)\b/,
  ],
  task: [
    /\bmy (role|job|task|responsibility|goal|part|mandate|assignment) (was|is)\b/,
    /\bi was (responsible|asked|tasked|in charge|supposed|expected|accountable|the owner|the one)\b/,
    /\b(i|we) (needed|had|was asked) to\b/,
    /\bthe (goal|challenge|problem|task|ask|objective) was\b/,
    /\bit was my (job|call|responsibility|task|decision)\b/,
    /\bi owned\b/,
  ],
  action: [
    /\b(so|first|then|next|finally),? i\b/,
    /\bi (decided|started|began|chose|proposed|suggested|organi[sz]ed|scheduled|reached out|set up|sat down|pushed|convinced|asked|talked|spoke|met|built|wrote|created|designed|implemented|added|fixed|introduced|ran|led|drove|brought|took|made|gave|worked|dug|rolled|wrote|pair(ed)?|documented|escalated|negotiated|mentored|coached|refactored|migrated|prototyped|measured|tested|shipped|delivered|reviewed|removed|moved|changed|split|automated)\b/,
  ],
  result: [
    /\bas a result\b/,
    /\bin the end\b/,
    /\bthe (result|outcome|impact|upshot) (was|is)\b/,
    /\b(this|that|it|which) (led to|resulted in|meant|cut|reduced|saved|improved|increased|brought)\b/,
    /\bended up\b/,
    /\bwent (from|up|down)\b/,
    /\b(we|i) (shipped|launched|delivered|hit|met|reduced|cut|saved|improved|increased|closed|finished|completed|halved|doubled|won|recovered)\b/,
    /\b(reduced|increased|improved|dropped|decreased|grew|doubled|halved|fell|rose|went (up|down))\b.*\b(by|from|to)\b/,
    /\b(since then|afterwards|after that,? (we|the team))\b/,
    /\bi learned\b/,
    /\b(the )?lesson\b/,
  ],
};

/** Numbers, percentages and amounts of time: what makes a result concrete. */
const QUANTITY =
  /(\d[\d,.]*\s*(%|percent|x\b|times|k\b|ms\b|milliseconds|seconds|minutes|hours|days|weeks|months|years|people|engineers|customers|users|tickets|incidents|dollars)?|\$\s?\d[\d,.]*|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|hundreds|a thousand|thousands|millions)\s+(percent|times|hours|days|weeks|months|minutes|seconds|people|engineers|customers|users|tickets|incidents|releases|teams)\b|\b(halved|doubled|tripled|tenfold|twice as|half (the|of|as))\b)/i;

/**
 * A measured change said anywhere in the story, follow-up answers included: "from 30 a week to 2
 * a week", "by 40%", "down to 3 minutes". Told as a change, a number is the result's size
 * even in a sentence with no result cue.
 */
const CHANGE =
  /\bfrom\s+(?:about\s+|around\s+|roughly\s+)?\$?\d[\d,.]*[^.!?\n]{0,40}?\bto\s+(?:about\s+|around\s+|roughly\s+|under\s+)?\$?\d[\d,.]*(?:\s*(?:%|percent|[a-z]+))?|(?<=\bby\s+(?:about\s+|around\s+)?)\d[\d,.]*\s*(?:%|percent|x\b|times)|\d[\d,.]*\s*(?:%|percent)\s+(?:fewer|less|more|faster|slower|lower|higher|drop|reduction|increase|improvement)|\b(?:down|up)\s+to\s+\d[\d,.]*\s*[a-z%]*/i;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function shorten(sentence: string): string {
  return sentence.length > 160 ? `${sentence.slice(0, 157)}…` : sentence;
}

function labelledPart(text: string, part: StarPartName): string | null {
  const match = LABEL(part).exec(text);
  if (!match) return null;
  const rest = text.slice(match.index + match[0].length).trim();
  return sentences(rest)[0] ?? '';
}

const ACTION_VERB =
  /^(?:[a-z]+ed|built|rebuilt|wrote|rewrote|took|made|ran|led|drove|brought|gave|met|spoke|sat|set|went|got|sent|found|began|chose|kept|held|told|put|dug|split|taught|fought|sought|bought|won|broke|drew|hid|shut|cut)$/;
const NOT_ACTION = new Set([
  'wanted',
  'needed',
  'liked',
  'seemed',
  'used',
  'loved',
  'hated',
  'hoped',
  'believed',
  'realized',
  'realised',
  'noticed',
  'learned',
  'learnt',
  'felt',
  'had',
  'was',
  'got',
]);

/** "I built…" versus "we built…", with an optional adverb between ("I then wrote"). */
function countActions(text: string): { i: number; we: number } {
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  let i = 0;
  let we = 0;
  for (let k = 0; k < words.length; k++) {
    const who = words[k];
    if (who !== 'i' && who !== 'we') continue;
    let verb = words[k + 1] ?? '';
    if (/^(then|also|first|quickly|immediately|personally|eventually|finally|just|actually)$/.test(verb))
      verb = words[k + 2] ?? '';
    if (!ACTION_VERB.test(verb) || NOT_ACTION.has(verb)) continue;
    if (who === 'i') i++;
    else we++;
  }
  return { i, we };
}

function hasAction(sentence: string): boolean {
  const { i, we } = countActions(sentence);
  return i + we > 0;
}

export function starStructure(text: string): StarView {
  const all = sentences(text);
  const resultSentences: string[] = [];
  const parts = (['situation', 'task', 'action', 'result'] as const).map((part) => {
    const labelled = labelledPart(text, part);
    const cued = all.find(
      (s) => CUES[part].some((re) => re.test(s.toLowerCase())) || (part === 'action' && hasAction(s)),
    );
    if (part === 'result') {
      if (labelled !== null) resultSentences.push(labelled);
      for (const s of all) if (CUES.result.some((re) => re.test(s.toLowerCase()))) resultSentences.push(s);
    }
    const evidence = labelled ?? cued ?? null;
    return { part, present: evidence !== null, evidence: evidence === null ? null : shorten(evidence) };
  });
  const quantity =
    resultSentences.map((s) => CHANGE.exec(s)?.[0] ?? QUANTITY.exec(s)?.[0] ?? null).find((q) => q !== null) ??
    all.map((s) => CHANGE.exec(s)?.[0] ?? null).find((q) => q !== null) ??
    null;
  const actions = countActions(text);
  return {
    parts,
    resultQuantified: quantity !== null,
    quantity: quantity?.trim() ?? null,
    iActions: actions.i,
    weActions: actions.we,
  };
}
