// Spots details in free text that could identify the person who wrote it: an
// e-mail address, a phone number, an employee number, a date, a shift or a
// ticket number, and the writer's own name where they introduce themselves. Pages warn before sending (never block): an anonymous channel
// is only anonymous if the text itself does not name the writer. Shared by the
// suggestion box and free-text survey answers; pure, so it runs in the browser
// and in tests alike. Tuned for few false alarms on ordinary prose in English
// and Chinese — a warning that cries wolf gets ignored.

export type IdentifyingKind = "name" | "email" | "phone" | "employee_id" | "date" | "shift_or_ticket";

export interface IdentifyingFinding {
  kind: IdentifyingKind;
  /** UTF-16 offsets into the text, end exclusive (String.prototype.slice). */
  start: number;
  end: number;
  text: string;
}

interface Detector {
  kind: IdentifyingKind;
  pattern: RegExp;
  /** Higher wins when two findings overlap (a keyword match beats a bare shape). */
  priority: number;
  /** Extra check on the match; false drops it. */
  accept?: (match: RegExpExecArray) => boolean;
}

const digitsIn = (s: string) => s.replace(/\D/g, "").length;

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const CN_NUM = "[一二三四五六七八九十〇零两]";

// ISO 4217 currency codes (and RMB), ISO and GB (Chinese national standard)
// prefixes: "USD12000", "ISO27001", "GB50016" have an employee number's shape.
const NOT_AN_ID_PREFIX = new Set(
  (
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNH CNY " +
    "COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD " +
    "IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK " +
    "MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL " +
    "SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR " +
    "ZMW ZWL RMB ISO GB GBT"
  ).split(" "),
);

// named shifts, and how a writer says they work one ("I work the late shift", "we're on nights")
const SHIFT_NAME = "(?:late|night|early|evening|morning|graveyard|swing|weekend|overnight|day|afternoon)";
const SHIFT_VERB =
  "work(?:s|ed|ing)?|on|do(?:ing)?|cover(?:s|ed|ing)?|run(?:s|ning)?|lead(?:s|ing)?|manag(?:e|es|ed|ing)|supervis(?:e|es|ed|ing)|staff(?:ed|ing)?";
const SHIFT_ADVERB = "usually|always|still|now|mostly|often|currently|normally|only|start(?:ed)?|began|begin";

// what may follow "11月27" for it to still be a day, not a count ("11月27个", "3月5次")
const COUNT_AFTER = "[\\d个次天人名位元块万千百件条通张份家岁倍期批周%％.]";

// The commonest Chinese surnames (about 85 % of people), single and double.
// A name is recognised only after a self-introduction, so a surname that is
// also a word (高, 方, 马) does not raise alarms in ordinary prose.
const CN_SURNAME =
  "(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|令狐|" +
  "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝]" +
  ")";
// "我是夜班组的张伟" / "我叫李娜" / "本人王芳，…": the name after a self-introduction,
// optionally after a short "X组的" (which team says nothing more than the name does).
const CN_NAME_INTRO = "(?:我是|我叫|我名叫|我的名字(?:是|叫)|本人(?:是|叫|姓名(?:是|为|:|：)?)?|署名(?:[:：])?|落款(?:[:：])?)";
// English: "my name is Jane", "I'm Zhang Wei", "call me Tom".
// After "I'm"/"I am", words a person says of themselves with a capital are not names.
const NOT_A_NAME = new Set(
  (
    "A An The Not So Very Really Just Also Still Sure Sorry Happy Glad Here There New On In At From With Afraid Chinese English " +
    "British American Indian Muslim Christian Catholic OK Ok Okay HR IT QA Team Agent Supervisor Manager Lead Senior Junior Tired " +
    "Done Fine Good Bad Back Going Writing Asking Suggesting Proud Worried Concerned Grateful Thankful Sad Angry Frustrated Only"
  ).split(" "),
);

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const DETECTORS: Detector[] = [
  // --- the writer's own name, where they introduce themselves
  {
    kind: "name",
    pattern: new RegExp(
      `(?<=${CN_NAME_INTRO}\\s*(?:[\\u4e00-\\u9fffA-Za-z0-9]{1,8}的)?)${CN_SURNAME}[\\u4e00-\\u9fff]{1,2}(?![\\u4e00-\\u9fff])`,
      "g",
    ),
    priority: 5,
    // "我是高兴的", "本人就是": particles and common verbs are not part of a name
    accept: (m) => !/[的了地得们吗呢啊吧着过和与在是就也都很不没要说想觉认]/.test(m[0].slice(1)),
  },
  {
    kind: "name",
    pattern:
      /(?<=\b(?:[Mm]y name is|[Mm]y name['’]s|[Mm]y full name is|[Ii]t['’]s me,|[Ss]igned,?|[Ii]['’]m|[Ii] am|[Cc]all me)\s+)[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\b/g,
    priority: 5,
    accept: (m) => !NOT_A_NAME.has(m[0].split(/[ -]/)[0]!),
  },
  // --- e-mail
  {
    kind: "email",
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
    priority: 5,
  },
  // --- phone numbers
  {
    // mainland mobile: 11 digits starting 13–19, optionally +86 and grouped 3-4-4
    kind: "phone",
    pattern: /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g,
    priority: 4,
  },
  {
    // mainland landline: area code 0xx(x) then 7–8 digits, e.g. 010-12345678, (021) 8765 4321
    kind: "phone",
    pattern: /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)/g,
    priority: 4,
    accept: (m) => {
      const n = digitsIn(m[0]);
      return n >= 10 && n <= 12;
    },
  },
  {
    // international: a leading + (or 00) and 8–15 digits in groups
    kind: "phone",
    pattern: /(?<![\w+])(?:\+|00)\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}(?!\d)/g,
    priority: 4,
    accept: (m) => {
      const n = digitsIn(m[0]);
      return n >= 8 && n <= 15;
    },
  },
  {
    // North American style: (555) 123-4567, 555-123-4567
    kind: "phone",
    pattern: /(?<![\d-])(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])/g,
    priority: 3,
  },
  {
    // hotline-style extension: 分机 1234, ext. 1234
    kind: "phone",
    pattern: /(?:分机号?|\bext\.?|\bextension)\s*[:：#]?\s*\d{3,6}(?!\d)/gi,
    priority: 3,
  },
  // --- employee numbers
  {
    kind: "employee_id",
    pattern:
      /(?:工号|员工号|员工编号|职工号|人员编号|[坐座]席编?号|\b(?:employee|staff|badge|personnel|agent)\s*(?:id|no\.?|number|#|code)|\b(?:badge|agent)(?=\s*[:#]?\s*[A-Za-z]{0,4}[-_]?\d)|\bemp(?:loyee)?\s*id)\s*(?:是|为|:|：|#|=)?\s*[A-Za-z]{0,4}[-_]?\d{3,10}(?!\d)/gi,
    priority: 6,
  },
  {
    // bare shape: 1–3 capital letters and 5–8 digits (E104582, CS-004512), not a year or an amount
    kind: "employee_id",
    pattern: /\b([A-Z]{1,3})[-_]?\d{5,8}\b/g,
    priority: 1,
    accept: (m) => !NOT_AN_ID_PREFIX.has(m[1]!),
  },
  // --- shifts and tickets
  {
    kind: "shift_or_ticket",
    pattern:
      /(?:工单号?|单号|订单号?|投诉单号?|案件号|\b(?:ticket|case|incident|order|complaint|request|call)\s*(?:id|no\.?|number|#|ref(?:erence)?)?)\s*(?:是|为|:|：|#|=)?\s*[A-Za-z]{0,5}[-_]?\d[\d-]{3,}(?!\d)/gi,
    priority: 6,
    // "order 2026" could be prose; four digits count only with an explicit marker or a Chinese keyword.
    // "call 12345 hotline", "order 12345 items": call, order and request need a marker whatever the length.
    accept: (m) => {
      const marked = /[#:：号]|\b(?:no|number|id|ref|reference)\b/i.test(m[0]);
      if (/^(?:call|order|request)\b/i.test(m[0])) return marked;
      return digitsIn(m[0]) >= 5 || marked || /^[工单订投案]/.test(m[0]);
    },
  },
  {
    // a ticket reference on its own: TKT-2026-00123, INC-2026-4471
    kind: "shift_or_ticket",
    pattern: /\b([A-Z]{2,5})-\d{2,4}-\d{3,8}\b/g,
    priority: 2,
    accept: (m) => !NOT_AN_ID_PREFIX.has(m[1]!),
  },
  {
    kind: "shift_or_ticket",
    pattern:
      /(?:班次|\bshift)\s*(?:no\.?|number|#)?\s*(?:是|为|:|：|#)?\s*[A-Za-z]?-?\d{1,4}(?![\d%.]|\s*(?:hours?|hrs?|h|minutes?|mins?|小时|分钟|个))/gi,
    priority: 6,
  },
  {
    kind: "shift_or_ticket",
    pattern: /(?:[早中晚夜]班|第\s*\d{1,2}\s*班)\s*(?:\d{1,2}[:：]\d{2}\s*[-–~至到]\s*\d{1,2}[:：]\d{2})/g,
    priority: 5,
  },
  {
    // a named shift the writer works: "I'm on the late shift", "my night shift", "我上夜班".
    // The span is the shift itself; talk about others' shifts ("night-shift
    // colleagues are under pressure", "夜班的同事压力很大") is left alone.
    kind: "shift_or_ticket",
    pattern: new RegExp(
      `(?<=\\b(?:my|our)\\s+|\\b(?:I|we)(?:['’]m|['’]re|\\s+am|\\s+are|\\s+was|\\s+were)?\\s+(?:(?:${SHIFT_ADVERB})\\s+)?(?:${SHIFT_VERB})\\s+(?:the\\s+|a\\s+|my\\s+|our\\s+)?)${SHIFT_NAME}[\\s-]shifts?\\b`,
      "gi",
    ),
    priority: 5,
  },
  {
    kind: "shift_or_ticket",
    pattern:
      /(?<=我们?(?:一直|都|经常|常|总是|这周|本周|这个月|本月|目前|现在)?(?:是|在|上|值|做|轮|排|跟)?)(?:大夜班|小夜班|[早中晚夜白]班)/g,
    priority: 5,
  },
  {
    kind: "shift_or_ticket",
    pattern: /(?<![\w#])#\d{4,}(?!\d)/g,
    priority: 2,
  },
  // --- dates
  {
    kind: "date",
    pattern: /(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?!\d)/g,
    priority: 3,
    accept: (m) => validDay(Number(m[2]), Number(m[3])),
  },
  {
    kind: "date",
    pattern: /(?<![\d.])(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4})(?![\d.])/g,
    priority: 3,
    // with dots, only a four-digit year: 5.12.20 and 10.30.45 are version numbers
    accept: (m) => (m[2] === "/" || m[4]!.length === 4) && (validDay(Number(m[1]), Number(m[3])) || validDay(Number(m[3]), Number(m[1]))),
  },
  {
    kind: "date",
    pattern: new RegExp(`(?<!\\d)(\\d{1,2})月(\\d{1,2})(?:[日号](?!\\d)|(?!\\s*${COUNT_AFTER}))`, "g"),
    priority: 3,
    accept: (m) => validDay(Number(m[1]), Number(m[2])),
  },
  {
    kind: "date",
    pattern: new RegExp(`${CN_NUM}{1,3}月${CN_NUM}{1,3}[日号]`, "g"),
    priority: 3,
  },
  {
    kind: "date",
    pattern: new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`, "g"),
    priority: 3,
    accept: (m) => Number(m[0].match(/\s(\d{1,2})/)?.[1]) <= 31,
  },
  {
    kind: "date",
    pattern: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+\\d{4})?`, "g"),
    priority: 3,
    accept: (m) => Number(m[0].match(/^\d{1,2}/)?.[0]) <= 31 && Number(m[0].match(/^\d{1,2}/)?.[0]) >= 1,
  },
];

/**
 * Full-width ASCII (U+FF01–FF5E, what a Chinese IME types by default) to
 * ASCII and the ideographic space to a space. One UTF-16 unit for one, so
 * offsets found in the folded text are valid in the original.
 */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Every identifying detail found, in text order, without overlaps. */
export function findIdentifying(original: string): IdentifyingFinding[] {
  if (!original) return [];
  const text = foldWidth(original);
  const candidates: (IdentifyingFinding & { priority: number })[] = [];
  for (const detector of DETECTORS) {
    const pattern = new RegExp(detector.pattern.source, detector.pattern.flags);
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (detector.accept && !detector.accept(m)) continue;
      const raw = m[0];
      const trimmed = raw.trimEnd();
      candidates.push({
        kind: detector.kind,
        start: m.index,
        end: m.index + trimmed.length,
        text: original.slice(m.index, m.index + trimmed.length),
        priority: detector.priority,
      });
    }
  }
  // Highest priority first, then longest: keep a candidate only if it overlaps nothing kept.
  candidates.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: (IdentifyingFinding & { priority: number })[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start).map(({ kind, start, end, text: t }) => ({ kind, start, end, text: t }));
}

/** The distinct kinds found, in a stable order, for a one-line warning. */
export function identifyingKinds(text: string): IdentifyingKind[] {
  const found = new Set(findIdentifying(text).map((f) => f.kind));
  return IDENTIFYING_KINDS.filter((k) => found.has(k));
}

export const IDENTIFYING_KINDS: readonly IdentifyingKind[] = ["name", "email", "phone", "employee_id", "date", "shift_or_ticket"];
